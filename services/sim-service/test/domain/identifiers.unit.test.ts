import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  activationCodeBits,
  isValidLuhn,
  luhnCheckDigit,
  validateActivationCode,
  validateIccid,
  validateImei,
  validateImsi,
  validateMsisdn,
  validateOperatorId,
  validateSimRow,
} from "../../src/domain/identifiers.ts";

// Reference Luhn, written differently from the module (sum every digit with the
// weights 1,2,1,2,… from the right, accept when the total is a multiple of 10).
function referenceLuhnValid(digits: string): boolean {
  let total = 0;
  [...digits].reverse().forEach((char, index) => {
    const doubled = Number(char) * (index % 2 === 1 ? 2 : 1);
    total += Math.floor(doubled / 10) + (doubled % 10);
  });
  return total % 10 === 0;
}

// ICCIDs whose check digits were computed outside this codebase.
const VALID_ICCIDS = [
  "89014103211118510720", // 20 digits, US
  "8944500102198304826", // 19 digits, UK
  "89314404000000000019",
  "89492260000000000008",
  "8910042348144559361",
  "89883030000000000007",
  "89882470001000000004",
];

// Flip the last digit to every other value: each one must fail the check.
function wrongCheckDigits(valid: string): string[] {
  const last = Number(valid.at(-1));
  return [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((d) => d !== last).map((d) => valid.slice(0, -1) + String(d));
}

function withCheckDigit(payload: string): string {
  return payload + String(luhnCheckDigit(payload));
}

describe("luhnCheckDigit and isValidLuhn", () => {
  it("matches textbook examples", () => {
    expect(luhnCheckDigit("7992739871")).toBe(3);
    expect(isValidLuhn("79927398713")).toBe(true);
    expect(isValidLuhn("79927398710")).toBe(false);
    expect(luhnCheckDigit("49015420323751")).toBe(8); // IMEI example
    expect(luhnCheckDigit("0")).toBe(0);
    expect(luhnCheckDigit("1")).toBe(8);
    expect(luhnCheckDigit("9")).toBe(1);
    expect(luhnCheckDigit("8901410321111851072")).toBe(0);
    expect(luhnCheckDigit("894450010219830482")).toBe(6);
  });

  it("throws on anything but ASCII digits", () => {
    for (const bad of ["", "12a4", " 123", "１２３", "٠١٢", "-1", "1.5"]) {
      expect(() => luhnCheckDigit(bad)).toThrow(RangeError);
    }
  });

  it("refuses non-digit and too-short input", () => {
    for (const bad of ["", "0", "7", "7992739871３", "79927398713 ", "٠٠", "+79927398713"]) {
      expect(isValidLuhn(bad)).toBe(false);
    }
    expect(isValidLuhn("00")).toBe(true);
    expect(isValidLuhn("18")).toBe(true);
  });

  it("agrees with a reference implementation on random digit strings", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{2,40}$/), (digits) => {
        expect(isValidLuhn(digits)).toBe(referenceLuhnValid(digits));
      }),
      { numRuns: 2000 },
    );
  });

  it("produces the only check digit that makes a payload valid", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,40}$/), (payload) => {
        const check = luhnCheckDigit(payload);
        for (let d = 0; d <= 9; d++) {
          expect(referenceLuhnValid(payload + String(d))).toBe(d === check);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("detects every single-digit error and every adjacent transposition except 09/90", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{18}$/),
        fc.nat(18),
        fc.integer({ min: 1, max: 9 }),
        (payload, at, delta) => {
          const valid = withCheckDigit(payload);
          const digit = (Number(valid[at]) + delta) % 10;
          const mutated = valid.slice(0, at) + String(digit) + valid.slice(at + 1);
          expect(isValidLuhn(mutated)).toBe(false);
        },
      ),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{18}$/), fc.nat(17), (payload, at) => {
        const valid = withCheckDigit(payload);
        const a = valid[at] ?? "";
        const b = valid[at + 1] ?? "";
        if (a === b || (a === "0" && b === "9") || (a === "9" && b === "0")) return;
        const swapped = valid.slice(0, at) + b + a + valid.slice(at + 2);
        expect(isValidLuhn(swapped)).toBe(false);
      }),
    );
  });
});

describe("validateIccid", () => {
  it.each(VALID_ICCIDS)("accepts %s", (iccid) => {
    expect(validateIccid(iccid)).toEqual({ ok: true, value: iccid });
  });

  it("accepts any generated 19- or 20-digit ICCID with a computed check digit", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{16,17}$/), (rest) => {
        const iccid = withCheckDigit(`89${rest}`);
        expect(validateIccid(iccid)).toEqual({ ok: true, value: iccid });
      }),
    );
  });

  it.each(VALID_ICCIDS)("rejects %s with every other check digit", (iccid) => {
    for (const wrong of wrongCheckDigits(iccid)) {
      expect(validateIccid(wrong)).toEqual({
        ok: false,
        code: "INVALID_ICCID",
        reason: "check_digit",
        message: "ICCID check digit is wrong (Luhn)",
      });
    }
  });

  it("rejects 18- and 21-digit ICCIDs even with a valid check digit", () => {
    for (const totalLength of [3, 18, 21, 31]) {
      const iccid = withCheckDigit(`89${"1".repeat(totalLength - 3)}`);
      expect(iccid).toHaveLength(totalLength);
      expect(isValidLuhn(iccid)).toBe(true);
      expect(validateIccid(iccid)).toEqual({
        ok: false,
        code: "INVALID_ICCID",
        reason: "length",
        message: "ICCID must be 19 or 20 digits",
      });
    }
    expect(validateIccid("894450010219830482")).toMatchObject({ reason: "length" }); // 18
    expect(validateIccid("890141032111185107201")).toMatchObject({ reason: "length" }); // 21
  });

  it("rejects a wrong prefix even with a valid check digit", () => {
    for (const prefix of ["88", "98", "08", "90", "99", "18"]) {
      const iccid = withCheckDigit(`${prefix}01410321111851072`);
      expect(iccid).toHaveLength(20);
      expect(validateIccid(iccid)).toEqual({
        ok: false,
        code: "INVALID_ICCID",
        reason: "prefix",
        message: "ICCID must start with 89",
      });
    }
  });

  it("rejects non-digits, including Unicode digits and inner whitespace", () => {
    const cases = [
      "8901410321111851072O", // letter O for zero
      "89014103211118510720x",
      "8901-4103-2111-1851-0720",
      "8901 4103 2111 1851 0720",
      "89014103211118510\t720",
      "٨٩٠١٤١٠٣٢١١١١٨٥١٠٧٢٠", // Arabic-Indic digits of a valid ICCID
      "８９０１４１０３２１１１１８５１０７２０", // full-width digits
      "89014103211118510٠720",
      "+89014103211118510720",
      "-8944500102198304826",
      "8.944500102198304826e18",
    ];
    for (const input of cases) {
      expect(validateIccid(input)).toEqual({
        ok: false,
        code: "INVALID_ICCID",
        reason: "characters",
        message: "ICCID must contain digits only",
      });
    }
  });

  it("trims surrounding whitespace", () => {
    expect(validateIccid(" 89014103211118510720\n")).toEqual({ ok: true, value: "89014103211118510720" });
    expect(validateIccid("\t8944500102198304826 \r\n")).toEqual({ ok: true, value: "8944500102198304826" });
  });

  it("rejects empty and blank input as missing", () => {
    for (const input of ["", "   ", "\n\t"]) {
      expect(validateIccid(input)).toEqual({
        ok: false,
        code: "INVALID_ICCID",
        reason: "required",
        message: "ICCID is required",
      });
    }
  });

  it("rejects very long strings quickly without echoing them", () => {
    const longDigits = `89${"0".repeat(1_000_000)}`;
    const longJunk = "a".repeat(1_000_000);
    const started = performance.now();
    const digitsResult = validateIccid(longDigits);
    const junkResult = validateIccid(longJunk);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(digitsResult).toMatchObject({ ok: false, code: "INVALID_ICCID", reason: "length" });
    expect(junkResult).toMatchObject({ ok: false, code: "INVALID_ICCID", reason: "characters" });
    if (!digitsResult.ok) expect(digitsResult.message.length).toBeLessThan(100);
  });
});

describe("validateImsi", () => {
  it("accepts exactly 15 digits, leading zeros kept", () => {
    expect(validateImsi("310150123456789")).toEqual({ ok: true, value: "310150123456789" });
    expect(validateImsi("001010000000001")).toEqual({ ok: true, value: "001010000000001" });
    expect(validateImsi(" 234150999999999 ")).toEqual({ ok: true, value: "234150999999999" });
  });

  it("rejects other lengths", () => {
    for (const input of ["31015012345678", "3101501234567890", "1", "0".repeat(1000)]) {
      expect(validateImsi(input)).toEqual({
        ok: false,
        code: "INVALID_IMSI",
        reason: "length",
        message: "IMSI must be exactly 15 digits",
      });
    }
  });

  it("rejects non-digits", () => {
    for (const input of ["31015012345678a", "310 150123456789", "٣١٠١٥٠١٢٣٤٥٦٧٨٩", "+310150123456789"]) {
      expect(validateImsi(input)).toMatchObject({ ok: false, code: "INVALID_IMSI", reason: "characters" });
    }
    expect(validateImsi("")).toMatchObject({ ok: false, code: "INVALID_IMSI", reason: "required" });
  });
});

describe("validateMsisdn", () => {
  it("accepts E.164 numbers and stores them without '+'", () => {
    expect(validateMsisdn("+447700900123")).toEqual({ ok: true, value: "447700900123" });
    expect(validateMsisdn("447700900123")).toEqual({ ok: true, value: "447700900123" });
    expect(validateMsisdn(" +4915112345678 ")).toEqual({ ok: true, value: "4915112345678" });
    expect(validateMsisdn("12345678")).toEqual({ ok: true, value: "12345678" }); // 8 digits
    expect(validateMsisdn("+123456789012345")).toEqual({ ok: true, value: "123456789012345" }); // 15 digits
  });

  it("rejects fewer than 8 or more than 15 digits", () => {
    for (const input of ["1234567", "+1234567", "1234567890123456", "+1234567890123456", "+"]) {
      expect(validateMsisdn(input)).toEqual({
        ok: false,
        code: "INVALID_MSISDN",
        reason: "length",
        message: "MSISDN must be 8 to 15 digits (E.164)",
      });
    }
  });

  it("rejects a leading 0 (national or 00 form)", () => {
    for (const input of ["07700900123", "00447700900123", "+07700900123"]) {
      expect(validateMsisdn(input)).toMatchObject({ ok: false, code: "INVALID_MSISDN", reason: "prefix" });
    }
  });

  it("rejects anything but digits after an optional single leading '+'", () => {
    for (const input of [
      "++447700900123",
      "44+7700900123",
      "447700900123+",
      "+44 7700 900123",
      "+44-7700-900123",
      "(44)7700900123",
      "+٤٤٧٧٠٠٩٠٠١٢٣",
      "447700900１２３",
    ]) {
      expect(validateMsisdn(input)).toMatchObject({
        ok: false,
        code: "INVALID_MSISDN",
        reason: "characters",
      });
    }
    expect(validateMsisdn(" ")).toMatchObject({ ok: false, code: "INVALID_MSISDN", reason: "required" });
  });
});

describe("validateImei", () => {
  it("accepts 15 digits with a valid check digit", () => {
    expect(validateImei("490154203237518")).toEqual({ ok: true, value: "490154203237518" });
    expect(validateImei("356938035643809")).toEqual({ ok: true, value: "356938035643809" });
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{14}$/), (payload) => {
        expect(validateImei(withCheckDigit(payload)).ok).toBe(true);
      }),
    );
  });

  it("rejects a wrong check digit", () => {
    for (const wrong of wrongCheckDigits("490154203237518")) {
      expect(validateImei(wrong)).toEqual({
        ok: false,
        code: "INVALID_IMEI",
        reason: "check_digit",
        message: "IMEI check digit is wrong (Luhn)",
      });
    }
  });

  it("rejects other lengths even when Luhn-valid, and non-digits", () => {
    expect(validateImei(withCheckDigit("4901542032375"))).toMatchObject({
      code: "INVALID_IMEI",
      reason: "length",
    });
    expect(validateImei(withCheckDigit("490154203237510"))).toMatchObject({
      code: "INVALID_IMEI",
      reason: "length",
    });
    expect(validateImei("49015420323751X")).toMatchObject({ code: "INVALID_IMEI", reason: "characters" });
    expect(validateImei("49-015420-323751-8")).toMatchObject({ code: "INVALID_IMEI", reason: "characters" });
    expect(validateImei("")).toMatchObject({ code: "INVALID_IMEI", reason: "required" });
  });
});

describe("validateActivationCode", () => {
  it("accepts codes of at least 8 symbols and 40 bits, keeping case", () => {
    for (const input of [
      "ab12CD34",
      "K7Q2-zz91",
      "ABCD-1234",
      "ABCDEFGHJ",
      "1234567890123",
      "A".repeat(64),
    ]) {
      expect(validateActivationCode(input)).toEqual({ ok: true, value: input });
    }
  });

  it("hole 5: refuses codes that can be guessed across many SIMs (short, or below 40 bits)", () => {
    for (const input of ["abcd", "K7-Q2", "ABCDEFGH", "123456789012", "----------", "ab1-c"]) {
      expect(validateActivationCode(input)).toMatchObject({
        ok: false,
        code: "INVALID_ACTIVATION_CODE",
        reason: "strength",
      });
    }
    expect(activationCodeBits("ABCDEFGH")).toBeLessThan(40);
    expect(activationCodeBits("ABCD1234")).toBeGreaterThanOrEqual(40);
  });

  it("rejects more than 64 characters", () => {
    for (const input of ["A".repeat(65), "x".repeat(100_000)]) {
      expect(validateActivationCode(input)).toEqual({
        ok: false,
        code: "INVALID_ACTIVATION_CODE",
        reason: "length",
        message: "activation code must be at most 64 characters",
      });
    }
  });

  it("rejects other characters", () => {
    for (const input of [
      "abc_d1234",
      "abc d1234",
      "LPA:1$smdp.example$X",
      "ćode12345",
      "code٠1234",
      "ab\u0000cd1234",
    ]) {
      expect(validateActivationCode(input)).toMatchObject({
        ok: false,
        code: "INVALID_ACTIVATION_CODE",
        reason: "characters",
      });
    }
  });
});

describe("validateOperatorId", () => {
  it("accepts a UUID and lower-cases it", () => {
    expect(validateOperatorId("3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b")).toEqual({
      ok: true,
      value: "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b",
    });
    expect(validateOperatorId("3F2B8C1E-9A4D-4E6F-8B7A-1C2D3E4F5A6B")).toEqual({
      ok: true,
      value: "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b",
    });
  });

  it("rejects anything else", () => {
    for (const input of [
      "3f2b8c1e9a4d4e6f8b7a1c2d3e4f5a6b",
      "{3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b}",
      "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6",
      "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6bb",
      "gf2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b",
      "operator-1",
    ]) {
      expect(validateOperatorId(input)).toEqual({
        ok: false,
        code: "INVALID_OPERATOR_ID",
        reason: "format",
        message: "operatorId must be a UUID",
      });
    }
  });
});

describe("validateSimRow", () => {
  const OPERATOR = "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b";

  it("normalises a full JSON row", () => {
    expect(
      validateSimRow({
        iccid: "89014103211118510720",
        imsi: "310150123456789",
        msisdn: "+447700900123",
        imei: "490154203237518",
        eSim: true,
        operatorId: OPERATOR.toUpperCase(),
        activationCode: "K7Q2-M9X4",
      }),
    ).toEqual({
      ok: true,
      row: {
        iccid: "89014103211118510720",
        imsi: "310150123456789",
        msisdn: "447700900123",
        imei: "490154203237518",
        eSim: true,
        operatorId: OPERATOR,
        activationCode: "K7Q2-M9X4",
      },
    });
  });

  it("fills absent optional fields with null and eSim with false", () => {
    const expected = {
      ok: true,
      row: {
        iccid: "8944500102198304826",
        imsi: null,
        msisdn: null,
        imei: null,
        eSim: false,
        operatorId: null,
        activationCode: null,
      },
    };
    expect(validateSimRow({ iccid: "8944500102198304826" })).toEqual(expected);
    // A CSV line with empty cells, and JSON nulls, mean the same.
    expect(
      validateSimRow({
        iccid: "8944500102198304826",
        imsi: "",
        msisdn: " ",
        imei: "",
        eSim: "",
        operatorId: "",
        activationCode: "",
      }),
    ).toEqual(expected);
    expect(
      validateSimRow({
        iccid: "8944500102198304826",
        imsi: null,
        msisdn: null,
        imei: null,
        eSim: null,
        operatorId: null,
        activationCode: null,
      }),
    ).toEqual(expected);
  });

  it("reads eSim from CSV text", () => {
    for (const [text, value] of [
      ["true", true],
      ["TRUE", true],
      [" True ", true],
      ["false", false],
      ["False", false],
    ] as const) {
      const result = validateSimRow({ iccid: "8944500102198304826", eSim: text });
      expect(result.ok && result.row.eSim).toBe(value);
    }
    for (const bad of ["yes", "1", "0", 1, {}, "t"]) {
      expect(validateSimRow({ iccid: "8944500102198304826", eSim: bad })).toEqual({
        ok: false,
        problems: [
          { field: "eSim", code: "INVALID_ESIM", reason: "format", message: "eSim must be true or false" },
        ],
      });
    }
  });

  it("requires an ICCID", () => {
    for (const iccid of [undefined, null, "", "  "]) {
      expect(validateSimRow({ iccid, imsi: "310150123456789" })).toEqual({
        ok: false,
        problems: [
          { field: "iccid", code: "INVALID_ICCID", reason: "required", message: "ICCID is required" },
        ],
      });
    }
  });

  it("refuses identifiers sent as JSON numbers", () => {
    const result = validateSimRow({
      iccid: Number("89014103211118510720"),
      imsi: 310150123456789,
      imei: 490154203237518,
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          field: "iccid",
          code: "INVALID_ICCID",
          reason: "not_a_string",
          message: "ICCID must be a string of digits",
        },
        { field: "imsi", code: "INVALID_IMSI", reason: "not_a_string", message: "IMSI must be a string" },
        { field: "imei", code: "INVALID_IMEI", reason: "not_a_string", message: "IMEI must be a string" },
      ],
    });
  });

  it("reports every problem of a row, in field order", () => {
    const result = validateSimRow({
      iccid: "89014103211118510721",
      imsi: "12345",
      msisdn: "0123456789",
      imei: "490154203237519",
      eSim: "maybe",
      operatorId: "not-a-uuid",
      activationCode: "a b",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.field, p.code, p.reason])).toEqual([
      ["iccid", "INVALID_ICCID", "check_digit"],
      ["imsi", "INVALID_IMSI", "length"],
      ["msisdn", "INVALID_MSISDN", "prefix"],
      ["imei", "INVALID_IMEI", "check_digit"],
      ["operatorId", "INVALID_OPERATOR_ID", "format"],
      ["activationCode", "INVALID_ACTIVATION_CODE", "characters"],
      ["eSim", "INVALID_ESIM", "format"],
    ]);
    for (const problem of result.problems) expect(problem.message.length).toBeGreaterThan(0);
  });

  it("rejects a row with a valid ICCID when one optional field is bad", () => {
    expect(validateSimRow({ iccid: "8944500102198304826", msisdn: "+44 7700 900123" })).toEqual({
      ok: false,
      problems: [
        {
          field: "msisdn",
          code: "INVALID_MSISDN",
          reason: "characters",
          message: "MSISDN must contain digits only, with an optional leading +",
        },
      ],
    });
  });

  it("ignores unknown fields", () => {
    const row = { iccid: "8944500102198304826", colour: "red" };
    expect(validateSimRow(row).ok).toBe(true);
  });
});

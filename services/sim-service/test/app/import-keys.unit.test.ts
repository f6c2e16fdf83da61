// Keys as numbers answer as strings would: BatchKeys as a Map of every key,
// whatever the order the keys come in (sorted, shuffled, runs of both),
// lengths included; KeyRange as the smallest and largest string.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BatchKeys, Key, KeyRange } from "../../src/app/import-keys.ts";

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });

const key = (value: string) => new Key().setString(value);

function check(keys: string[], clearAt: number) {
  const batchKeys = new BatchKeys();
  let reference = new Map<string, number>();
  keys.forEach((value, position) => {
    if (position === clearAt) {
      batchKeys.clear();
      reference = new Map();
    }
    expect(batchKeys.positionOf(key(value))).toBe(reference.get(value));
    if (!reference.has(value)) {
      reference.set(value, position);
      batchKeys.add(key(value), position);
    }
  });
}

describe("Key", () => {
  it("reads back the digits it was given, from a string or from bytes", () => {
    fc.assert(
      fc.property(digits(0, 20), fc.nat(5), (value, offset) => {
        expect(key(value).toString()).toBe(value);
        const data = Buffer.from(`${"9".repeat(offset)}${value},7`, "latin1");
        const reused = key("89123456789012345678");
        expect(reused.setBytes(data, offset, offset + value.length).toString()).toBe(value);
      }),
    );
  });

  it("refuses more than 20 characters, and anything but digits", () => {
    expect(() => key("1".repeat(21))).toThrow(RangeError);
    expect(() => key("89a")).toThrow(RangeError);
    expect(() => key("89\u0130")).toThrow(RangeError); // its low byte is "0"
    expect(() => new Key().setBytes(Buffer.from("89/"), 0, 3)).toThrow(RangeError);
  });
});

describe("BatchKeys", () => {
  it("finds the earlier position of a repeated key as a Map would, in any order", () => {
    fc.assert(
      fc.property(fc.array(digits(1, 20), { maxLength: 300 }), fc.nat(300), (keys, clearAt) =>
        check(keys, clearAt),
      ),
    );
  });

  it("finds repeats among thousands of keys that come mostly in order", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20), { minLength: 1, maxLength: 20 }), (backSteps) => {
        const keys: string[] = [];
        for (let n = 0; n < 3_000; n++) {
          const step = backSteps[n % backSteps.length]!;
          keys.push(String(89_000_000_000_000_000n + BigInt(step === 0 ? Math.max(0, n - 7) : n)));
        }
        check(keys, -1);
      }),
      { numRuns: 20 },
    );
  });
});

describe("KeyRange", () => {
  it("covers nothing before a key is staged", () => {
    expect(new KeyRange().covers(key("8949"))).toBe(false);
  });

  it("covers every key it was extended with, and no key outside their smallest and largest", () => {
    fc.assert(
      fc.property(fc.array(digits(1, 20), { minLength: 1 }), digits(1, 20), (staged, other) => {
        const range = new KeyRange();
        for (const value of staged) range.extend(key(value));
        for (const value of staged) expect(range.covers(key(value))).toBe(true);
        const sorted = [...staged].sort();
        const inside = other >= sorted[0]! && other <= sorted[sorted.length - 1]!;
        expect(range.covers(key(other))).toBe(inside);
      }),
    );
  });

  it("takes in another range as if extended by its keys", () => {
    fc.assert(
      fc.property(fc.array(digits(1, 20)), fc.array(digits(1, 20)), digits(1, 20), (first, second, other) => {
        const merged = new KeyRange();
        const reference = new KeyRange();
        const part = new KeyRange();
        for (const value of first) merged.extend(key(value));
        for (const value of second) part.extend(key(value));
        merged.include(part);
        for (const value of [...first, ...second]) reference.extend(key(value));
        expect(merged.covers(key(other))).toBe(reference.covers(key(other)));
      }),
    );
  });

  it("lets a file listed in order pass without lookups", () => {
    const range = new KeyRange();
    let covered = 0;
    for (let i = 0; i < 1_000; i++) {
      const iccid = key(`894902${String(i).padStart(13, "0")}`);
      if (range.covers(iccid)) covered++;
      range.extend(iccid);
    }
    expect(covered).toBe(0);
  });
});

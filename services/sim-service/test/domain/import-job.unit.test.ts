import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  boundedRejection,
  KeyRange,
  REJECTED_ICCID_CHARS,
  REJECTION_MESSAGE_CHARS,
  stagedRowsIntact,
} from "../../src/domain/import-job.ts";

describe("boundedRejection", () => {
  it("keeps a short cell and message as they are", () => {
    expect(boundedRejection(7, "123", "INVALID_ICCID", "too short")).toEqual({
      position: 7,
      iccid: "123",
      code: "INVALID_ICCID",
      message: "too short",
    });
  });

  it("cuts the ICCID cell to 32 characters and the message to 200, whatever the file held", () => {
    const rejection = boundedRejection(2, "8".repeat(60_000), "INVALID_ICCID", "x".repeat(10_000));
    expect(rejection.iccid).toHaveLength(REJECTED_ICCID_CHARS);
    expect(rejection.message).toHaveLength(REJECTION_MESSAGE_CHARS);
    expect(rejection.message.endsWith("…")).toBe(true);
  });
});

describe("stagedRowsIntact", () => {
  it("holds only when every staged row is still there", () => {
    expect(stagedRowsIntact(1_000, 1_000)).toBe(true);
    expect(stagedRowsIntact(1_000, 0)).toBe(false);
    expect(stagedRowsIntact(1_000, null)).toBe(false);
    expect(stagedRowsIntact(0, 0)).toBe(true);
  });
});

describe("KeyRange", () => {
  it("covers nothing before a key is staged", () => {
    expect(new KeyRange().covers("8949")).toBe(false);
  });

  it("covers every key it was extended with, and no key outside their smallest and largest", () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[0-9]{1,20}$/), { minLength: 1 }),
        fc.stringMatching(/^[0-9]{1,20}$/),
        (staged, other) => {
          const range = new KeyRange();
          for (const key of staged) range.extend(key);
          for (const key of staged) expect(range.covers(key)).toBe(true);
          const sorted = [...staged].sort();
          const inside = other >= sorted[0]! && other <= sorted[sorted.length - 1]!;
          expect(range.covers(other)).toBe(inside);
        },
      ),
    );
  });

  it("lets a file listed in order pass without lookups", () => {
    const range = new KeyRange();
    let covered = 0;
    for (let i = 0; i < 1_000; i++) {
      const iccid = `894902${String(i).padStart(13, "0")}`;
      if (range.covers(iccid)) covered++;
      range.extend(iccid);
    }
    expect(covered).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import {
  boundedRejection,
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

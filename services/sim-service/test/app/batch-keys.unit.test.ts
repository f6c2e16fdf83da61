// BatchKeys answers as a Map of every key would, whatever the order the
// keys come in (sorted, shuffled, runs of both), lengths included.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BatchKeys } from "../../src/app/batch-keys.ts";

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });

function check(keys: string[], clearAt: number) {
  const batchKeys = new BatchKeys();
  let reference = new Map<string, number>();
  keys.forEach((key, position) => {
    if (position === clearAt) {
      batchKeys.clear();
      reference = new Map();
    }
    expect(batchKeys.positionOf(key)).toBe(reference.get(key));
    if (!reference.has(key)) {
      reference.set(key, position);
      batchKeys.add(key, position);
    }
  });
}

describe("BatchKeys", () => {
  it("finds the earlier position of a repeated key as a Map would, in any order", () => {
    fc.assert(
      fc.property(fc.array(digits(1, 24), { maxLength: 300 }), fc.nat(300), (keys, clearAt) =>
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

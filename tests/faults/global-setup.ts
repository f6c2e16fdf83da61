// Starts each `pnpm test:faults` run with an empty figures file
// (test-artifacts/fault-figures.jsonl, one line per test: see reportFigures).
import { rmSync } from "node:fs";

export default function setup() {
  rmSync("test-artifacts/fault-figures.jsonl", { force: true });
}

import { defineConfig } from "vitest/config";

// The fault tests (`pnpm test:faults`, docs/reliability.md). Each file starts
// its own PostgreSQL and NATS and stops, kills and restarts them and the
// platform's processes, so files run one after the other: two at once would
// measure each other's load on a small machine. Never part of `pnpm test`.
export default defineConfig({
  test: {
    name: "faults",
    include: ["tests/faults/**/*.fault.test.ts"],
    fileParallelism: false,
    globalSetup: ["tests/faults/global-setup.ts"],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    reporters: ["default", ["json", { outputFile: "test-artifacts/vitest-faults.json" }]],
  },
});

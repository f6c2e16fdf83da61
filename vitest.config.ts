import { defineConfig } from "vitest/config";

// Two tiers (STYLE.md): `unit` runs pure domain tests; `integration` runs
// through real gRPC/HTTP edges against real PostgreSQL and NATS JetStream.
// Every integration file gets its own databases and stream namespace from
// @simhub/testing, so files run in parallel without seeing each other.
export default defineConfig({
  test: {
    reporters: ["default", ["json", { outputFile: "test-artifacts/vitest.json" }]],
    projects: [
      {
        test: {
          name: "unit",
          include: ["{packages,services}/*/test/**/*.unit.test.ts", "deploy/test/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["{packages,services}/*/test/**/*.int.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ["packages/testing/src/global-setup.ts"],
        },
      },
    ],
  },
});

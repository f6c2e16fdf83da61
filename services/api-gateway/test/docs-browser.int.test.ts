// GET /docs renders in a real headless Chromium (Debian's package): the
// Swagger UI page loads the OpenAPI document and shows its operations. The
// screenshot is kept under test-artifacts/ (not committed).
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type Stack, startStack } from "@simhub/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const artifacts = join(import.meta.dirname, "../../../test-artifacts");

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

function chromiumArgs(extra: string[]) {
  return [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    `--user-data-dir=${mkdtempSync(join(tmpdir(), "simhub-chromium-"))}`,
    "--virtual-time-budget=10000",
    ...extra,
  ];
}

describe("API documentation page", () => {
  it("serves the OpenAPI 3.1 document", async () => {
    const response = await stack.http().get("/openapi.json");
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe("3.1.0");
    expect(Object.keys(response.body.paths)).toContain("/v1/sims/{iccid}/assign");
  });

  it("renders /docs in headless Chromium with the operations listed", async () => {
    const { stdout } = await run(chromium, chromiumArgs(["--dump-dom", `${stack.gatewayUrl}/docs`]), {
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(stdout).toContain("simhub API");
    expect(stdout).toContain("opblock");
    expect(stdout).toContain("/v1/sims/{iccid}/assign");

    mkdirSync(artifacts, { recursive: true });
    const screenshot = join(artifacts, "docs.png");
    await run(
      chromium,
      chromiumArgs([`--screenshot=${screenshot}`, "--window-size=1280,1600", `${stack.gatewayUrl}/docs`]),
    );
    expect(statSync(screenshot).size).toBeGreaterThan(20_000);
  }, 90_000);
});

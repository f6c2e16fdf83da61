// `pnpm simhub import` against a running stack: the command uploads a file
// as an async import, follows it to the end and prints the outcome, with
// the first rejected lines; it exits 1 when the import did not complete.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { luhnDigit, type Stack, startStack } from "@simhub/testing";
import { afterAll, beforeAll, expect, it } from "vitest";

const run = promisify(execFile);
const command = new URL("../src/main.ts", import.meta.url).pathname;

let stack: Stack;
let token: string;
let orgId: string;

function iccid(n: number): string {
  const payload = `894491${String(n).padStart(12, "0")}`;
  return payload + luhnDigit(payload);
}

beforeAll(async () => {
  stack = await startStack();
  token = await stack.login(stack.admin.username, stack.admin.password);
  const org = await stack.http(token).post("/v1/organizations", { name: "CLI import org" });
  orgId = org.body.id;
});

afterAll(async () => {
  await stack?.stop();
});

it("imports a file, follows it to completion and prints the outcome with the first rejections", async () => {
  const dir = mkdtempSync(join(tmpdir(), "simhub-cli-"));
  const file = join(dir, "sims.csv");
  const lines = ["iccid"];
  for (let i = 0; i < 5_000; i++) lines.push(iccid(i));
  lines.push("123", iccid(7)); // line 5002: invalid; line 5003: a duplicate of line 9
  writeFileSync(file, `${lines.join("\n")}\n`);

  const { stdout } = await run(
    process.execPath,
    [command, "import", file, "--org", orgId, "--url", stack.gatewayUrl],
    {
      env: { ...process.env, SIMHUB_TOKEN: token },
    },
  );
  const outcome = JSON.parse(stdout);
  expect(outcome).toMatchObject({
    status: "completed",
    rowsReceived: 5_002,
    rowsImported: 5_000,
    rowsRejected: 2,
  });
  expect(outcome.firstRejections).toEqual([
    expect.objectContaining({ line: 5002, code: "INVALID_ICCID" }),
    expect.objectContaining({ line: 5003, code: "DUPLICATE_ICCID" }),
  ]);
  const listed = await stack.http(token).get(`/v1/imports/${outcome.importId}`);
  expect(listed.body.rowsImported).toBe(5_000);
});

it("exits with a message naming the problem when the upload is refused", async () => {
  const dir = mkdtempSync(join(tmpdir(), "simhub-cli-"));
  const file = join(dir, "bad.csv");
  writeFileSync(file, "serial\n1\n");
  const failed = await run(
    process.execPath,
    [command, "import", file, "--org", orgId, "--url", stack.gatewayUrl],
    {
      env: { ...process.env, SIMHUB_TOKEN: token },
    },
  ).catch((error: { code: number; stderr: string }) => error);
  expect(failed).toMatchObject({ code: 1 });
  expect((failed as { stderr: string }).stderr).toMatch(/INVALID_CSV_HEADER/);
});

// The outbound client against local servers: what an attempt reports for an
// answer, a redirect, a body past the read limit, no answer in time, and an
// address the policy refuses.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createAddressPolicy } from "../src/http/address-policy.ts";
import { createWebhookHttpClient, type WebhookHttpClient } from "../src/http/client.ts";

let server: Server;
let base: string;
let client: WebhookHttpClient;
const received: { headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (req.url === "/silent") return; // never answers
      if (req.url === "/moved") {
        res.writeHead(302, { location: "/ok" });
        res.end();
        return;
      }
      if (req.url === "/large") {
        res.writeHead(200);
        res.end("x".repeat(200 * 1_024));
        return;
      }
      res.writeHead(200);
      res.end("é".repeat(600));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = createWebhookHttpClient({ policy: createAddressPolicy("127.0.0.0/8"), connectionsPerOrigin: 2 });
});

afterAll(async () => {
  await client?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

it("sends the headers and body, and keeps the first KiB of the answer", async () => {
  const result = await client.post(
    `${base}/ok?a=1`,
    ["content-type", "application/json", "webhook-id", "abc"],
    '{"a":1}',
    5_000,
  );
  expect(result).toMatchObject({ status: 200, error: undefined });
  expect(Buffer.byteLength(result.body)).toBeLessThanOrEqual(1_024);
  expect(result.body.startsWith("éé")).toBe(true);
  expect(received.at(-1)).toMatchObject({
    body: '{"a":1}',
    headers: {
      "webhook-id": "abc",
      "content-type": "application/json",
      "user-agent": "simhub-webhooks/1",
      "content-length": "7",
    },
  });
});

it("does not follow a redirect", async () => {
  expect(await client.post(`${base}/moved`, [], "{}", 5_000)).toMatchObject({ status: 302 });
  expect(received.at(-1)?.body).toBe("{}");
});

it("stops reading a body past 64 KiB and keeps its first KiB", async () => {
  const result = await client.post(`${base}/large`, [], "{}", 5_000);
  expect(result).toMatchObject({ status: 200, body: "x".repeat(1_024), error: undefined });
  // The connection was dropped; the next attempt gets another.
  expect(await client.post(`${base}/ok`, [], "{}", 5_000)).toMatchObject({ status: 200 });
});

it("answers 'timed out' once the attempt's time has run out, also while it waits for a connection", async () => {
  const started = Date.now();
  const attempts = await Promise.all(
    // Two connections to the origin: the third attempt waits for one until its time is up.
    [1, 2, 3].map(() => client.post(`${base}/silent`, [], "{}", 300)),
  );
  expect(Date.now() - started).toBeLessThan(2_000);
  for (const attempt of attempts) expect(attempt).toMatchObject({ status: undefined, error: "timed out" });
  // The connections it aborted are replaced.
  expect(await client.post(`${base}/ok`, [], "{}", 5_000)).toMatchObject({ status: 200 });
});

it("refuses an address of the policy's refused ranges at connect", async () => {
  const guarded = createWebhookHttpClient({ policy: createAddressPolicy(""), connectionsPerOrigin: 1 });
  try {
    const result = await guarded.post(`${base}/ok`, [], "{}", 5_000);
    expect(result.status).toBeUndefined();
    expect(result.error).toMatch(/^refused: /);
  } finally {
    await guarded.close();
  }
});

// Outbound HTTP for webhooks, on undici: one Agent, which keeps a pool of
// keep-alive connections per origin, so a slow origin holds only its own
// connections. Its connector resolves the host itself and checks every
// resolved address against the address policy before connecting, then
// connects to exactly the address it checked (TLS still verifies the
// certificate for the host name): a name that resolves to a public address
// when checked and a private one when connected (DNS rebinding) cannot
// happen. Redirects are never followed; a 3xx is a failed attempt. At most
// 1 KiB of a response body is kept, and at most 64 KiB read.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { Agent, buildConnector } from "undici";
import { type AddressPolicy, AddressRefusedError } from "./address-policy.ts";

const RESPONSE_BODY_KEPT = 1_024;
const RESPONSE_BODY_READ = 64 * 1_024;

interface AttemptResult {
  /** Undefined when no response came (refused, timed out, connection failed). */
  status: number | undefined;
  /** The first RESPONSE_BODY_KEPT bytes of the response body. */
  body: string;
  durationMs: number;
  /** Why no response came. */
  error: string | undefined;
}

export interface WebhookHttpClient {
  post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<AttemptResult>;
  close(): Promise<void>;
}

export function createWebhookHttpClient(options: {
  policy: AddressPolicy;
  /** Connections per origin. */
  connectionsPerOrigin: number;
}): WebhookHttpClient {
  const baseConnect = buildConnector({ timeout: 10_000 });
  const agent = new Agent({
    connections: options.connectionsPerOrigin,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
    pipelining: 1,
    connect(connectOptions, callback) {
      const hostname = connectOptions.hostname.replace(/^\[|\]$/g, "");
      resolveChecked(hostname, options.policy).then(
        (address) =>
          baseConnect(
            {
              ...connectOptions,
              hostname: address,
              // TLS checks the certificate against the name, not the address.
              ...(isIP(hostname) === 0 ? { servername: hostname } : {}),
            },
            callback,
          ),
        (error: Error) => callback(error, null),
      );
    },
  });

  return {
    async post(url, headers, body, timeoutMs) {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      try {
        const target = new URL(url);
        const response = await agent.request({
          origin: target.origin,
          path: `${target.pathname}${target.search}`,
          method: "POST",
          headers: {
            ...headers,
            "user-agent": "simhub-webhooks/1",
            "content-length": String(Buffer.byteLength(body)),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        const kept = await readCapped(response.body);
        return { status: response.statusCode, body: kept, durationMs: elapsed(), error: undefined };
      } catch (error) {
        return { status: undefined, body: "", durationMs: elapsed(), error: describe(error) };
      }
    },
    close: () => agent.close(),
  };
}

async function resolveChecked(hostname: string, policy: AddressPolicy): Promise<string> {
  const addresses =
    isIP(hostname) !== 0 ? [hostname] : (await lookup(hostname, { all: true })).map((entry) => entry.address);
  if (addresses.length === 0) throw new Error(`${hostname} did not resolve`);
  for (const address of addresses) {
    const refusal = policy.refusal(address);
    if (refusal) {
      throw new AddressRefusedError(
        address === hostname ? `refused: ${refusal}` : `refused: ${hostname} resolves to ${refusal}`,
      );
    }
  }
  return addresses[0]!;
}

async function readCapped(stream: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let read = 0;
  for await (const chunk of stream) {
    if (read < RESPONSE_BODY_KEPT) chunks.push(chunk);
    read += chunk.length;
    if (read > RESPONSE_BODY_READ) {
      // Not worth reading on: drop the connection instead.
      stream.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_BODY_KEPT).toString("utf8");
}

function describe(error: unknown): string {
  const failure = error as { name?: string; message?: string; code?: string; cause?: unknown };
  if (failure?.name === "TimeoutError" || failure?.code === "UND_ERR_HEADERS_TIMEOUT") return "timed out";
  if (failure?.name === "AddressRefusedError") return failure.message ?? "address refused";
  const cause = failure?.cause as { name?: string; message?: string } | undefined;
  if (cause?.name === "AddressRefusedError") return cause.message ?? "address refused";
  const code = failure?.code ? `${failure.code}: ` : "";
  return `${code}${failure?.message ?? String(error)}`.slice(0, 300);
}

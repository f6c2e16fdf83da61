// Outbound HTTP for webhooks, on undici: one Agent, which keeps a pool of
// keep-alive connections per origin, so a slow origin holds only its own
// connections. Its connector resolves the host itself and checks every
// resolved address against the address policy before connecting, then
// connects to exactly the address it checked (TLS still verifies the
// certificate for the host name): a name that resolves to a public address
// when checked and a private one when connected (DNS rebinding) cannot
// happen. Redirects are never followed; a 3xx is a failed attempt. At most
// 1 KiB of a response body is kept, and at most 64 KiB read.
//
// A request is dispatched with a handler of its own rather than through
// undici's `request` (a response stream, an AbortSignal and its listeners
// per attempt): the handler keeps the first KiB of the body as it arrives,
// and one timer per attempt bounds the whole of it, connection included.
// An attempt whose time runs out while it still waits for a connection is
// answered "timed out" then, and aborted as soon as undici starts it.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { Agent, buildConnector, type Dispatcher } from "undici";
import { type AddressPolicy, AddressRefusedError } from "./address-policy.ts";

const RESPONSE_BODY_KEPT = 1_024;
const RESPONSE_BODY_READ = 64 * 1_024;
const USER_AGENT = "simhub-webhooks/1";

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
  /** `headers` as name, value, name, value, …; the user agent is added. */
  post(url: string, headers: readonly string[], body: string, timeoutMs: number): Promise<AttemptResult>;
  close(): Promise<void>;
}

class AttemptTimeout extends Error {
  override name = "TimeoutError";
}

class BodyTooLarge extends Error {}

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

  // The origin and path of each URL, parsed once (endpoints are few, deliveries many).
  const targets = new Map<string, { origin: string; path: string }>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      if (targets.size > 10_000) targets.clear();
      targets.set(url, target);
    }
    return target;
  };

  return {
    post(url, headers, body, timeoutMs) {
      const started = performance.now();
      return new Promise<AttemptResult>((resolve) => {
        let controller: Dispatcher.DispatchController | undefined;
        let settled = false;
        let status: number | undefined;
        const chunks: Buffer[] = [];
        let kept = 0;
        let read = 0;
        const settle = (result: Omit<AttemptResult, "durationMs">) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ ...result, durationMs: Math.round(performance.now() - started) });
        };
        const keptBody = () =>
          chunks.length === 0
            ? ""
            : (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks))
                .subarray(0, RESPONSE_BODY_KEPT)
                .toString("utf8");
        const timer = setTimeout(() => {
          settle({ status: undefined, body: "", error: "timed out" });
          controller?.abort(new AttemptTimeout("timed out"));
        }, timeoutMs);
        const handler: Dispatcher.DispatchHandler = {
          onRequestStart(started) {
            controller = started;
            // Its time ran out while it waited for a connection.
            if (settled) started.abort(new AttemptTimeout("timed out"));
          },
          onResponseStart(_controller, statusCode) {
            status = statusCode;
          },
          onResponseData(current, chunk) {
            if (kept < RESPONSE_BODY_KEPT) {
              chunks.push(chunk);
              kept += chunk.length;
            }
            read += chunk.length;
            if (read > RESPONSE_BODY_READ) {
              // Not worth reading on: drop the connection instead.
              settle({ status, body: keptBody(), error: undefined });
              current.abort(new BodyTooLarge("response body too large"));
            }
          },
          onResponseEnd() {
            settle({ status, body: keptBody(), error: undefined });
          },
          onResponseError(_controller, error) {
            settle({ status: undefined, body: "", error: describe(error) });
          },
        };
        try {
          const target = targetOf(url);
          agent.dispatch(
            {
              origin: target.origin,
              path: target.path,
              method: "POST",
              headers: [...headers, "user-agent", USER_AGENT],
              body,
              headersTimeout: timeoutMs,
              bodyTimeout: timeoutMs,
            },
            handler,
          );
        } catch (error) {
          settle({ status: undefined, body: "", error: describe(error) });
        }
      });
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

function describe(error: unknown): string {
  const failure = error as { name?: string; message?: string; code?: string; cause?: unknown };
  if (failure?.name === "TimeoutError" || failure?.code === "UND_ERR_HEADERS_TIMEOUT") return "timed out";
  if (failure?.name === "AddressRefusedError") return failure.message ?? "address refused";
  const cause = failure?.cause as { name?: string; message?: string } | undefined;
  if (cause?.name === "AddressRefusedError") return cause.message ?? "address refused";
  const code = failure?.code ? `${failure.code}: ` : "";
  return `${code}${failure?.message ?? String(error)}`.slice(0, 300);
}

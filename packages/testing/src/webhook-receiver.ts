// A real HTTP receiver for webhook tests, listening on a loopback address
// (127.0.0.2 by default, the one range the test stacks open with
// WEBHOOK_ALLOWED_CIDRS). It answers the echo check like a receiver built on
// the product's protocol, records every delivery, and answers deliveries as
// the test tells it (a status, a delay, a redirect).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * webhook-service settings of test stacks: http and 127.0.0.2 only (the
 * receivers' address; 127.0.0.1 stays refused), short retries and timeouts.
 */
export const webhookTestEnv = {
  WEBHOOK_ALLOW_HTTP: "true",
  WEBHOOK_ALLOWED_CIDRS: "127.0.0.2/32",
  WEBHOOK_RETRY_SCHEDULE: "300ms,300ms,300ms",
  WEBHOOK_TIMEOUT_MS: "2000",
  WEBHOOK_VALIDATION_TIMEOUT_MS: "2000",
  WEBHOOK_POLL_MS: "100",
};

export interface ReceivedDelivery {
  headers: Record<string, string>;
  body: string;
  receivedAt: number;
}

export interface Receiver {
  url: string;
  deliveries: ReceivedDelivery[];
  echoes: number;
  /** How the next delivery is answered; default 200. */
  respond: (
    delivery: ReceivedDelivery,
    index: number,
  ) => { status: number; headers?: Record<string, string>; body?: string };
  /** How the echo check is answered; default: the echo_data itself. */
  echo: (echoData: string) => { status: number; headers?: Record<string, string>; body: string };
  /** Resolves once `count` deliveries matching `filter` arrived. */
  waitFor(
    count: number,
    filter?: (delivery: ReceivedDelivery) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedDelivery[]>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startReceiver(host = "127.0.0.2"): Promise<Receiver> {
  const receiver: Receiver = {
    url: "",
    deliveries: [],
    echoes: 0,
    respond: () => ({ status: 200 }),
    echo: (echoData) => ({ status: 200, body: echoData }),
    async waitFor(count, filter = () => true, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const matching = receiver.deliveries.filter(filter);
        if (matching.length >= count) return matching;
        if (Date.now() > deadline) {
          throw new Error(`expected ${count} deliveries, got ${matching.length}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    let parsed: { type?: string; echo_data?: string } | undefined;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    if (parsed?.type === "echo" && typeof parsed.echo_data === "string" && !req.headers["webhook-id"]) {
      receiver.echoes++;
      const answer = receiver.echo(parsed.echo_data);
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body);
      return;
    }
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) headers[key] = String(value);
    const delivery = { headers, body, receivedAt: Date.now() };
    const index = receiver.deliveries.length;
    receiver.deliveries.push(delivery);
    const answer = receiver.respond(delivery, index);
    res.writeHead(answer.status, answer.headers ?? {});
    res.end(answer.body ?? "");
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://${host}:${port}/hooks`;
  return receiver;
}

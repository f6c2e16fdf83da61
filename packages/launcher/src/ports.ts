import { createServer } from "node:net";

// Ports are taken from below the operating systems' ephemeral ranges (Linux
// 32768–60999, macOS and Windows 49152–65535), from which outgoing
// connections take their local ports. A port the OS picked (listen on 0)
// came from that range: freed again, it could become the local port of a
// connection to PostgreSQL or NATS before the child process bound it, and
// the child exited on EADDRINUSE (seen in a fault test starting a second
// instance of every service). Below the range only another listener can
// take it, which the check sees.
const LOWEST = 20_000;
const HIGHEST = 32_767;
/** Ports this process has handed out: two calls never give the same one. */
const handedOut = new Set<number>();

/** A port nothing listened on a moment ago (tests start many stacks side by side). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 1_000; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (HIGHEST - LOWEST + 1));
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port between ${LOWEST} and ${HIGHEST}`);
}

/** Whether a listener on every address (IPv4 and IPv6) could bind the port now. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

export async function isPortOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  const { Socket } = await import("node:net");
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs);
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
    socket.connect(port, host);
  });
}

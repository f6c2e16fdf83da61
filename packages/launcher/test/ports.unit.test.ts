// freePort hands out ports below the ephemeral ranges, where no outgoing
// connection takes its local port, never the same one twice, and never one
// a listener holds.
import { createServer, type Server } from "node:net";
import { describe, expect, it } from "vitest";
import { freePort } from "../src/ports.ts";

const listen = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, () => resolve(server));
  });

describe("freePort", () => {
  it("gives distinct ports below 32768 that a server can then listen on", async () => {
    const ports = [];
    for (let i = 0; i < 40; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(32_768);
    }
    const servers = await Promise.all(ports.slice(0, 5).map(listen));
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it("never gives a port a listener holds", async () => {
    // 400 listeners on ports of the range freePort did not hand out; a
    // thousand calls would meet one ~30 times if it did not check.
    const held = new Map<number, Server>();
    while (held.size < 400) {
      const port = 20_000 + Math.floor(Math.random() * 12_768);
      if (held.has(port)) continue;
      const server = await listen(port).catch(() => undefined);
      if (server) held.set(port, server);
    }
    try {
      for (let i = 0; i < 1_000; i++) expect(held.has(await freePort())).toBe(false);
    } finally {
      await Promise.all([...held.values()].map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });
});

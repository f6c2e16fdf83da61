// Embedded PostgreSQL started for real: it runs from binaries below a folder
// its user cannot enter (copied where it can), refuses at once a data
// directory that user cannot reach (naming the folder and the fix), and an
// error of the server itself reaches the caller with the server's words.
// As root PostgreSQL runs as the user `postgres`, which is what the first
// two cases are about; run as another user they check the same starts work.
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { binariesOfThisPlatform, freePort, startEmbeddedPostgres } from "../src/index.ts";

const scratch: string[] = [];
const privateFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), "simhub-launcher-test-")); // mode 0700, like `mktemp -d`
  scratch.push(folder);
  return folder;
};
const openFolder = () => {
  const folder = privateFolder();
  chmodSync(folder, 0o755);
  return folder;
};

afterAll(() => {
  for (const folder of scratch) rmSync(folder, { recursive: true, force: true });
});

async function select1(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query("SELECT 1 AS one")).rows[0].one;
  } finally {
    await client.end();
  }
}

const asRoot = process.getuid?.() === 0;

describe("embedded PostgreSQL", () => {
  it("runs from binaries below a folder of mode 700, and keeps its data across a restart", async () => {
    const installed = await binariesOfThisPlatform();
    const checkout = privateFolder();
    const nativeDir = join(checkout, "native");
    cpSync(installed.nativeDir, nativeDir, { recursive: true, dereference: true });
    // The libraries as the package's install script leaves them (relative
    // symlinks), whatever the package store made of them here.
    const links = JSON.parse(readFileSync(join(nativeDir, "pg-symlinks.json"), "utf8")) as {
      source: string;
      target: string;
    }[];
    for (const { source, target } of links) {
      const linkPath = join(checkout, target);
      rmSync(linkPath, { force: true });
      symlinkSync(relative(dirname(linkPath), join(checkout, source)), linkPath);
    }
    // A version of its own, so this test makes (and removes) its own copy.
    const version = `test-${process.pid}-${Date.now()}`;
    const copy = join(tmpdir(), `simhub-postgres-${version}-${process.platform}-${process.arch}`);
    scratch.push(copy);
    const dataDir = join(openFolder(), "postgres");

    const first = await startEmbeddedPostgres(dataDir, undefined, { binaries: { nativeDir, version } });
    try {
      // Only root's server user needs the copy; the owner of the folder runs the binaries in place.
      expect(existsSync(join(copy, "bin", "postgres"))).toBe(asRoot);
      expect(await select1(first.url)).toBe(1);
      const client = new pg.Client({ connectionString: first.url });
      await client.connect();
      await client.query("CREATE TABLE kept (v text)");
      await client.query("INSERT INTO kept VALUES ('ü')");
      await client.end();
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres(dataDir, undefined, { binaries: { nativeDir, version } });
    try {
      const client = new pg.Client({ connectionString: second.url });
      await client.connect();
      const { rows } = await client.query(
        "SELECT v, current_setting('server_encoding') AS encoding FROM kept",
      );
      await client.end();
      expect(rows).toEqual([{ v: "ü", encoding: "UTF8" }]);
    } finally {
      await second.stop();
    }
  }, 120_000);

  it.runIf(asRoot)(
    "refuses at once a data directory its user cannot reach, naming the folder and the fix",
    async () => {
      const locked = privateFolder();
      const dataDir = join(locked, "checkout", ".data", "postgres");
      const failure = await startEmbeddedPostgres(dataDir).then(
        () => undefined,
        (error: unknown) => error as Error,
      );
      expect(failure?.message).toContain(`cannot enter ${locked} (mode 700)`);
      expect(failure?.message).toContain(`chmod o+x ${locked}`);
      expect(failure?.message).toContain("DATABASE_URL");
    },
  );

  it("reports the server's own words when it cannot start (its port is taken)", async () => {
    const port = await freePort();
    // Holds the port; hangs up on whoever connects, so nothing waits on it.
    const blocker: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      const dataDir = join(openFolder(), "postgres");
      await expect(startEmbeddedPostgres(dataDir, port)).rejects.toThrow(
        /exited with 1 before accepting connections:[\s\S]*could not (bind|create listen socket)/,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 120_000);
});

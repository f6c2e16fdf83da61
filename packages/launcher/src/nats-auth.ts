// simhub's NATS users (deploy/nats/simhub-auth.conf) for a nats-server this
// launcher starts itself: a password per user made up for each start, the
// server's configuration (listen address, JetStream store, the shipped
// users file included as it is), and the environment that hands the
// passwords to the server. The processes get theirs through startPlatform's
// `natsUsers`.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { repoRoot } from "./platform.ts";
import { type ProcessName, startOrder } from "./topology.ts";

export interface NatsUser {
  user: string;
  pass: string;
}

export interface NatsUsers {
  processes: Record<ProcessName, NatsUser>;
  /** Everything allowed: operators, tests looking at streams. */
  admin: NatsUser;
  /** Mediation systems: publish usage records on their subject only. */
  mediation: NatsUser;
}

export const natsAuthFile = join(repoRoot, "deploy/nats/simhub-auth.conf");

export function generateNatsUsers(): NatsUsers {
  // nats-server parses a variable's value as a config value: one starting
  // with a digit may read as a number or a date. A letter and hex digits
  // always read as a string.
  const password = () => `p${randomBytes(24).toString("hex")}`;
  return {
    processes: Object.fromEntries(
      startOrder.map((name) => [name, { user: name, pass: password() }]),
    ) as Record<ProcessName, NatsUser>,
    admin: { user: "simhub-admin", pass: password() },
    mediation: { user: "usage-mediation", pass: password() },
  };
}

/** NATS_<USER>_PASSWORD for every user, as simhub-auth.conf reads them. */
export function natsServerEnvironment(users: NatsUsers): Record<string, string> {
  const variable = (user: string) => `NATS_${user.toUpperCase().replaceAll("-", "_")}_PASSWORD`;
  return Object.fromEntries(
    [...Object.values(users.processes), users.admin, users.mediation].map(({ user, pass }) => [
      variable(user),
      pass,
    ]),
  );
}

/** Writes the server's main configuration into the store directory; returns its path. */
export function writeNatsServerConfig(storeDir: string, port: number): string {
  const path = join(storeDir, "nats-server.conf");
  // nats-server resolves an include relative to the including file only.
  const include = relative(storeDir, natsAuthFile);
  writeFileSync(
    path,
    [
      `listen: "127.0.0.1:${port}"`,
      `jetstream { store_dir: ${JSON.stringify(storeDir)} }`,
      // Refusals (a permissions violation names user and subject) land here.
      `log_file: ${JSON.stringify(join(storeDir, "nats-server.log"))}`,
      `include ${JSON.stringify(include)}`,
      "",
    ].join("\n"),
  );
  return path;
}

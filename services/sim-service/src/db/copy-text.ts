// What both COPY paths of an import share (import-batch.ts, the JSON import;
// import-staging.ts, the CSV import's staging tables): a SIM as a line of
// COPY's text format, and the connection a knex transaction runs on.
import type { Knex } from "@simhub/platform";
import type pg from "pg";
import type { NewSim } from "./sims.ts";

// Values reach COPY's text format unescaped. They are validated identifiers
// (digits, UUIDs, hex, status words), so none can hold a tab, line break or
// backslash; this guard keeps it that way should validation ever loosen.
const COPY_UNSAFE = /[\t\n\r\\]/;

function field(value: string | null): string {
  if (value === null) return "\\N";
  if (COPY_UNSAFE.test(value)) throw new Error("value not safe for COPY text format");
  return value;
}

/** The SIM's columns (iccid, imsi, msisdn, imei, e_sim, operator_id, activation_code_hash, status), after `prefix`. */
export function simCopyLine(sim: NewSim, prefix = ""): string {
  return (
    `${prefix}${field(sim.iccid)}\t${field(sim.imsi)}\t${field(sim.msisdn)}\t${field(sim.imei)}\t` +
    `${sim.eSim ? "t" : "f"}\t${field(sim.operatorId)}\t` +
    // bytea in text form is \x<hex>; COPY needs the backslash doubled.
    `${sim.activationCodeHashHex === null ? "\\N" : `\\\\x${field(sim.activationCodeHashHex)}`}\t` +
    `${field(sim.status)}\n`
  );
}

/**
 * The connection of a knex transaction. knex has no public accessor; a
 * transaction's client hands out its own connection from acquireConnection
 * (and ignores the release), which is what queries on `trx` use too.
 */
export async function transactionConnection(trx: Knex.Transaction): Promise<pg.PoolClient> {
  return (await (
    trx.client as { acquireConnection(): Promise<pg.PoolClient> }
  ).acquireConnection()) as pg.PoolClient;
}

// The baseline database and server: the schema simhub's sim-service uses
// (sims with the same columns, constraints and indexes, the platform's
// outbox table and trigger), plus organizations and companies for the
// composed read, and two targets for the import's COPY baselines: a table
// created LIKE sims INCLUDING ALL (the same indexes and constraints: the
// physical limit of loading into this schema) and a bare table with only the
// two unique indexes (ICCID, IMSI), the narrower reference.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";

const serverPath = fileURLToPath(new URL("./baseline-server.ts", import.meta.url));

const baselineSchema = `
  CREATE TABLE organizations (id uuid PRIMARY KEY, name text NOT NULL);
  CREATE TABLE companies (
    id uuid PRIMARY KEY,
    org_id uuid NOT NULL REFERENCES organizations (id),
    name text NOT NULL,
    archived boolean NOT NULL DEFAULT false
  );
  CREATE TABLE sims (
    iccid                text COLLATE "C" PRIMARY KEY,
    org_id               uuid NOT NULL,
    company_id           uuid,
    end_user_id          uuid,
    plan_id              uuid,
    status               text NOT NULL CHECK (status IN
                           ('pending', 'invalid', 'active', 'suspended',
                            'not_available', 'blank', 'activation', 'archived')),
    status_reason        text CHECK (status_reason IN ('user', 'rule', 'system')),
    has_been_active      boolean NOT NULL DEFAULT false,
    imsi                 text COLLATE "C",
    msisdn               text COLLATE "C",
    imei                 text COLLATE "C",
    e_sim                boolean NOT NULL DEFAULT false,
    operator_id          uuid,
    activation_code_hash bytea,
    import_id            uuid NOT NULL,
    version              integer NOT NULL DEFAULT 1,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    plan_type            text CHECK (plan_type IN ('prepaid', 'subscription', 'paygo')),
    CONSTRAINT sims_end_user_needs_company CHECK (end_user_id IS NULL OR company_id IS NOT NULL),
    CONSTRAINT sims_reason_only_when_suspended CHECK ((status = 'suspended') = (status_reason IS NOT NULL)),
    CONSTRAINT sims_plan_type_with_plan CHECK ((plan_id IS NULL) = (plan_type IS NULL))
  );
  CREATE UNIQUE INDEX sims_imsi_key ON sims (imsi) WHERE imsi IS NOT NULL;
  CREATE INDEX sims_org_iccid ON sims (org_id, iccid);
  CREATE INDEX sims_org_status_iccid ON sims (org_id, status, iccid);
  CREATE INDEX sims_msisdn ON sims (msisdn) WHERE msisdn IS NOT NULL;
  CREATE INDEX sims_company_iccid ON sims (company_id, iccid) WHERE company_id IS NOT NULL;
  CREATE INDEX sims_company_status_iccid ON sims (company_id, status, iccid) WHERE company_id IS NOT NULL;
  CREATE INDEX sims_end_user_iccid ON sims (end_user_id, iccid) WHERE end_user_id IS NOT NULL;
  CREATE INDEX sims_plan_iccid ON sims (plan_id, iccid) WHERE plan_id IS NOT NULL;

  CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    event_id    uuid NOT NULL UNIQUE,
    subject     text NOT NULL,
    type        text NOT NULL,
    payload     jsonb NOT NULL,
    headers     jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
  );
  CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_notify('simhub_outbox', '');
    RETURN NULL;
  END $$;
  CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

  -- The COPY baseline's target: the same two unique indexes as sims (ICCID, IMSI).
  CREATE TABLE sims_copy (
    iccid  text COLLATE "C" PRIMARY KEY,
    imsi   text COLLATE "C",
    msisdn text COLLATE "C"
  );
  CREATE UNIQUE INDEX sims_copy_imsi_key ON sims_copy (imsi) WHERE imsi IS NOT NULL;

  -- The import's fair baseline: COPY of the same file into the same schema.
  -- The columns the file does not carry get what an import gives them (one
  -- organization, one import id, status not_available) as defaults.
  CREATE TABLE sims_like (LIKE sims INCLUDING ALL);
  ALTER TABLE sims_like
    ALTER COLUMN org_id SET DEFAULT '00000000-0000-4000-8000-00000000000a',
    ALTER COLUMN import_id SET DEFAULT '00000000-0000-4000-8000-00000000000b',
    ALTER COLUMN status SET DEFAULT 'not_available';
`;

export async function prepareBaselineDatabase(
  url: string,
  org: { id: string; name: string },
  companies: { id: string; name: string }[],
): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(baselineSchema);
    await client.query("INSERT INTO organizations (id, name) VALUES ($1, $2)", [org.id, org.name]);
    await client.query(
      `INSERT INTO companies (id, org_id, name)
       SELECT id, $1, name FROM unnest($2::uuid[], $3::text[]) AS c (id, name)`,
      [org.id, companies.map((company) => company.id), companies.map((company) => company.name)],
    );
  } finally {
    await client.end();
  }
}

export interface BaselineServer {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 from /readyz. */
  startMs: number;
  stop(): Promise<void>;
}

export async function startBaselineServer(databaseUrl: string): Promise<BaselineServer> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [serverPath], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0", NODE_OPTIONS: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`baseline server did not start: ${output}`)), 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /listening (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`baseline server exited with ${code}: ${output}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    const response = await fetch(`${url}/readyz`).catch(() => undefined);
    if (response?.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const startMs = performance.now() - started;
  return {
    url,
    pid: child.pid ?? 0,
    startMs,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

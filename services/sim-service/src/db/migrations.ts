// sim-service's schema. Identifier columns use the "C" collation: byte order
// is digit order, so keyset pagination by ICCID is numeric for equal lengths
// and a prefix search (`q`) is a plain range scan of a b-tree index.
//
// Indexes are chosen for two opposite loads. An import writes every SIM
// through the indexes that exist at that moment, so the ones on columns an
// import leaves empty (company, end user) are partial (`WHERE … IS NOT NULL`)
// and cost an import nothing. Listing reads one page in ICCID order from an
// index whose leading columns are the filter: (org_id, iccid),
// (org_id, status, iccid), (company_id, iccid), (company_id, status, iccid),
// (end_user_id, iccid); prefixes by (iccid) itself and (msisdn).
import { chainReplicaMigration, type Migration } from "@simhub/platform";

export const migrations: Migration[] = [
  {
    name: "001_sims",
    async up(knex) {
      await knex.raw(`
        CREATE TABLE sim_imports (
          id             uuid PRIMARY KEY,
          org_id         uuid NOT NULL,
          format         text NOT NULL CHECK (format IN ('json', 'csv')),
          actor_user_id  text NOT NULL,
          actor_role     text NOT NULL,
          imported       integer NOT NULL,
          rejected       integer NOT NULL,
          created_at     timestamptz NOT NULL DEFAULT now()
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
          -- HMAC-SHA256(key, iccid || ':' || code); never the code itself.
          activation_code_hash bytea,
          -- No foreign key: a per-row lookup would slow imports down, and the
          -- import row is written at the end, when its counts are known.
          import_id            uuid NOT NULL,
          version              integer NOT NULL DEFAULT 1,
          created_at           timestamptz NOT NULL DEFAULT now(),
          updated_at           timestamptz NOT NULL DEFAULT now(),
          CONSTRAINT sims_end_user_needs_company CHECK (end_user_id IS NULL OR company_id IS NOT NULL),
          CONSTRAINT sims_reason_only_when_suspended CHECK ((status = 'suspended') = (status_reason IS NOT NULL))
        );
        CREATE UNIQUE INDEX sims_imsi_key ON sims (imsi) WHERE imsi IS NOT NULL;
        CREATE INDEX sims_org_iccid ON sims (org_id, iccid);
        CREATE INDEX sims_org_status_iccid ON sims (org_id, status, iccid);
        CREATE INDEX sims_msisdn ON sims (msisdn) WHERE msisdn IS NOT NULL;
        CREATE INDEX sims_company_iccid ON sims (company_id, iccid) WHERE company_id IS NOT NULL;
        CREATE INDEX sims_company_status_iccid ON sims (company_id, status, iccid) WHERE company_id IS NOT NULL;
        CREATE INDEX sims_end_user_iccid ON sims (end_user_id, iccid) WHERE end_user_id IS NOT NULL;

        CREATE TABLE sim_history (
          id             bigserial PRIMARY KEY,
          iccid          text COLLATE "C" NOT NULL,
          kind           text NOT NULL,
          actor_user_id  text NOT NULL,
          actor_role     text NOT NULL,
          before         jsonb NOT NULL,
          after          jsonb NOT NULL,
          created_at     timestamptz NOT NULL DEFAULT clock_timestamp()
        );
        CREATE INDEX sim_history_iccid_id ON sim_history (iccid, id);

        -- What sim-service knows about companies: the link to an organization
        -- (immutable, so cached for good) and whether the company is archived
        -- (one-way, learnt from CompanyArchived or from company-service).
        CREATE TABLE company_links (
          company_id   uuid PRIMARY KEY,
          org_id       uuid NOT NULL,
          archived     boolean NOT NULL DEFAULT false,
          resolved_at  timestamptz NOT NULL DEFAULT now()
        );
      `);
    },
  },
  {
    // Plans live in org-service; a SIM keeps the type of its plan next to
    // its id (a plan's type never changes), so a company's SIMs count by
    // plan type without asking org-service about every plan. The plan index
    // serves GET /v1/sims?planId= in ICCID order, like the other filters.
    name: "002_sim_plan_type",
    async up(knex) {
      await knex.raw(`
        ALTER TABLE sims
          ADD COLUMN plan_type text CHECK (plan_type IN ('prepaid', 'subscription', 'paygo')),
          ADD CONSTRAINT sims_plan_type_with_plan CHECK ((plan_id IS NULL) = (plan_type IS NULL));
        CREATE INDEX sims_plan_iccid ON sims (plan_id, iccid) WHERE plan_id IS NOT NULL;
      `);
    },
  },
  {
    // The company → organization chain now lives in the platform's chain
    // replica (chain_companies, chain_organizations); company_links, its
    // predecessor, is carried over so no link is asked for again.
    name: "003_chain_replica",
    async up(knex) {
      await chainReplicaMigration.up(knex);
      await knex.raw(`
        INSERT INTO chain_companies (company_id, org_id, archived)
        SELECT company_id, org_id, archived FROM company_links;
        DROP TABLE company_links;
      `);
    },
  },
  {
    // Imports as jobs (domain/import-job.ts, app/import-*.ts): the import row exists from the
    // first byte, carries its progress and its lease (which process works on
    // it, until when), and its rejected lines are rows of their own, so
    // neither memory nor a response has to hold them. Rows written before
    // this migration are finished imports.
    name: "004_import_jobs",
    async up(knex) {
      await knex.raw(`
        ALTER TABLE sim_imports
          ALTER COLUMN imported SET DEFAULT 0,
          ALTER COLUMN rejected SET DEFAULT 0,
          ADD COLUMN status text NOT NULL DEFAULT 'completed'
            CHECK (status IN ('receiving', 'applying', 'completed', 'failed')),
          ADD COLUMN rows_received integer NOT NULL DEFAULT 0,
          ADD COLUMN bytes_received bigint NOT NULL DEFAULT 0,
          ADD COLUMN rows_staged integer NOT NULL DEFAULT 0,
          ADD COLUMN batches_staged integer NOT NULL DEFAULT 0,
          ADD COLUMN batches_applied integer NOT NULL DEFAULT 0,
          ADD COLUMN finished_at timestamptz,
          ADD COLUMN failure text,
          ADD COLUMN lease_until timestamptz;
        UPDATE sim_imports SET rows_received = imported + rejected, finished_at = created_at;
        CREATE INDEX sim_imports_org_created ON sim_imports (org_id, created_at DESC, id DESC);
        CREATE INDEX sim_imports_unfinished ON sim_imports (lease_until)
          WHERE status IN ('receiving', 'applying');

        CREATE TABLE sim_import_rejections (
          import_id  uuid NOT NULL,
          -- The CSV line (the header is line 1) or the JSON index.
          position   integer NOT NULL,
          iccid      text NOT NULL,
          code       text NOT NULL,
          message    text NOT NULL,
          PRIMARY KEY (import_id, position)
        );
      `);
    },
  },
  {
    // Wrong activation codes per organization in fixed windows (an hour by
    // default): the ceiling that stops guessing across an organization's
    // many (sequential) ICCIDs, which per-ICCID and per-address counters in
    // identity-service alone cannot (app/activation-guard.ts).
    name: "005_activation_failures",
    async up(knex) {
      await knex.raw(`
        CREATE TABLE activation_failures (
          org_id       uuid PRIMARY KEY,
          window_start timestamptz NOT NULL,
          failures     integer NOT NULL
        );
      `);
    },
  },
  {
    // Plans offered to one company (docs/sims.md, "Plans"): a SIM keeps the
    // company its plan is offered to, so taking the SIM from that company
    // takes the plan too, in the same statement. plan_replica knows every
    // plan's liveness from org-service's Plan events (db/plan-replica.ts),
    // and an assignment locks the plan's row in its transaction. Plans
    // assigned before this migration count as organization-wide until they
    // are assigned again.
    name: "006_plan_scope",
    async up(knex) {
      await knex.raw(`
        ALTER TABLE sims
          ADD COLUMN plan_company_id uuid,
          ADD CONSTRAINT sims_plan_company_with_plan CHECK (plan_company_id IS NULL OR plan_id IS NOT NULL);
        CREATE TABLE plan_replica (
          plan_id    uuid PRIMARY KEY,
          org_id     uuid NOT NULL,
          company_id uuid,
          archived   boolean NOT NULL,
          updated_at timestamptz NOT NULL DEFAULT now()
        );
      `);
    },
  },
  {
    // Imports apply their batches in parallel (app/import-apply.ts), so
    // "applied up to batch N" is no longer one number: each applied batch
    // is a row, written by the batch's own transaction (its primary key is
    // what makes applying a batch twice impossible). The rows go with the
    // import's end. `batches_applied` stays, as a count for progress; an
    // import applying while this migration runs had applied its first
    // `batches_applied` batches in order.
    name: "007_import_applied_batches",
    async up(knex) {
      await knex.raw(`
        CREATE TABLE sim_import_applied_batches (
          import_id uuid NOT NULL,
          batch     integer NOT NULL,
          PRIMARY KEY (import_id, batch)
        );
        INSERT INTO sim_import_applied_batches (import_id, batch)
          SELECT id, generate_series(1, batches_applied) FROM sim_imports
           WHERE status = 'applying' AND batches_applied > 0;
      `);
    },
  },
];

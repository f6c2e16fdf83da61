// rule-service's schema.
// - rules: an organization's or a company's rule. `due_at` is set for a
//   `date` rule; `sweep_pending` marks a rule whose covered SIMs still have
//   to be checked (created, changed, or its date come due), `sweep_after`
//   the last ICCID checked, so a sweep resumes where a stopped one left off.
// - rule_sims: what rule-service knows of each SIM, from sim-service's
//   events (organization, company, plan, status). `*_at` are the times of
//   the events that set each fact: on NATS 2.9 each subject has its own
//   consumer, so events of different subjects arrive in any order and only
//   a newer event overwrites a fact.
// - rule_plans: each plan's data allowance, from org-service's events.
// - rule_usage: each SIM's totals of its current month (and day), from
//   SimUsageUpdated.
// - rule_firings: the log. Unique (rule, SIM, period): a rule fires once
//   per SIM and period whoever evaluates it and however often. `state`
//   pending → done; a pending firing is claimed by pushing `next_attempt_at`
//   past a lease (FOR UPDATE SKIP LOCKED), so replicas share the actions
//   and a crashed replica's claims come due again.
// - rule_generation (002): one row whose number goes up with every statement
//   that creates, deletes or changes what a rule covers or does, so a
//   process that keeps rules in memory (the usage evaluation, app/rule-cache.ts)
//   knows with one read per batch whether they are still the ones stored.
//   The sweeper's own bookkeeping (sweep_pending, sweep_after) does not count.
// - rule_usage.version (003): raised by every write of a SIM's totals, so a
//   process that keeps totals in memory (app/usage-cache.ts) writes them
//   only over the version it read, and reads them again when another
//   transaction wrote them meanwhile.
import type { Migration } from "@simhub/platform";

export const migrations: Migration[] = [
  {
    name: "001_rules",
    async up(knex) {
      await knex.raw(`
        CREATE TABLE rules (
          id            uuid PRIMARY KEY,
          seq           bigserial NOT NULL UNIQUE,
          org_id        uuid NOT NULL,
          company_id    uuid,
          plan_id       uuid,
          level         text NOT NULL CHECK (level IN ('organization', 'company')),
          name          text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
          trigger_type  text NOT NULL,
          trigger       jsonb NOT NULL,
          actions       jsonb NOT NULL,
          enabled       boolean NOT NULL DEFAULT true,
          due_at        timestamptz,
          sweep_pending boolean NOT NULL DEFAULT true,
          sweep_after   text NOT NULL DEFAULT '',
          created_at    timestamptz NOT NULL DEFAULT now(),
          updated_at    timestamptz NOT NULL DEFAULT now(),
          CHECK (level = 'organization' OR company_id IS NOT NULL)
        );
        CREATE INDEX rules_covering ON rules (org_id, trigger_type) WHERE enabled;
        CREATE INDEX rules_of_company ON rules (company_id, seq) WHERE level = 'company';
        CREATE INDEX rules_of_org ON rules (org_id, seq) WHERE level = 'organization';
        CREATE INDEX rules_to_sweep ON rules (due_at) WHERE sweep_pending AND enabled;

        CREATE TABLE rule_sims (
          iccid       text PRIMARY KEY,
          org_id      uuid NOT NULL,
          company_id  uuid,
          company_at  timestamptz NOT NULL DEFAULT '-infinity',
          plan_id     uuid,
          plan_at     timestamptz NOT NULL DEFAULT '-infinity',
          status      text,
          status_at   timestamptz NOT NULL DEFAULT '-infinity'
        );
        CREATE INDEX rule_sims_of_org ON rule_sims (org_id, iccid);
        CREATE INDEX rule_sims_of_company ON rule_sims (company_id, iccid) WHERE company_id IS NOT NULL;

        CREATE TABLE rule_plans (
          plan_id    uuid PRIMARY KEY,
          org_id     uuid NOT NULL,
          data_mb    bigint,
          updated_at timestamptz NOT NULL
        );

        CREATE TABLE rule_usage (
          iccid             text PRIMARY KEY,
          period            text NOT NULL,
          data_bytes        bigint NOT NULL,
          sms_count         bigint NOT NULL,
          voice_seconds     bigint NOT NULL,
          day               text NOT NULL,
          day_data_bytes    bigint NOT NULL,
          day_sms_count     bigint NOT NULL,
          day_voice_seconds bigint NOT NULL
        );

        CREATE TABLE rule_firings (
          id              uuid PRIMARY KEY,
          seq             bigserial NOT NULL UNIQUE,
          rule_id         uuid NOT NULL REFERENCES rules (id) ON DELETE CASCADE,
          iccid           text NOT NULL,
          org_id          uuid NOT NULL,
          company_id      uuid,
          period_key      text NOT NULL,
          trigger_type    text NOT NULL,
          observed        jsonb NOT NULL,
          actions         jsonb NOT NULL,
          state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
          attempts        integer NOT NULL DEFAULT 0,
          next_attempt_at timestamptz NOT NULL DEFAULT now(),
          fired_at        timestamptz NOT NULL DEFAULT now(),
          UNIQUE (rule_id, iccid, period_key)
        );
        CREATE INDEX rule_firings_log ON rule_firings (rule_id, seq DESC);
        CREATE INDEX rule_firings_due ON rule_firings (next_attempt_at) WHERE state = 'pending';
        CREATE INDEX rule_firings_age ON rule_firings USING brin (fired_at);
      `);
    },
  },
  {
    name: "002_rule_generation",
    async up(knex) {
      await knex.raw(`
        CREATE TABLE rule_generation (
          id         boolean PRIMARY KEY DEFAULT true CHECK (id),
          generation bigint NOT NULL
        );
        INSERT INTO rule_generation (id, generation) VALUES (true, 1);
        CREATE FUNCTION rules_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE rule_generation SET generation = generation + 1;
          RETURN NULL;
        END $$;
        CREATE TRIGGER rules_changed
          AFTER INSERT OR DELETE OR UPDATE OF org_id, company_id, plan_id, level, name, trigger_type,
                                             trigger, actions, enabled
          ON rules FOR EACH STATEMENT EXECUTE FUNCTION rules_changed();
      `);
    },
  },
  {
    name: "003_rule_usage_version",
    async up(knex) {
      await knex.raw("ALTER TABLE rule_usage ADD COLUMN version bigint NOT NULL DEFAULT 1");
    },
  },
  {
    // Every usage update rewrites its SIM's row: room on the page keeps the
    // new version there, out of the index (a HOT update; usage-service's
    // 003_room_for_hot_updates has the figures).
    name: "004_room_for_hot_updates",
    async up(knex) {
      await knex.raw("ALTER TABLE rule_usage SET (fillfactor = 70)");
    },
  },
];

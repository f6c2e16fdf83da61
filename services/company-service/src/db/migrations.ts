// company-service's schema. Companies page by `seq` (insertion order); names
// are unique per organization case-insensitively (unique index on
// (org_id, lower(name)), archived companies included: a name identifies one
// client of the organization for good). Organizations' names and liveness
// are the platform's chain replica (chain_organizations).
import { chainReplicaMigration, type Migration } from "@simhub/platform";

export const migrations: Migration[] = [
  {
    name: "001_companies",
    async up(knex) {
      await knex.raw(`
        CREATE TABLE companies (
          id                  uuid PRIMARY KEY,
          seq                 bigserial NOT NULL UNIQUE,
          org_id              uuid NOT NULL,
          name                text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
          virtual             boolean NOT NULL DEFAULT false,
          status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
          currency            text CHECK (currency ~ '^[A-Z]{3}$'),
          notification_email  text CHECK (char_length(notification_email) <= 254),
          created_at          timestamptz NOT NULL DEFAULT now(),
          updated_at          timestamptz NOT NULL DEFAULT now(),
          archived_at         timestamptz,
          CHECK ((status = 'archived') = (archived_at IS NOT NULL))
        );
        CREATE UNIQUE INDEX companies_org_name_key ON companies (org_id, lower(name));
        CREATE INDEX companies_org_seq_idx ON companies (org_id, seq);
        -- The link to the organization is immutable (ARCHITECTURE.md); the
        -- database refuses a change even from code that forgets the rule.
        CREATE FUNCTION companies_org_id_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.org_id <> OLD.org_id THEN
            RAISE EXCEPTION 'companies.org_id is immutable' USING ERRCODE = 'check_violation';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER companies_org_id_immutable BEFORE UPDATE OF org_id ON companies
          FOR EACH ROW EXECUTE FUNCTION companies_org_id_immutable();
      `);
    },
  },
  {
    name: "002_company_sims",
    async up(knex) {
      await knex.raw(`
        CREATE TABLE company_sims (
          iccid       text PRIMARY KEY,
          company_id  uuid NOT NULL,
          org_id      uuid NOT NULL,
          updated_at  timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX company_sims_company_idx ON company_sims (company_id);
      `);
    },
  },
  {
    // Archival asks sim-service instead of keeping a model of its assignments.
    name: "003_chain_replica_instead_of_company_sims",
    async up(knex) {
      await knex.raw("DROP TABLE company_sims");
      await chainReplicaMigration.up(knex);
    },
  },
];

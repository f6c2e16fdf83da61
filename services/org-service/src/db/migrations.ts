// org-service's schema. Lists page by `seq` (insertion order, see
// domain/validation.ts); names are unique case-insensitively through unique
// indexes on lower(name), so two concurrent creations cannot both win.
import { chainReplicaMigration, type Migration } from "@simhub/platform";

export const migrations: Migration[] = [
  {
    name: "001_organizations",
    async up(knex) {
      await knex.raw(`
        CREATE TABLE organizations (
          id          uuid PRIMARY KEY,
          seq         bigserial NOT NULL UNIQUE,
          name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
          status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
          created_at  timestamptz NOT NULL DEFAULT now(),
          updated_at  timestamptz NOT NULL DEFAULT now()
        );
        CREATE UNIQUE INDEX organizations_name_key ON organizations (lower(name));
      `);
    },
  },
  {
    name: "002_operators",
    async up(knex) {
      await knex.raw(`
        CREATE TABLE operators (
          id             uuid PRIMARY KEY,
          seq            bigserial NOT NULL UNIQUE,
          org_id         uuid NOT NULL REFERENCES organizations (id),
          operator_name  text NOT NULL CHECK (char_length(operator_name) BETWEEN 1 AND 200),
          mcc            text NOT NULL CHECK (mcc ~ '^[0-9]{3}$'),
          mnc            text NOT NULL CHECK (mnc ~ '^[0-9]{2,3}$'),
          integration    text NOT NULL CHECK (integration IN ('none', 'api')),
          created_at     timestamptz NOT NULL DEFAULT now()
        );
        -- One contract per network (PLMN) and organization.
        CREATE UNIQUE INDEX operators_org_plmn_key ON operators (org_id, mcc, mnc);
        CREATE INDEX operators_org_seq_idx ON operators (org_id, seq);
      `);
    },
  },
  {
    name: "003_payment_providers",
    async up(knex) {
      await knex.raw(`
        CREATE TABLE payment_providers (
          id              uuid PRIMARY KEY,
          org_id          uuid NOT NULL REFERENCES organizations (id),
          provider        text NOT NULL CHECK (provider IN ('stripe', 'paypal')),
          settings        jsonb NOT NULL DEFAULT '{}'::jsonb,
          -- AES-256-GCM, see packages/platform/src/secret-box.ts; never selected by the API's queries.
          sealed_secrets  text NOT NULL,
          secret_fields   text[] NOT NULL,
          created_at      timestamptz NOT NULL DEFAULT now(),
          updated_at      timestamptz NOT NULL DEFAULT now(),
          UNIQUE (org_id, provider)
        );
      `);
    },
  },
  {
    name: "004_plans",
    async up(knex) {
      await knex.raw(`
        CREATE TABLE plans (
          id                 uuid PRIMARY KEY,
          seq                bigserial NOT NULL UNIQUE,
          org_id             uuid NOT NULL REFERENCES organizations (id),
          -- Offered to this company only; NULL: organization-wide. The company
          -- lives in company-service, so there is no foreign key.
          company_id         uuid,
          name               text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
          type               text NOT NULL CHECK (type IN ('prepaid', 'subscription', 'paygo')),
          currency           text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
          -- Money in integer minor units of the currency (see domain/plan.ts).
          price              bigint NOT NULL CHECK (price BETWEEN 0 AND 1000000000000),
          data_mb            integer CHECK (data_mb BETWEEN 0 AND 1000000000),
          sms_count          integer CHECK (sms_count BETWEEN 0 AND 1000000000),
          voice_minutes      integer CHECK (voice_minutes BETWEEN 0 AND 1000000000),
          validity_days      integer CHECK (validity_days BETWEEN 1 AND 3650),
          billing_period     text CHECK (billing_period IN ('monthly', 'yearly')),
          rate_per_mb_minor  bigint CHECK (rate_per_mb_minor BETWEEN 0 AND 1000000000000),
          status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
          created_at         timestamptz NOT NULL DEFAULT now(),
          updated_at         timestamptz NOT NULL DEFAULT now(),
          -- The terms of each type, behind the domain's own check.
          CONSTRAINT plans_terms_of_type CHECK (
            (type = 'prepaid' AND validity_days IS NOT NULL
              AND billing_period IS NULL AND rate_per_mb_minor IS NULL)
            OR (type = 'subscription' AND billing_period IS NOT NULL
              AND validity_days IS NULL AND rate_per_mb_minor IS NULL)
            OR (type = 'paygo' AND rate_per_mb_minor IS NOT NULL
              AND validity_days IS NULL AND billing_period IS NULL
              AND data_mb IS NULL AND sms_count IS NULL AND voice_minutes IS NULL)
          )
        );
        CREATE UNIQUE INDEX plans_org_name_key ON plans (org_id, lower(name));
        CREATE INDEX plans_org_seq_idx ON plans (org_id, seq);
      `);
    },
  },
  {
    // Companies' links and liveness for plans offered to one company (app/plans.ts).
    name: "chain_replica",
    up: (knex) => chainReplicaMigration.up(knex),
  },
];

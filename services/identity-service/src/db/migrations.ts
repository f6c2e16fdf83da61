// identity-service's schema. Passwords are argon2id hashes; refresh tokens,
// MFA tokens, recovery codes and API-key secrets are stored as SHA-256 only; TOTP secrets and
// private signing keys are sealed with AES-256-GCM (packages/platform/src/secret-box.ts).
import { chainReplicaMigration, type Migration } from "@simhub/platform";

export const migrations: Migration[] = [
  {
    name: "001_users_sessions_keys",
    async up(knex) {
      await knex.raw(`
        CREATE TABLE users (
          id            uuid PRIMARY KEY,
          username      text NOT NULL,
          username_key  text NOT NULL,
          email         text NOT NULL,
          role          text NOT NULL CHECK (role IN ('platform_admin', 'org_admin', 'org_staff',
                          'company_admin', 'company_staff', 'end_user')),
          org_id        uuid,
          company_id    uuid,
          password_hash text NOT NULL,
          -- pending: a self-registration waiting for its SIM claim; removed: soft-deleted
          status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'pending', 'removed')),
          via           text CHECK (via IN ('admin', 'self-registration', 'bootstrap')),
          registration_iccid text,
          created_by    text,
          -- millisecond precision: list cursors carry it through JavaScript dates
          created_at    timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
          updated_at    timestamptz NOT NULL DEFAULT now(),
          removed_at    timestamptz,
          CONSTRAINT users_tenant_by_role CHECK (
               (role = 'platform_admin' AND org_id IS NULL AND company_id IS NULL)
            OR (role IN ('org_admin', 'org_staff') AND org_id IS NOT NULL AND company_id IS NULL)
            OR (role IN ('company_admin', 'company_staff', 'end_user')
                AND org_id IS NOT NULL AND company_id IS NOT NULL))
        );
        CREATE UNIQUE INDEX users_username_unique ON users (username_key) WHERE status <> 'removed';
        CREATE INDEX users_end_users_by_company ON users (company_id, created_at, id)
          WHERE role = 'end_user' AND status = 'active';

        -- The chain admin -> organization -> company -> user never changes.
        CREATE FUNCTION users_chain_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.role IS DISTINCT FROM OLD.role OR NEW.org_id IS DISTINCT FROM OLD.org_id
             OR NEW.company_id IS DISTINCT FROM OLD.company_id THEN
            RAISE EXCEPTION 'a user''s role, organization and company never change' USING ERRCODE = '23514';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER users_chain_is_immutable BEFORE UPDATE ON users
          FOR EACH ROW EXECUTE FUNCTION users_chain_is_immutable();

        CREATE TABLE user_mfa (
          user_id               uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
          enabled               boolean NOT NULL DEFAULT false,
          secret_sealed         text,
          pending_secret_sealed text,
          -- the last TOTP time step accepted: a code is accepted once, and never an older one
          last_used_step        bigint,
          enabled_at            timestamptz,
          updated_at            timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE recovery_codes (
          user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
          code_hash  bytea NOT NULL,
          pending    boolean NOT NULL,
          used_at    timestamptz,
          created_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (user_id, code_hash)
        );

        CREATE TABLE refresh_tokens (
          id                uuid PRIMARY KEY,
          family_id         uuid NOT NULL,
          user_id           uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
          token_hash        bytea NOT NULL UNIQUE,
          family_started_at timestamptz NOT NULL,
          created_at        timestamptz NOT NULL DEFAULT now(),
          expires_at        timestamptz NOT NULL,
          used_at           timestamptz,
          revoked_at        timestamptz
        );
        CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
        CREATE INDEX refresh_tokens_live_by_user ON refresh_tokens (user_id) WHERE revoked_at IS NULL;

        CREATE TABLE mfa_challenges (
          id          uuid PRIMARY KEY,
          user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
          token_hash  bytea NOT NULL UNIQUE,
          expires_at  timestamptz NOT NULL,
          attempts    integer NOT NULL DEFAULT 0,
          consumed_at timestamptz,
          created_at  timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX mfa_challenges_by_expiry ON mfa_challenges (expires_at);

        -- Brute-force counters, shared by every replica ("account:<username>", "address:<ip>").
        CREATE TABLE login_throttle (
          key             text PRIMARY KEY,
          failures        integer NOT NULL DEFAULT 0,
          last_failure_at timestamptz,
          locked_until    timestamptz
        );

        CREATE TABLE signing_keys (
          kid                text PRIMARY KEY,
          alg                text NOT NULL,
          public_jwk         jsonb NOT NULL,
          private_jwk_sealed text NOT NULL,
          created_at         timestamptz NOT NULL DEFAULT now(),
          -- when it stopped signing; it is still served until its last token expired
          retired_at         timestamptz
        );
        CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys ((true)) WHERE retired_at IS NULL;
      `);
    },
  },
  {
    name: "002_signing_key_activation",
    async up(knex) {
      // A rotated-in key is published before it signs, so every verifier's
      // cached key set can learn it first (rotation without failed requests).
      await knex.raw(`
        ALTER TABLE signing_keys ADD COLUMN activates_at timestamptz NOT NULL DEFAULT now();
      `);
    },
  },
  {
    name: "003_pending_registration_code",
    async up(knex) {
      // The activation code of a registration still settling (sealed; cleared once settled), so a
      // registration interrupted between the SIM claim and the user's activation can repeat the
      // (idempotent) claim and learn its outcome.
      await knex.raw(`ALTER TABLE users ADD COLUMN registration_code_sealed text`);
    },
  },
  {
    // The company -> organization chain, kept locally (app/chain.ts).
    name: "004_chain_replica",
    up: (knex) => chainReplicaMigration.up(knex),
  },
  {
    // Machine credentials (app/api-keys.ts). A revoked key keeps its row (who had it, when it
    // was last used); the secret is only ever stored as its SHA-256.
    name: "005_api_keys",
    async up(knex) {
      await knex.raw(`
        CREATE TABLE api_keys (
          id           uuid PRIMARY KEY,
          seq          bigserial NOT NULL UNIQUE,
          name         text NOT NULL,
          role         text NOT NULL CHECK (role IN ('org_admin', 'org_staff', 'company_admin', 'company_staff')),
          org_id       uuid NOT NULL,
          company_id   uuid,
          client_id    text NOT NULL UNIQUE,
          secret_hash  bytea NOT NULL,
          created_by   text NOT NULL,
          created_at   timestamptz NOT NULL DEFAULT now(),
          -- when a token was last issued for it, kept to the minute (one write a minute at most)
          last_used_at timestamptz,
          revoked_at   timestamptz,
          revoked_by   text,
          CONSTRAINT api_keys_tenant_by_role CHECK (
               (role IN ('org_admin', 'org_staff') AND company_id IS NULL)
            OR (role IN ('company_admin', 'company_staff') AND company_id IS NOT NULL))
        );
        CREATE INDEX api_keys_live_of_org ON api_keys (org_id, seq) WHERE company_id IS NULL AND revoked_at IS NULL;
        CREATE INDEX api_keys_live_of_company ON api_keys (company_id, seq) WHERE revoked_at IS NULL;
      `);
    },
  },
];

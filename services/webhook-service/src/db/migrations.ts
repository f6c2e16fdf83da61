// webhook-service's schema.
// - endpoints: one URL of an organization (company_id null) or a company,
//   its subscribed types, and its signing secrets sealed with the secret box
//   (the previous one kept until previous_secret_expires_at after a rotation).
// - webhook_events: the body of each event as delivered, kept only when some
//   endpoint wanted it: retries and replays send exactly the same bytes.
// - deliveries: one per (endpoint, event). A due row is claimed by pushing
//   next_attempt_at past the lease (FOR UPDATE SKIP LOCKED), so replicas
//   share the work and a crashed replica's claims come due again.
// - delivery_attempts: the log of failed attempts (and the success after
//   them), pruned after WEBHOOK_RETENTION_DAYS.
//
// Every delivery is inserted, sent and recorded, so each index and foreign
// key of `deliveries` is paid two or three times per delivery. 002 keeps
// only what a query needs: no foreign keys (their checks lock the endpoint
// row from every fan-out transaction; deleting an endpoint removes its
// deliveries and attempts in the same statement instead, see
// deleteEndpointRow), and one unique index on (event_id, endpoint_id) that
// serves both the fan-out's ON CONFLICT and the pruning's "any delivery of
// this event left" instead of two.
import type { Migration } from "@simhub/platform";

export const migrations: Migration[] = [
  {
    name: "001_webhooks",
    async up(knex) {
      await knex.raw(`
        CREATE TABLE endpoints (
          id                          uuid PRIMARY KEY,
          seq                         bigserial NOT NULL UNIQUE,
          org_id                      uuid NOT NULL,
          company_id                  uuid,
          url                         text NOT NULL CHECK (char_length(url) <= 2048),
          events                      text[] NOT NULL CHECK (cardinality(events) BETWEEN 1 AND 64),
          status                      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
          description                 text NOT NULL DEFAULT '' CHECK (char_length(description) <= 500),
          disabled_reason             text,
          secret_sealed               text NOT NULL,
          previous_secret_sealed      text,
          previous_secret_expires_at  timestamptz,
          validated_at                timestamptz,
          created_at                  timestamptz NOT NULL DEFAULT now(),
          updated_at                  timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX endpoints_org_idx ON endpoints (org_id, seq);
        CREATE INDEX endpoints_company_idx ON endpoints (company_id, seq) WHERE company_id IS NOT NULL;
        CREATE INDEX endpoints_revalidate_idx ON endpoints (validated_at) WHERE status = 'active';

        CREATE TABLE webhook_events (
          event_id     uuid PRIMARY KEY,
          org_id       uuid NOT NULL,
          company_id   uuid,
          type         text NOT NULL,
          body         text NOT NULL,
          occurred_at  timestamptz NOT NULL,
          received_at  timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX webhook_events_received_idx ON webhook_events (received_at);

        CREATE TABLE deliveries (
          id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
          seq                   bigserial NOT NULL UNIQUE,
          endpoint_id           uuid NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
          event_id              uuid NOT NULL REFERENCES webhook_events (event_id),
          type                  text NOT NULL,
          occurred_at           timestamptz NOT NULL,
          status                text NOT NULL DEFAULT 'pending'
                                CHECK (status IN ('pending', 'delivered', 'failed', 'dead')),
          attempts              integer NOT NULL DEFAULT 0,
          next_attempt_at       timestamptz,
          last_attempt_at       timestamptz,
          last_response_status  integer,
          last_error            text,
          created_at            timestamptz NOT NULL DEFAULT now(),
          updated_at            timestamptz NOT NULL DEFAULT now(),
          UNIQUE (endpoint_id, event_id)
        );
        CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE status IN ('pending', 'failed');
        CREATE INDEX deliveries_endpoint_idx ON deliveries (endpoint_id, seq);
        CREATE INDEX deliveries_replay_idx ON deliveries (endpoint_id, occurred_at);
        CREATE INDEX deliveries_event_idx ON deliveries (event_id);
        CREATE INDEX deliveries_final_idx ON deliveries (updated_at) WHERE status IN ('delivered', 'dead');

        CREATE TABLE delivery_attempts (
          id               bigserial PRIMARY KEY,
          delivery_id      uuid NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
          attempted_at     timestamptz NOT NULL,
          duration_ms      integer NOT NULL,
          response_status  integer,
          outcome          text NOT NULL,
          error            text,
          response_body    text CHECK (octet_length(response_body) <= 4096)
        );
        CREATE INDEX delivery_attempts_delivery_idx ON delivery_attempts (delivery_id);
        CREATE INDEX delivery_attempts_time_idx ON delivery_attempts (attempted_at);
      `);
    },
  },
  {
    name: "002_lean_deliveries",
    async up(knex) {
      await knex.raw(`
        ALTER TABLE deliveries DROP CONSTRAINT deliveries_endpoint_id_fkey;
        ALTER TABLE deliveries DROP CONSTRAINT deliveries_event_id_fkey;
        ALTER TABLE delivery_attempts DROP CONSTRAINT delivery_attempts_delivery_id_fkey;
        ALTER TABLE deliveries DROP CONSTRAINT deliveries_endpoint_id_event_id_key;
        DROP INDEX deliveries_event_idx;
        ALTER TABLE deliveries ADD CONSTRAINT deliveries_event_endpoint_key UNIQUE (event_id, endpoint_id);
      `);
    },
  },
];

// Payment-provider rows. The sealed secrets column is written here and read
// by nothing the API exposes: the projections below leave it out.
import type { Knex } from "@simhub/platform";
import type { PaymentProviderName, PaymentProviderRecord } from "../domain/payment-provider.ts";

interface PaymentProviderRow {
  id: string;
  org_id: string;
  provider: PaymentProviderName;
  settings: Record<string, string>;
  secret_fields: string[];
  created_at: Date;
  updated_at: Date;
}

const publicColumns = ["id", "org_id", "provider", "settings", "secret_fields", "created_at", "updated_at"];

function toRecord(row: PaymentProviderRow): PaymentProviderRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    provider: row.provider,
    settings: row.settings,
    secretFields: row.secret_fields,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Inserts or replaces the organization's connection to a provider; `created` tells which. */
export async function upsertPaymentProvider(
  trx: Knex.Transaction,
  input: {
    id: string;
    orgId: string;
    provider: PaymentProviderName;
    settings: Record<string, string>;
    sealedSecrets: string;
    secretFields: string[];
  },
): Promise<{ record: PaymentProviderRecord; created: boolean }> {
  const result = await trx.raw(
    `INSERT INTO payment_providers (id, org_id, provider, settings, sealed_secrets, secret_fields)
     VALUES (?, ?, ?, ?::jsonb, ?, ?::text[])
     ON CONFLICT (org_id, provider) DO UPDATE
       SET settings = EXCLUDED.settings,
           sealed_secrets = EXCLUDED.sealed_secrets,
           secret_fields = EXCLUDED.secret_fields,
           updated_at = now()
     RETURNING ${publicColumns.join(", ")}, (xmax = 0) AS inserted`,
    [
      input.id,
      input.orgId,
      input.provider,
      JSON.stringify(input.settings),
      input.sealedSecrets,
      input.secretFields,
    ],
  );
  const row = result.rows[0] as PaymentProviderRow & { inserted: boolean };
  return { record: toRecord(row), created: row.inserted };
}

export async function listPaymentProviders(db: Knex, orgId: string): Promise<PaymentProviderRecord[]> {
  const rows = (await db("payment_providers")
    .select(publicColumns)
    .where({ org_id: orgId })
    .orderBy("provider")) as PaymentProviderRow[];
  return rows.map(toRecord);
}

// What sim-service remembers about companies (see app/company-chain.ts).
import type { Knex } from "@simhub/platform";

export interface CompanyLink {
  companyId: string;
  orgId: string;
  archived: boolean;
}

export async function findCompanyLink(db: Knex, companyId: string): Promise<CompanyLink | undefined> {
  const row = await db("company_links").where({ company_id: companyId }).first();
  return row ? { companyId: row.company_id, orgId: row.org_id, archived: row.archived } : undefined;
}

/**
 * Records a link. `archived` only ever goes from false to true: a stale
 * "active" answer arriving after an archive event must not revive it.
 */
export async function rememberCompanyLink(db: Knex | Knex.Transaction, link: CompanyLink): Promise<void> {
  await db.raw(
    `INSERT INTO company_links (company_id, org_id, archived, resolved_at) VALUES (?, ?, ?, now())
     ON CONFLICT (company_id) DO UPDATE
       SET archived = company_links.archived OR EXCLUDED.archived, resolved_at = now()`,
    [link.companyId, link.orgId, link.archived],
  );
}

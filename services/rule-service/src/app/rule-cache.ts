// The enabled usage rules of each organization, kept in memory between
// batches of usage updates: usage arrives by the thousand a second, rules
// change rarely. Every batch reads rule_generation (one row, raised by a
// trigger on every statement that changes what a rule covers or does,
// migration 002) in its own transaction, and a number other than the one the
// cache was filled at empties the cache, so a batch evaluates on the rules as
// stored when it read the number — as reading the rules themselves in the
// batch's transaction would (a rule created or changed meanwhile is swept by
// its own sweep, as before).
import { type Knex, preparedRaw } from "@simhub/platform";
import { type RuleRow, ruleColumns, toRule } from "../db/rules.ts";
import type { SimFacts } from "../db/state.ts";
import { type Rule, type TriggerType, usageTriggerTypes } from "../domain/rule.ts";

interface OrgRules {
  /** Rules over the whole organization, not narrowed to a company. */
  orgWide: Rule[];
  /** Rules of a company, or narrowed to one, by company. */
  byCompany: Map<string, Rule[]>;
  /** The covering rules of a company and plan, as computed once (`company|plan`). */
  covering: Map<string, readonly Rule[]>;
}

const none: readonly Rule[] = [];

const covers = (rule: Rule, planId: string | null) => rule.planId === null || rule.planId === planId;

function coveringOne(org: OrgRules, sim: SimFacts): readonly Rule[] {
  const key = `${sim.companyId ?? ""}|${sim.planId ?? ""}`;
  let rules = org.covering.get(key);
  if (!rules) {
    const ofCompany = sim.companyId ? (org.byCompany.get(sim.companyId) ?? none) : none;
    const found = [...org.orgWide, ...ofCompany].filter((rule) => covers(rule, sim.planId));
    rules = found.length > 0 ? found : none;
    org.covering.set(key, rules);
  }
  return rules;
}

export class UsageRuleCache {
  private generation: string | undefined;
  private readonly orgs = new Map<string, OrgRules>();
  private readonly types: readonly TriggerType[];

  constructor(types: readonly TriggerType[] = usageTriggerTypes) {
    this.types = types;
  }

  /** The covering rules of each SIM (a SIM without any is left out), as of the transaction's read. */
  async coveringRulesOf(
    trx: Knex.Transaction,
    sims: Iterable<SimFacts>,
  ): Promise<Map<string, readonly Rule[]>> {
    const { rows } = await preparedRaw<{ rows: { generation: string }[] }>(
      trx,
      "SELECT generation FROM rule_generation",
      [],
    );
    const generation = String(rows[0]?.generation);
    if (generation !== this.generation) {
      this.orgs.clear();
      this.generation = generation;
    }
    const list = [...sims];
    const orgs = new Map<string, OrgRules>();
    const missing: string[] = [];
    for (const sim of list) {
      if (orgs.has(sim.orgId) || missing.includes(sim.orgId)) continue;
      const cached = this.orgs.get(sim.orgId);
      if (cached) orgs.set(sim.orgId, cached);
      else missing.push(sim.orgId);
    }
    if (missing.length > 0) {
      const loaded = await this.load(trx, missing);
      for (const [orgId, org] of loaded) {
        orgs.set(orgId, org);
        // Kept only if no other batch saw a newer generation meanwhile.
        if (this.generation === generation) this.orgs.set(orgId, org);
      }
    }
    const byIccid = new Map<string, readonly Rule[]>();
    for (const sim of list) {
      const rules = coveringOne(orgs.get(sim.orgId)!, sim);
      if (rules.length > 0) byIccid.set(sim.iccid, rules);
    }
    return byIccid;
  }

  private async load(trx: Knex.Transaction, orgIds: string[]): Promise<Map<string, OrgRules>> {
    const { rows } = await trx.raw<{ rows: RuleRow[] }>(
      `SELECT ${ruleColumns.join(", ")} FROM rules
        WHERE enabled AND org_id = ANY(?::uuid[]) AND trigger_type = ANY(?::text[])`,
      [orgIds, [...this.types]] as Knex.RawBinding[],
    );
    const loaded = new Map<string, OrgRules>(
      orgIds.map((orgId) => [orgId, { orgWide: [], byCompany: new Map(), covering: new Map() }]),
    );
    for (const row of rows) {
      const rule = toRule(row);
      const org = loaded.get(rule.orgId)!;
      if (rule.companyId === null) org.orgWide.push(rule);
      else {
        const ofCompany = org.byCompany.get(rule.companyId) ?? [];
        ofCompany.push(rule);
        org.byCompany.set(rule.companyId, ofCompany);
      }
    }
    return loaded;
  }
}

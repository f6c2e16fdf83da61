// The chain rule (ARCHITECTURE.md): a SIM goes only to a company that exists,
// is active and belongs to the SIM's organization, and that organization must
// be active; an end user only gets a SIM of their own company. Pure: callers
// bring what they resolved.

export interface CompanyChain {
  readonly companyId: string;
  readonly companyOrgId: string;
  readonly companyStatus: string;
  readonly orgStatus: string;
}

export type ChainDecision = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** `chain` is undefined when the company does not exist (or is not visible). */
export function decideCompanyChain(simOrgId: string, chain: CompanyChain | undefined): ChainDecision {
  if (!chain) return { ok: false, message: "the company does not exist" };
  if (chain.companyOrgId !== simOrgId) {
    // The same answer as a missing company: another organization's company is not to be revealed.
    return { ok: false, message: "the company does not exist" };
  }
  if (chain.companyStatus !== "active") return { ok: false, message: "the company is archived" };
  if (chain.orgStatus !== "active") return { ok: false, message: "the organization is not active" };
  return { ok: true };
}

/** `userCompanyId` is undefined when the end user does not exist (or is not visible). */
export function decideEndUserChain(simCompanyId: string, userCompanyId: string | undefined): ChainDecision {
  if (userCompanyId === undefined) return { ok: false, message: "the end user does not exist" };
  if (userCompanyId !== simCompanyId) {
    return { ok: false, message: "the end user does not belong to the SIM's company" };
  }
  return { ok: true };
}

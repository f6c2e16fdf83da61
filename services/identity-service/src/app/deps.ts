// What the use cases need, built once in service.ts.
import type { CompanyServiceMethods, OrgServiceMethods, SimServiceMethods } from "@simhub/contracts";
import type { ChainReplica, GrpcClient, Knex, Logger, SecretBox } from "@simhub/platform";
import type { PasswordHasher } from "../crypto/passwords.ts";
import type { ThrottlePolicy } from "../domain/throttle.ts";
import type { SigningKeys } from "./signing-keys.ts";

export interface IdentityDeps {
  db: Knex;
  events: { namespace: string; source: string };
  logger: Logger;
  hasher: PasswordHasher;
  keys: SigningKeys;
  box: SecretBox;
  /** Company -> organization links and liveness, kept locally (app/chain.ts). */
  chain: ChainReplica;
  clients: {
    org: GrpcClient<OrgServiceMethods>;
    company: GrpcClient<CompanyServiceMethods>;
    sim: GrpcClient<SimServiceMethods>;
  };
  settings: {
    issuerName: string;
    accessTokenTtlSeconds: number;
    /** Lifetime of an API key's access token (the client-credentials grant), ≤ 300. */
    apiKeyTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    sessionMaxSeconds: number;
    mfaTokenTtlSeconds: number;
    mfaMaxAttemptsPerChallenge: number;
    accountThrottle: ThrottlePolicy;
    addressThrottle: ThrottlePolicy;
    /** Failures on an account across addresses past which each address gets one free attempt. */
    accountCeiling: number;
    /** The gateway's service identity (GATEWAY_SERVICE_KEY); unset: no caller may pass a client address. */
    gatewayServiceKey: string | undefined;
  };
}

/** A short-lived token of role `service` for identity's own calls to other services. */
export function serviceToken(deps: IdentityDeps): Promise<string> {
  return deps.keys.signAccessToken({ userId: "identity-service", role: "service" }, 60);
}

// The gateway's service identity on gRPC: a shared key (GATEWAY_SERVICE_KEY,
// the same in the gateway and in identity-service) sent as metadata with
// every call of the gateway's identity client. Only a call that carries it
// may say which client address it acts for (Login, RegisterWithSim, …);
// any other caller is taken to be the client itself, at its TCP peer
// address, so rotating a made-up `sourceAddress` buys nothing.
import { createHash, timingSafeEqual } from "node:crypto";
import type { CallContext } from "./grpc-server.ts";

export const gatewayKeyHeader = "simhub-gateway-key";

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

export function isGatewayCall(call: Pick<CallContext, "metadata">, gatewayKey: string | undefined): boolean {
  return presentsServiceKey(call, gatewayKeyHeader, gatewayKey);
}

/**
 * A process calling another without a caller's token (usage-service's
 * lookups for records that came from NATS): a shared key of the two, sent
 * as this metadata entry, stands for the role `service`.
 */
export const serviceKeyHeader = "simhub-service-key";

export function isServiceKeyCall(
  call: Pick<CallContext, "metadata">,
  serviceKey: string | undefined,
): boolean {
  return presentsServiceKey(call, serviceKeyHeader, serviceKey);
}

/**
 * rule-service's identity towards sim-service: the shared RULE_SERVICE_KEY,
 * sent with its rule actions (ChangeSimStatusByRule), the one call a
 * process makes on its own behalf with no user's token to carry.
 */
export const ruleServiceKeyHeader = "simhub-rule-service-key";

/** Whether the call carries `key` in the metadata entry `header` (compared in constant time). */
export function presentsServiceKey(
  call: Pick<CallContext, "metadata">,
  header: string,
  key: string | undefined,
): boolean {
  if (!key) return false;
  const presented = call.metadata.get(header)[0];
  if (typeof presented !== "string" || presented === "") return false;
  return timingSafeEqual(digest(presented), digest(key));
}

/** The client address a public method acts for: the gateway's word, else the caller's own peer. */
export function callerClientAddress(
  call: Pick<CallContext, "metadata" | "peerAddress">,
  claimed: string,
  gatewayKey: string | undefined,
): string {
  return isGatewayCall(call, gatewayKey) && claimed ? claimed : call.peerAddress;
}

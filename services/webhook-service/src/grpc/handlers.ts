// WebhookService over gRPC: request → use case → response.
import type { WebhookServiceMethods } from "@simhub/contracts";
import type { ServiceImplementation } from "@simhub/platform";
import { listDeliveries, replay } from "../app/deliveries.ts";
import type { WebhookDeps } from "../app/deps.ts";
import {
  createEndpoint,
  deleteEndpoint,
  listEndpoints,
  rotateSecret,
  updateEndpoint,
  visibleEndpointOf,
} from "../app/endpoints.ts";
import type { DeliveryRow } from "../db/deliveries.ts";
import type { Endpoint } from "../domain/endpoint.ts";

const iso = (time: Date | null) => (time ? time.toISOString() : "");

function endpointMessage(endpoint: Endpoint) {
  return {
    id: endpoint.id,
    orgId: endpoint.orgId,
    companyId: endpoint.companyId ?? "",
    url: endpoint.url,
    events: endpoint.events,
    status: endpoint.status,
    description: endpoint.description,
    disabledReason: endpoint.disabledReason ?? "",
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
    validatedAt: iso(endpoint.validatedAt),
  };
}

function deliveryMessage(row: DeliveryRow) {
  return {
    id: row.id,
    eventId: row.event_id,
    type: row.type,
    status: row.status,
    attempts: row.attempts,
    lastResponseStatus: row.last_response_status ?? 0,
    lastAttemptAt: iso(row.last_attempt_at),
    // A delivered or dead row is not coming back; a claimed one shows its lease.
    nextAttemptAt: row.status === "pending" || row.status === "failed" ? iso(row.next_attempt_at) : "",
    createdAt: row.created_at.toISOString(),
    lastError: row.last_error ?? "",
  };
}

export function webhookHandlers(deps: WebhookDeps): ServiceImplementation<WebhookServiceMethods> {
  return {
    async CreateEndpoint(request, { principal }) {
      const created = await createEndpoint(deps, principal, {
        orgId: request.orgId,
        companyId: request.companyId,
        url: request.url,
        events: request.events,
        description: request.description,
      });
      return { endpoint: endpointMessage(created.endpoint), secret: created.secret };
    },
    async GetEndpoint(request, { principal }) {
      return endpointMessage(await visibleEndpointOf(deps, principal, request.id));
    },
    async ListEndpoints(request, { principal }) {
      const page = await listEndpoints(deps, principal, {
        orgId: request.orgId,
        companyId: request.companyId,
        limit: request.limit,
        cursor: request.cursor,
      });
      return { items: page.items.map(endpointMessage), nextCursor: page.nextCursor };
    },
    async UpdateEndpoint(request, { principal }) {
      const endpoint = await updateEndpoint(deps, principal, {
        id: request.id,
        url: request.url,
        events: request.changeEvents ? request.events : undefined,
        status: request.status,
        description: request.changeDescription ? request.description : undefined,
      });
      return endpointMessage(endpoint);
    },
    async DeleteEndpoint(request, { principal }) {
      await deleteEndpoint(deps, principal, { id: request.id });
      return {};
    },
    async RotateSecret(request, { principal }) {
      const rotated = await rotateSecret(deps, principal, { id: request.id });
      return { secret: rotated.secret, previousSecretExpiresAt: rotated.previousExpiresAt.toISOString() };
    },
    async ListDeliveries(request, { principal }) {
      const page = await listDeliveries(deps, principal, {
        endpointId: request.endpointId,
        limit: request.limit,
        cursor: request.cursor,
        status: request.status,
      });
      return { items: page.items.map(deliveryMessage), nextCursor: page.nextCursor };
    },
    async Replay(request, { principal }) {
      const scheduled = await replay(deps, principal, {
        endpointId: request.endpointId,
        since: request.since,
        until: request.until,
      });
      return { scheduled };
    },
  };
}

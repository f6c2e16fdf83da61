// The paging query of the list routes, with the bounds the services check
// themselves (the platform's checkLimit), so both edges agree.
import { DEFAULT_LIMIT, MAX_LIMIT } from "@simhub/platform";
import { z } from "zod";
import { nullIfEmpty } from "../http/route.ts";

export const pageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .optional()
    .meta({ description: `1–${MAX_LIMIT}, default ${DEFAULT_LIMIT}` }),
  cursor: z.string().max(512).optional().meta({ description: "nextCursor of the previous page" }),
};

export const PageQuery = z.object(pageQuery);

/** A page of messages as every list route answers it: the items as JSON, null after the last page. */
export function pageResponse<Message, Json>(
  page: { items: Message[]; nextCursor: string },
  toJson: (item: Message) => Json,
) {
  return {
    status: 200 as const,
    body: { items: page.items.map((item) => toJson(item)), nextCursor: nullIfEmpty(page.nextCursor) },
  };
}

const itemsOpening = Buffer.from('{"items":');

/**
 * A page whose items are a JSON array already (built by the service's
 * database): the same body as pageResponse, with the items passed through.
 */
export function jsonPageResponse(page: { itemsJson: Uint8Array; nextCursor: string }) {
  const nextCursor = JSON.stringify(nullIfEmpty(page.nextCursor));
  return {
    status: 200 as const,
    json: Buffer.concat([itemsOpening, page.itemsJson, Buffer.from(`,"nextCursor":${nextCursor}}`)]),
  };
}

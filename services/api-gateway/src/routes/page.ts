// The paging query of the list routes, with the bounds the services check
// themselves (the platform's checkLimit), so both edges agree.
import { DEFAULT_LIMIT, MAX_LIMIT } from "@simhub/platform";
import { z } from "zod";

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

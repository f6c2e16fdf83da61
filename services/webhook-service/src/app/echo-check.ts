// Runs the product's echo check against a URL (domain/echo.ts) through the
// same guarded HTTP client as deliveries, so an address the policy refuses
// fails validation with the reason.
import { randomBytes } from "node:crypto";
import { echoFailure, echoRequestBody } from "../domain/echo.ts";
import type { WebhookHttpClient } from "../http/client.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function echoData(): string {
  return [...randomBytes(32)].map((byte) => ALPHABET[byte % ALPHABET.length]).join("");
}

/** Undefined when the URL echoes; otherwise why it did not. */
export async function echoCheck(
  http: WebhookHttpClient,
  url: string,
  timeoutMs: number,
): Promise<string | undefined> {
  const data = echoData();
  const result = await http.post(url, ["content-type", "application/json"], echoRequestBody(data), timeoutMs);
  if (result.status === undefined) return result.error ?? "no answer";
  return echoFailure(data, result.status, result.body);
}

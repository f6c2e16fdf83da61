// The product's endpoint validation: simhub POSTs
// {"type":"echo","echo_data":"<1–50 chars of [A-Za-z0-9:]>"} and the endpoint
// answers 2xx with the echo_data itself, or JSON {"echo_data":"…"}. Pure.
const ECHO_DATA = /^[A-Za-z0-9:]{1,50}$/;

export function echoRequestBody(echoData: string): string {
  if (!ECHO_DATA.test(echoData)) throw new Error("echo_data must be 1–50 characters of [A-Za-z0-9:]");
  return JSON.stringify({ type: "echo", echo_data: echoData });
}

/** Undefined when the answer echoes; otherwise why not, in words for the caller. */
export function echoFailure(echoData: string, status: number | undefined, body: string): string | undefined {
  if (status === undefined) return "no answer";
  if (status < 200 || status >= 300) return `answered ${status}, not 2xx`;
  const text = body.trim();
  if (text === echoData) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && (parsed as { echo_data?: unknown }).echo_data === echoData) {
      return undefined;
    }
  } catch {
    // not JSON: fall through
  }
  return 'the body is neither the echo_data nor {"echo_data": …} with it';
}

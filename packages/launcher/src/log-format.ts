// Turns a pino JSON line into one readable, prefixed line for `pnpm start`.
const levelNames: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO",
  40: "WARN",
  50: "ERROR",
  60: "FATAL",
};
const colors: Record<string, string> = {
  "org-service": "\x1b[36m",
  "company-service": "\x1b[35m",
  "identity-service": "\x1b[33m",
  "sim-service": "\x1b[32m",
  "api-gateway": "\x1b[34m",
};
const reset = "\x1b[0m";
const omitted = new Set(["level", "time", "msg", "service", "pid", "hostname"]);

export function formatLogLine(processName: string, line: string): string {
  const prefix = `${colors[processName] ?? ""}${processName.padEnd(16)}${reset}`;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return `${prefix} ${line}`;
  }
  const time = typeof entry.time === "string" ? entry.time.slice(11, 23) : "";
  const level = levelNames[Number(entry.level)] ?? String(entry.level ?? "");
  const rest = Object.entries(entry)
    .filter(([key]) => !omitted.has(key))
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" ");
  return `${prefix} ${time} ${level.padEnd(5)} ${String(entry.msg ?? "")}${rest ? ` ${rest}` : ""}`;
}

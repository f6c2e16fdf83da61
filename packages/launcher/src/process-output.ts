// What a child process (PostgreSQL, nats-server) said before it failed, so
// the error that reports the failure can quote it instead of losing it.
import type { ChildProcess } from "node:child_process";

/** The last lines a process wrote, for error messages. */
export function outputTail(child: ChildProcess, maxLines = 30): () => string {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (lines.length > maxLines) lines.splice(0, lines.length - maxLines);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => (lines.length > 0 ? `\n${lines.map((line) => `  | ${line}`).join("\n")}` : " (no output)");
}

// `pnpm bench [--quick | --ci] [--profile]`: runs every scenario, writes
// bench-results.json, prints the tables, and exits non-zero on a crash or an
// error rate above 0.1 % (missed targets are reported, not fatal).
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { repoRoot } from "@simhub/launcher";
import { parseOptions, usage } from "./options.ts";
import { report } from "./results.ts";
import { runBench } from "./run.ts";

const say = (message: string) => process.stdout.write(`bench  ${message}\n`);

async function main() {
  const argv = process.argv.slice(2);
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(usage);
    return 0;
  }
  const options = parseOptions(argv);
  // Relative paths are taken from the repository root (where `pnpm bench` runs).
  options.output = resolve(repoRoot, options.output);
  if (options.profileDir) options.profileDir = resolve(repoRoot, options.profileDir);
  let interruptCleanup: (() => Promise<void>) | undefined;
  const interrupted = async () => {
    say("interrupted: stopping processes and dropping the bench databases");
    await interruptCleanup?.().catch(() => {});
    process.exit(130);
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);

  const started = performance.now();
  say(`mode ${options.mode}; results go to ${options.output}`);
  const results = await runBench(options, {
    log: (message) => say(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`),
    onInterrupt: (cleanup) => {
      interruptCleanup = cleanup;
    },
  });
  writeFileSync(options.output, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${report(results)}\n\n`);
  say(`results written to ${options.output}`);
  if (options.profileDir)
    say(
      `CPU profiles in ${options.profileDir} (summary: node packages/bench/src/profile-summary.ts ${options.profileDir})`,
    );
  return results.failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);

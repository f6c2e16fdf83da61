// `pnpm simhub <command>`: small commands for people working with a running
// simhub. One so far: `import FILE --org ID` uploads a SIM file with a
// progress bar, then follows the import until it has ended.
import { parseArgs } from "node:util";
import { importFile } from "./import-file.ts";

const usage = `usage: pnpm simhub import FILE --org ORG_ID [--url URL]

  --org     the organization the SIMs belong to (a UUID)
  --url     the gateway (default: SIMHUB_URL or http://127.0.0.1:8080)

The access token comes from SIMHUB_TOKEN, or from a login with
SIMHUB_USERNAME and SIMHUB_PASSWORD.`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { org: { type: "string" }, url: { type: "string" }, help: { type: "boolean" } },
  });
  const [command, file] = positionals;
  if (values.help || command !== "import" || !file || !values.org) {
    process.stderr.write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  const outcome = await importFile({
    file,
    orgId: values.org,
    baseUrl: values.url ?? process.env.SIMHUB_URL ?? "http://127.0.0.1:8080",
    credentials: {
      token: process.env.SIMHUB_TOKEN,
      username: process.env.SIMHUB_USERNAME,
      password: process.env.SIMHUB_PASSWORD,
    },
  });
  process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
  return outcome.status === "completed" ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`simhub: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

import pg from "pg";
import { deleteNamespaceStreams, dropBenchDatabases, LOCAL_POSTGRES } from "./src/environment.ts";

const c = new pg.Client({ connectionString: LOCAL_POSTGRES });
await c.connect();
const { rows } = await c.query("select datname from pg_database where datname like 'bench\\_%'");
await c.end();
const names = rows.map((r) => r.datname as string);
const runs = new Set(names.map((n) => n.split("_")[1]));
for (const run of runs) await deleteNamespaceStreams("nats://127.0.0.1:4222", `bench${run}`);
await dropBenchDatabases(LOCAL_POSTGRES, names);
console.log("dropped", names.length, "runs", [...runs]);

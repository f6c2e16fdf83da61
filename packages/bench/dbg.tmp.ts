import { connect } from "nats";
import { LOCAL_POSTGRES, postgresBackendPids } from "./src/environment.ts";
import { startEventProbe } from "./src/events.ts";
import { openUsageWindow } from "./src/proc.ts";

const nc = await connect({ servers: "nats://127.0.0.1:4222" });
const jsm = await nc.jetstreamManager();
const names: string[] = [];
for await (const s of jsm.streams.list()) names.push(s.config.name);
console.log(names.filter((n) => n.includes("BENCH")));
const stream = names.find((n) => n.startsWith("BENCH") && n.endsWith("_SIMHUB_SIM"))!;
console.log("probe on", stream);
const t = Date.now();
const ns = stream.split("_")[0]!.toLowerCase();
const probe = await startEventProbe(nc, stream, {
  filterSubjects: [`${ns}.simhub.sim.assigned`, `${ns}.simhub.sim.unassigned`],
});
console.log("probe ready", Date.now() - t);
const w = await openUsageWindow(
  { me: process.pid },
  { postgresPids: postgresBackendPids(LOCAL_POSTGRES, ["x"]) },
);
console.log("window", JSON.stringify(await w.stop()));
await probe.stop();
console.log("stopped");
await nc.close();

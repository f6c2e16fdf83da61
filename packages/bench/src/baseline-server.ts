// The baseline the gateway is measured against: a deliberately naive
// monolith, one Node process with Express and a pg pool (default size 10),
// no authentication, no validation beyond the basics, no caching. It makes
// the same changes as simhub (UPDATE the SIM and INSERT its outbox row in
// one transaction) and answers the same reads from its own database, which
// the harness fills with the same SIMs, companies and assignments.
//
//   DATABASE_URL=… PORT=0 node packages/bench/src/baseline-server.ts
import { randomUUID } from "node:crypto";
import express from "express";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
const app = express();
app.use(express.json());

app.get("/readyz", async (_req, res) => {
  await pool.query("SELECT 1");
  res.status(200).json({ status: "ready" });
});

function simJson(row: Record<string, unknown>) {
  return {
    iccid: row.iccid,
    orgId: row.org_id,
    companyId: row.company_id,
    endUserId: row.end_user_id,
    planId: row.plan_id,
    status: row.status,
    imsi: row.imsi,
    msisdn: row.msisdn,
    version: row.version,
    createdAt: (row.created_at as Date).toISOString(),
    updatedAt: (row.updated_at as Date).toISOString(),
  };
}

async function changeCompany(iccid: string, companyId: string | null, type: string) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query(
      `UPDATE sims SET company_id = $2, version = version + 1, updated_at = now()
        WHERE iccid = $1 RETURNING *`,
      [iccid, companyId],
    );
    const sim = rows[0];
    if (!sim) {
      await client.query("ROLLBACK");
      return undefined;
    }
    const id = randomUUID();
    const event = {
      specversion: "1.0",
      id,
      source: "bench/baseline",
      type,
      subject: iccid,
      time: new Date().toISOString(),
      datacontenttype: "application/json",
      orgid: sim.org_id,
      data: { iccid, orgId: sim.org_id, companyId },
    };
    await client.query("INSERT INTO outbox (event_id, subject, type, payload) VALUES ($1, $2, $3, $4)", [
      id,
      `bench.simhub.sim.${type === "SimAssigned" ? "assigned" : "unassigned"}`,
      type,
      JSON.stringify(event),
    ]);
    await client.query("COMMIT");
    return sim;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

app.post("/sims/:iccid/assign", async (req, res) => {
  const companyId = (req.body as { companyId?: unknown } | undefined)?.companyId;
  if (typeof companyId !== "string") {
    res.status(400).json({ code: "INVALID_COMPANY_ID" });
    return;
  }
  const sim = await changeCompany(req.params.iccid, companyId, "SimAssigned");
  if (!sim) res.status(404).json({ code: "SIM_NOT_FOUND" });
  else res.status(200).json(simJson(sim));
});

app.post("/sims/:iccid/unassign", async (req, res) => {
  const sim = await changeCompany(req.params.iccid, null, "SimUnassigned");
  if (!sim) res.status(404).json({ code: "SIM_NOT_FOUND" });
  else res.status(200).json(simJson(sim));
});

app.get("/sims", async (req, res) => {
  const companyId = String(req.query.companyId ?? "");
  const limit = Math.min(500, Number(req.query.limit ?? 50) || 50);
  const { rows } = await pool.query("SELECT * FROM sims WHERE company_id = $1 ORDER BY iccid LIMIT $2", [
    companyId,
    limit + 1,
  ]);
  const items = rows.slice(0, limit).map(simJson);
  res.status(200).json({ items, nextCursor: rows.length > limit ? items.at(-1)?.iccid : null });
});

app.get("/sims/:iccid", async (req, res) => {
  const { rows } = await pool.query(
    `SELECT s.*, o.name AS org_name, c.name AS company_name
       FROM sims s
       JOIN organizations o ON o.id = s.org_id
       LEFT JOIN companies c ON c.id = s.company_id
      WHERE s.iccid = $1`,
    [req.params.iccid],
  );
  const row = rows[0];
  if (!row) {
    res.status(404).json({ code: "SIM_NOT_FOUND" });
    return;
  }
  res.status(200).json({
    ...simJson(row),
    organization: { id: row.org_id, name: row.org_name },
    company: row.company_id ? { id: row.company_id, name: row.company_name } : null,
    endUser: null,
    plan: null,
  });
});

const server = app.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.stdout.write(`listening ${port}\n`);
});

const stop = () => {
  server.close(() => {
    pool.end().finally(() => process.exit(0));
  });
  server.closeAllConnections();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

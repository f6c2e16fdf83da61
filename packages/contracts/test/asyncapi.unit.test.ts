import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildAsyncApiDocument, eventCatalog } from "../src/index.ts";

const committed = parse(readFileSync(new URL("../../../docs/asyncapi.yaml", import.meta.url), "utf8"));

describe("AsyncAPI document", () => {
  it("is up to date with the event catalogue (run pnpm --filter @simhub/contracts gen:asyncapi)", () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildAsyncApiDocument())));
  });

  it("documents every event type on its EVENTS.md subject", () => {
    for (const [type, entry] of Object.entries(eventCatalog)) {
      expect(committed.channels[type].address).toBe(entry.subject);
      expect(committed.components.messages[type].payload).toBeDefined();
    }
  });

  it("accepts a well-formed SimAssigned envelope and refuses a broken one", () => {
    const ajv = new Ajv2020({ strict: false });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const validate = ajv.compile(committed.components.messages.SimAssigned.payload);
    const event = {
      specversion: "1.0",
      id: randomUUID(),
      source: "simhub/sim-service",
      type: "SimAssigned",
      subject: "8944500102030405062",
      time: new Date().toISOString(),
      datacontenttype: "application/json",
      orgid: randomUUID(),
      data: {
        iccid: "8944500102030405062",
        orgId: randomUUID(),
        companyId: randomUUID(),
        previousCompanyId: null,
      },
    };
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...event, data: { ...event.data, companyId: "not-a-uuid" } })).toBe(false);
    expect(validate({ ...event, type: "SimUnassigned" })).toBe(false);
  });
});

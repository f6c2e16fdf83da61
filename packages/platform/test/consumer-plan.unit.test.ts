// Which durable consumers a subscription becomes: exactly the handled
// subjects, one consumer per subject where the server filters on one
// subject only (NATS < 2.10), one consumer with several filters otherwise.
import { describe, expect, it } from "vitest";
import { plannedSubscriptions, supportsMultipleFilters } from "../src/consumer.ts";

describe("consumer subscriptions", () => {
  it("knows which servers filter one consumer on several subjects", () => {
    expect(supportsMultipleFilters("2.9.10")).toBe(false);
    expect(supportsMultipleFilters("2.10.0")).toBe(true);
    expect(supportsMultipleFilters("2.11.4")).toBe(true);
    expect(supportsMultipleFilters("3.0.0")).toBe(true);
    expect(supportsMultipleFilters(undefined)).toBe(false);
  });

  it("gives NATS 2.9 one durable per handled subject, named after the type", () => {
    expect(
      plannedSubscriptions("ns", "sim-service-companies", ["CompanyCreated", "CompanyArchived"], "2.9.10"),
    ).toEqual([
      { durable: "sim-service-companies-CompanyCreated", subjects: ["ns.simhub.company.created"] },
      { durable: "sim-service-companies-CompanyArchived", subjects: ["ns.simhub.company.archived"] },
    ]);
  });

  it("keeps the durable's own name for one subject, and for several on NATS 2.10+", () => {
    expect(plannedSubscriptions("", "sim-service-end-users", ["EndUserRemoved"], "2.9.10")).toEqual([
      { durable: "sim-service-end-users", subjects: ["simhub.identity.end-user-removed"] },
    ]);
    expect(
      plannedSubscriptions(
        "",
        "company-service-organizations",
        ["OrganizationCreated", "OrganizationUpdated"],
        "2.11.1",
      ),
    ).toEqual([
      { durable: "company-service-organizations", subjects: ["simhub.org.created", "simhub.org.updated"] },
    ]);
  });
});

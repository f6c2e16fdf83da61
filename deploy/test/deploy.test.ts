// The deployment artifacts, checked by the real tools as far as a machine
// without a Docker engine or a cluster allows: docker-compose config,
// kustomize rendering validated against the Kubernetes API schemas,
// promtool check/test rules, dashboard and runbook coverage.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");

describe("deployment artifacts", () => {
  it("pass scripts/check-deploy.sh", () => {
    const result = spawnSync("bash", ["scripts/check-deploy.sh"], {
      cwd: root,
      encoding: "utf8",
      timeout: 600_000,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output, output).toContain("check-deploy: all checks passed");
    expect(result.status, output).toBe(0);
  }, 600_000);
});

// The deployment artifacts, checked by the real tools as far as a machine
// without a Docker engine or a cluster allows: docker-compose config,
// kustomize rendering validated against the Kubernetes API schemas,
// promtool check/test rules, dashboard and runbook coverage.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  backendServices,
  heapCapFor,
  processRuntimeDefaults,
  v8FlagsFor,
} from "../../packages/launcher/src/topology.ts";

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

describe("the image's runtime settings", () => {
  // The Dockerfile's CMD run as the container runs it, with a `node` on PATH
  // that prints what it was started with instead of starting a service.
  it("match the launcher's for every process: the same flags, the heap cap and the V8 flags where topology.ts puts them", () => {
    const dockerfile = readFileSync(join(root, "deploy/Dockerfile"), "utf8");
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    const imageNodeOptions = /^\s+NODE_OPTIONS=(\S+) \\$/m.exec(dockerfile)![1]!;
    const imageArenas = /^\s+MALLOC_ARENA_MAX=(\S+) \\$/m.exec(dockerfile)![1]!;
    expect(imageArenas).toBe(processRuntimeDefaults.MALLOC_ARENA_MAX);
    const bin = mkdtempSync(join(tmpdir(), "simhub-cmd-"));
    // First line: the environment's flags; second: the command line's.
    writeFileSync(join(bin, "node"), '#!/bin/sh\necho "$NODE_OPTIONS"\necho "$@"\n', { mode: 0o755 });
    const flags = (options: string) => options.trim().split(/\s+/).filter(Boolean).sort();
    try {
      for (const name of [...backendServices.map((service) => service.name), "api-gateway" as const]) {
        const started = spawnSync(cmd[0]!, cmd.slice(1), {
          env: { PATH: `${bin}:/usr/bin:/bin`, SERVICE: name, NODE_OPTIONS: imageNodeOptions },
          encoding: "utf8",
        });
        expect(started.status, started.stderr).toBe(0);
        const [nodeOptions = "", commandLine = ""] = started.stdout.split("\n");
        expect(flags(nodeOptions), name).toEqual(
          flags(`${processRuntimeDefaults.NODE_OPTIONS} ${heapCapFor(name)}`),
        );
        expect(commandLine.trim().split(/\s+/), name).toEqual([
          ...v8FlagsFor(name),
          `services/${name}/src/main.ts`,
        ]);
      }
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});

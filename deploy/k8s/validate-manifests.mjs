// Validates rendered Kubernetes manifests offline, three ways:
//  1. the JSON schemas of the Kubernetes API (kubernetes-models: ajv
//     validators generated from the API's OpenAPI document): types, enums,
//     required fields;
//  2. unknown fields, which the API server would drop silently and kubectl
//     rejects: every object is typed against the same models and TypeScript's
//     excess-property check reports any field they do not know;
//  3. simhub's own rules: probes, resources, preStop, autoscaler, disruption
//     budget, shutdown budget, references to ConfigMaps and Secrets.
//
// Run by scripts/check-deploy.sh from a folder where `kubernetes-models`
// resolves:  node validate-manifests.mjs --tsc PATH NAME=FILE.json [...]
// Each FILE.json is a JSON array of manifests (kubectl kustomize → JSON).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const tscIndex = args.indexOf("--tsc");
const tsc = tscIndex >= 0 ? args.splice(tscIndex, 2)[1] : undefined;
const sets = args.map((arg) => {
  const [name, file] = arg.split("=");
  return { name, objects: JSON.parse(readFileSync(file, "utf8")).filter(Boolean) };
});

// Secrets that live beside the manifests, never in them (secrets.example.yaml).
const externalSecret =
  /^simhub-(org|identity|sim|webhook)-secrets$|^simhub-(org|company|identity|sim|webhook|usage|rule)-db-app$|^simhub-nats-users$|^simhub-gateway-identity$|^simhub-usage-service-key$|^simhub-rule-service-key$/;

const problems = [];
const report = (set, obj, message) =>
  problems.push(`${set.name}: ${obj.kind}/${obj.metadata?.name ?? "?"}: ${message}`);

function modelPath(obj) {
  const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : [null, obj.apiVersion];
  return `kubernetes-models/${group ? `${group}/` : ""}${version}/${obj.kind}`;
}

// 1. JSON schema.
for (const set of sets) {
  for (const obj of set.objects) {
    let Model;
    try {
      Model = (await import(modelPath(obj)))[obj.kind];
    } catch {
      report(set, obj, `no Kubernetes schema for ${obj.apiVersion} ${obj.kind}`);
      continue;
    }
    try {
      new Model(obj).validate();
    } catch (error) {
      for (const e of error.errors ?? [{ instancePath: "", message: error.message }]) {
        report(set, obj, `${e.instancePath || "/"} ${e.message}`);
      }
    }
  }
}

// 2. Unknown fields: a TypeScript file with one typed literal per object; a
// serializer that remembers the JSON path of every line maps errors back.
if (tsc) {
  const lines = [];
  const lineInfo = [];
  const imports = new Map();
  const emit = (text, info) => {
    lines.push(text);
    lineInfo.push(info);
  };
  const serialize = (value, path, indent, prefix, suffix, info) => {
    const pad = "  ".repeat(indent);
    if (Array.isArray(value) || (value && typeof value === "object")) {
      const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
      const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
      emit(`${pad}${prefix}${open}`, { ...info, path });
      entries.forEach(([key, child], i) => {
        const childPath = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
        const childPrefix = Array.isArray(value) ? "" : `${JSON.stringify(key)}: `;
        serialize(child, childPath, indent + 1, childPrefix, i < entries.length - 1 ? "," : "", info);
      });
      emit(`${pad}${close}${suffix}`, { ...info, path });
    } else {
      emit(`${pad}${prefix}${JSON.stringify(value)}${suffix}`, { ...info, path });
    }
  };
  let n = 0;
  for (const set of sets) {
    for (const obj of set.objects) {
      const alias = `T${obj.kind}_${obj.apiVersion.replace(/\W/g, "_")}`;
      imports.set(alias, `import type { I${obj.kind} as ${alias} } from "${modelPath(obj)}";`);
      serialize(obj, "", 0, `export const m${n++}: ${alias} = `, ";", { set, obj });
    }
  }
  const header = [...imports.values()];
  writeFileSync(join(here, "manifests.ts"), [...header, ...lines].join("\n") + "\n");
  writeFileSync(
    join(here, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        module: "nodenext",
        moduleResolution: "nodenext",
        target: "esnext",
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      files: ["manifests.ts"],
    }),
  );
  let output = "";
  try {
    execFileSync(tsc, ["-p", join(here, "tsconfig.json")], { encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    output = `${error.stdout ?? ""}${error.stderr ?? ""}`;
    if (!output.trim()) throw error;
  }
  for (const line of output.split("\n")) {
    const match = /manifests\.ts\((\d+),\d+\): error TS\d+: (.*)$/.exec(line);
    if (!match) {
      if (line.trim()) problems.push(`tsc: ${line.trim()}`);
      continue;
    }
    const info = lineInfo[Number(match[1]) - 1 - header.length];
    if (info) report(info.set, info.obj, `${info.path || "/"}: ${match[2]}`);
    else problems.push(`tsc: ${line.trim()}`);
  }
}

// 3. simhub's rules.
const labelsMatch = (selector = {}, labels = {}) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

for (const set of sets.filter((s) => s.objects.some((o) => o.kind === "Deployment"))) {
  const all = set.objects;
  const configMaps = new Set(all.filter((o) => o.kind === "ConfigMap").map((o) => o.metadata.name));
  const config = all.find((o) => o.kind === "ConfigMap" && o.metadata.name === "simhub-config")?.data ?? {};
  const deployments = all.filter((o) => o.kind === "Deployment");
  const podSpecs = [...deployments, ...all.filter((o) => o.kind === "Job")];

  for (const dep of deployments) {
    const name = dep.metadata.name;
    const pod = dep.spec.template.spec;
    const podLabels = dep.spec.template.metadata.labels;
    if (!labelsMatch(dep.spec.selector.matchLabels, podLabels))
      report(set, dep, "selector does not match its pods");
    if (dep.spec.replicas !== undefined) report(set, dep, "sets replicas, which its autoscaler owns");
    const hpa = all.find((o) => o.kind === "HorizontalPodAutoscaler" && o.spec.scaleTargetRef.name === name);
    if (!hpa) report(set, dep, "no HorizontalPodAutoscaler");
    else if (hpa.spec.minReplicas < 2) report(set, dep, "autoscaler allows fewer than 2 replicas");
    const pdb = all.find(
      (o) => o.kind === "PodDisruptionBudget" && labelsMatch(o.spec.selector.matchLabels, podLabels),
    );
    if (!pdb) report(set, dep, "no PodDisruptionBudget selects its pods");
    if (pod.securityContext?.runAsNonRoot !== true) report(set, dep, "pods may run as root");
    for (const c of pod.containers) {
      const where = `container ${c.name}`;
      for (const key of ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory"]) {
        const [kind, resource] = key.split(".");
        if (!c.resources?.[kind]?.[resource]) report(set, dep, `${where} has no ${key}`);
      }
      if (!c.readinessProbe || !c.livenessProbe)
        report(set, dep, `${where} lacks a readiness or liveness probe`);
      const grpcPort = c.ports?.find((p) => p.name === "grpc")?.containerPort;
      if (grpcPort && c.readinessProbe?.grpc?.port !== grpcPort) {
        report(set, dep, `${where} serves gRPC but its readiness probe is not grpc.health.v1 on ${grpcPort}`);
      }
      if (c.livenessProbe?.grpc) {
        report(set, dep, `${where}: gRPC health follows readiness, so it must not be the liveness probe`);
      }
      const pause = Number(
        c.lifecycle?.preStop?.exec?.command?.at(-1) ?? c.lifecycle?.preStop?.sleep?.seconds,
      );
      if (!pause) report(set, dep, `${where} has no preStop pause`);
      const grace = Number(config.SHUTDOWN_GRACE_MS ?? 25000) / 1000;
      if ((pod.terminationGracePeriodSeconds ?? 30) < pause + grace) {
        report(
          set,
          dep,
          `terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds} < preStop ${pause} s + SHUTDOWN_GRACE_MS ${grace} s`,
        );
      }
      if (c.securityContext?.readOnlyRootFilesystem !== true)
        report(set, dep, `${where} root filesystem is writable`);
      if (!/[:@]/.test(c.image.split("/").at(-1))) report(set, dep, `${where} image ${c.image} has no tag`);
    }
  }
  for (const obj of podSpecs) {
    const pod = obj.spec.template.spec;
    for (const c of pod.containers) {
      for (const ref of c.envFrom ?? []) {
        if (ref.configMapRef && !configMaps.has(ref.configMapRef.name)) {
          report(set, obj, `ConfigMap ${ref.configMapRef.name} is not in the manifests`);
        }
      }
      for (const env of c.env ?? []) {
        const secret = env.valueFrom?.secretKeyRef?.name;
        if (secret && !externalSecret.test(secret)) report(set, obj, `unknown Secret ${secret}`);
      }
    }
    for (const volume of pod.volumes ?? []) {
      if (volume.configMap && !configMaps.has(volume.configMap.name)) {
        report(set, obj, `ConfigMap ${volume.configMap.name} is not in the manifests`);
      }
    }
  }
  for (const svc of all.filter((o) => o.kind === "Service")) {
    const target = deployments.find((d) => labelsMatch(svc.spec.selector, d.spec.template.metadata.labels));
    if (!target) report(set, svc, "selects no pods");
    for (const port of svc.spec.ports) {
      const names = target?.spec.template.spec.containers.flatMap((c) => (c.ports ?? []).map((p) => p.name));
      if (target && typeof port.targetPort === "string" && !names.includes(port.targetPort)) {
        report(set, svc, `targetPort ${port.targetPort} is not a port of ${target.metadata.name}`);
      }
    }
  }
}

for (const set of sets) console.log(`${set.name}: ${set.objects.length} objects checked`);
if (problems.length > 0) {
  console.error(problems.map((p) => `  ${p}`).join("\n"));
  console.error(`${problems.length} problem(s) in the Kubernetes manifests`);
  process.exit(1);
}

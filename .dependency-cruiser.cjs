// The layering STYLE.md describes, as rules a tool checks (pnpm test runs it):
// pure domain modules, no service importing another, packages independent of
// services, and the gateway reaching services only through proto contracts.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment: "src/domain holds pure rules: no database, broker, network, file system or other layers.",
      severity: "error",
      from: { path: "^services/[^/]+/src/domain/" },
      to: {
        path: [
          "^services/[^/]+/src/(app|db|grpc)/",
          "node_modules/(pg|knex|nats|@grpc|express|pino|prom-client|opossum|jose)/",
          "^packages/(platform|launcher|testing)/",
        ],
        // The platform's pure part: typed errors, the principal, cursors.
        pathNot: "^packages/platform/src/(domain|errors|principal|cursor|validation)[.]ts$",
      },
    },
    {
      name: "domain-no-io-builtins",
      severity: "error",
      from: { path: "^services/[^/]+/src/domain/" },
      to: {
        dependencyTypes: ["core"],
        path: "^(node:)?(fs|net|http|https|http2|child_process|dgram|dns|tls)$",
      },
    },
    {
      name: "no-service-imports-another-service",
      severity: "error",
      from: { path: "^services/([^/]+)/" },
      to: { path: "^services/([^/]+)/", pathNot: "^services/$1/" },
    },
    {
      name: "packages-never-import-services",
      severity: "error",
      from: { path: "^packages/" },
      to: { path: "^services/" },
    },
    {
      name: "production-code-never-imports-tests",
      severity: "error",
      from: { path: "^(services|packages)/[^/]+/src/", pathNot: "^packages/(testing|bench)/" },
      to: { path: "(^|/)test/|^packages/testing/" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: { path: "^(services|packages)/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(generated|scratch)/" },
    parser: "swc",
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".json"],
    },
  },
};

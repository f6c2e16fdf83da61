#!/usr/bin/env bash
# Checks the deployment artifacts (deploy/, docker-compose.yml) as far as a
# machine without a Docker engine or a Kubernetes cluster allows: every file
# is rendered and validated by the real tool, nothing is started.
#
#   scripts/check-deploy.sh
#
# Installs what it lacks, quietly: Debian's prometheus (promtool),
# docker-compose, kubernetes-client (kubectl, if none is installed), python3-yaml
# and the shell linter; kubernetes-models and TypeScript come from the
# workspace's devDependencies, or else are installed into .toolchain/.
# Runs every check, then exits non-zero if any failed, naming them.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
root="$PWD"

# kubernetes-models: JSON schemas of the Kubernetes API as validators.
models_version="5.1.0"
py=/usr/bin/python3

say() { printf '%s\n' "$*"; }
die() {
  printf 'check-deploy: %s\n' "$*" >&2
  exit 1
}

# ---------------------------------------------------------------- tools
missing=()
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
{ [ -x "$py" ] && "$py" -c 'import yaml' 2>/dev/null; } || missing+=(python3-yaml)
if [ "${#missing[@]}" -gt 0 ]; then
  # shellcheck source=scripts/install-missing.sh
  source scripts/install-missing.sh
  apt_install_quietly "${missing[@]}" | sed 's/^/check-deploy: /' || die "missing tools: ${missing[*]}"
fi

# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh >/dev/null || die "no Node.js toolchain (scripts/toolchain.sh)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

failed=()
check() {
  local name="$1"
  shift
  say "==> $name"
  if "$@"; then
    say "    ok"
  else
    say "    FAILED: $name" >&2
    failed+=("$name")
  fi
}

# ---------------------------------------------------------------- compose
compose_config() {
  docker-compose -f docker-compose.yml config -q
}

# The image build cannot run here; check what it relies on instead.
dockerfile_inputs() {
  local ok=0 pnpm_arg pnpm_pkg service
  pnpm_arg="$(sed -n 's/^ARG PNPM_VERSION=//p' deploy/Dockerfile)"
  pnpm_pkg="$(node -p 'require("./package.json").packageManager.split("@")[1].split("+")[0]')"
  if [ "$pnpm_arg" != "$pnpm_pkg" ]; then
    say "    deploy/Dockerfile pins pnpm $pnpm_arg, package.json has $pnpm_pkg" >&2
    ok=1
  fi
  for service in $("$py" -c 'import yaml
for s in yaml.safe_load(open("docker-compose.yml"))["services"].values():
    print(s.get("build", {}).get("args", {}).get("SERVICE", ""))'); do
    if [ ! -f "services/$service/package.json" ]; then
      say "    docker-compose.yml builds SERVICE=$service, which services/ does not have" >&2
      ok=1
    fi
  done
  for path in pnpm-lock.yaml pnpm-workspace.yaml .npmrc package.json proto; do
    if [ ! -e "$path" ]; then
      say "    deploy/Dockerfile copies $path, which is missing" >&2
      ok=1
    fi
  done
  grep -qx '\*\*/node_modules' .dockerignore || {
    say "    .dockerignore must exclude **/node_modules" >&2
    ok=1
  }
  return "$ok"
}

# ---------------------------------------------------------------- kubernetes
render() {
  kubectl kustomize "deploy/k8s/$1" >"$work/$2.yaml" || return 1
  say "    $(grep -c '^kind:' "$work/$2.yaml") objects from deploy/k8s/$1"
}

to_json() {
  "$py" -c 'import json, sys, yaml
json.dump([d for d in yaml.safe_load_all(open(sys.argv[1])) if d], open(sys.argv[2], "w"))' "$1" "$2"
}

# Finds (or installs into .toolchain/) kubernetes-models and tsc; the
# validator runs from a folder below the node_modules that holds them.
models_dir=""
tsc_bin=""
prepare_validator() {
  if node -e 'import("kubernetes-models/v1/Service").catch(() => process.exit(1))' 2>/dev/null &&
    [ -x node_modules/.bin/tsc ]; then
    models_dir="$root/node_modules/.cache/check-deploy"
    tsc_bin="$root/node_modules/.bin/tsc"
  else
    local prefix="$root/.toolchain/check-deploy" ts_version
    ts_version="$(node -p 'require("./package.json").devDependencies.typescript')"
    if [ ! -d "$prefix/node_modules/kubernetes-models" ] || [ ! -x "$prefix/node_modules/.bin/tsc" ]; then
      say "    installing kubernetes-models@$models_version and typescript@$ts_version into .toolchain/check-deploy"
      mkdir -p "$prefix"
      npm install --silent --no-audit --no-fund --prefix "$prefix" \
        "kubernetes-models@$models_version" "typescript@$ts_version" >&2 || return 1
    fi
    models_dir="$prefix/work"
    tsc_bin="$prefix/node_modules/.bin/tsc"
  fi
  rm -rf "$models_dir" && mkdir -p "$models_dir" &&
    cp deploy/k8s/validate-manifests.mjs "$models_dir/"
}

kubernetes_schemas() {
  prepare_validator || return 1
  render base base && render overlays/production production || return 1
  to_json "$work/base.yaml" "$work/base.json" &&
    to_json "$work/production.yaml" "$work/production.json" &&
    to_json deploy/k8s/base/secrets.example.yaml "$work/secrets.json" || return 1
  node "$models_dir/validate-manifests.mjs" --tsc "$tsc_bin" \
    "base=$work/base.json" "production=$work/production.json" \
    "secrets.example=$work/secrets.json"
}

# ---------------------------------------------------------------- prometheus
promtool_config() { promtool check config deploy/prometheus/prometheus.yml; }
promtool_rules() { promtool check rules deploy/prometheus/rules/*.yml; }
promtool_tests() { promtool test rules deploy/prometheus/tests/*.test.yml; }

# Every alert has tests that make it fire and not fire, and a runbook entry.
alerts_covered() {
  "$py" - <<'PY'
import glob, re, sys, yaml
alerts = [r["alert"] for f in glob.glob("deploy/prometheus/rules/*.yml")
          for g in yaml.safe_load(open(f))["groups"] for r in g["rules"] if "alert" in r]
fires, quiet = set(), set()
for f in glob.glob("deploy/prometheus/tests/*.test.yml"):
    for t in yaml.safe_load(open(f))["tests"]:
        for a in t.get("alert_rule_test", []):
            (fires if a.get("exp_alerts") else quiet).add(a["alertname"])
runbook = open("docs/runbook.md").read()
headings = set(re.findall(r"^#{2,3} (Simhub\w+)\s*$", runbook, re.M))
problems = []
for a in alerts:
    if a not in fires: problems.append(f"{a}: no test where it fires")
    if a not in quiet: problems.append(f"{a}: no test where it stays quiet")
    if a not in headings: problems.append(f"{a}: no section in docs/runbook.md")
for p in problems: print("    " + p, file=sys.stderr)
if not problems: print(f"    {len(alerts)} alerts, each tested firing and quiet, each in the runbook")
sys.exit(1 if problems else 0)
PY
}

# ---------------------------------------------------------------- grafana
# The dashboard's queries are parsed by promtool (as recording rules, with
# Grafana's variables replaced), and its layout checked: one row per process.
grafana_dashboard() {
  "$py" - "$work/dashboard-queries.yml" <<'PY' || return 1
import json, sys, yaml
for f in ("deploy/grafana/provisioning/datasources/prometheus.yml",
          "deploy/grafana/provisioning/dashboards/simhub.yml"):
    yaml.safe_load(open(f))
d = json.load(open("deploy/grafana/dashboards/simhub.json"))
panels = d["panels"]
problems = []
ids = [p["id"] for p in panels]
if len(ids) != len(set(ids)): problems.append("panel ids are not unique")
rows = [p["title"] for p in panels if p["type"] == "row"]
for process in ("api-gateway", "org-service", "company-service", "identity-service", "sim-service"):
    if process not in rows: problems.append(f"no row for {process}")
cells = {}
for p in panels:
    g = p["gridPos"]
    if g["x"] + g["w"] > 24: problems.append(f"panel {p['title']} is wider than the grid")
    for x in range(g["x"], g["x"] + g["w"]):
        for y in range(g["y"], g["y"] + g["h"]):
            if (x, y) in cells: problems.append(f"panels {cells[(x, y)]!r} and {p['title']!r} overlap")
            cells[(x, y)] = p["title"]
rules = []
for p in panels:
    for t in p.get("targets", []):
        expr = t["expr"].replace("$__rate_interval", "5m").replace("$__interval", "1m")
        rules.append({"record": f"dashboard:panel{p['id']}:{t['refId']}", "expr": expr})
yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}, open(sys.argv[1], "w"))
for p in sorted(set(problems)): print("    " + p, file=sys.stderr)
print(f"    {len(panels)} panels, {len(rules)} queries, rows: {', '.join(rows)}")
sys.exit(1 if problems else 0)
PY
  promtool check rules "$work/dashboard-queries.yml" >/dev/null ||
    { promtool check rules "$work/dashboard-queries.yml" >&2; return 1; }
}

# ---------------------------------------------------------------- the rest
yaml_files() {
  "$py" -c 'import sys, yaml
for f in sys.argv[1:]:
    list(yaml.safe_load_all(open(f)))' deploy/nats/values.yaml deploy/k8s/base/*.yaml \
    deploy/k8s/overlays/production/*.yaml deploy/nats/*.yaml deploy/postgres/*.yaml
}
shell_scripts() { shellcheck -x scripts/check-deploy.sh scripts/install-missing.sh deploy/nats/create-streams.sh; }

check "docker-compose config" compose_config
check "Dockerfile inputs" dockerfile_inputs
check "Kubernetes manifests against the API schemas" kubernetes_schemas
check "promtool check config" promtool_config
check "promtool check rules" promtool_rules
check "promtool test rules" promtool_tests
check "every alert tested and in the runbook" alerts_covered
check "Grafana provisioning and dashboard" grafana_dashboard
check "YAML of NATS values and PostgreSQL clusters" yaml_files
check "shellcheck" shell_scripts

if [ "${#failed[@]}" -gt 0 ]; then
  printf 'check-deploy: %d check(s) failed:\n' "${#failed[@]}" >&2
  printf '  - %s\n' "${failed[@]}" >&2
  exit 1
fi
say "check-deploy: all checks passed (rendering and validation only: no image was built, no container or cluster was started)"

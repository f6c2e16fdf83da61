#!/bin/sh
# Creates or updates simhub's JetStream streams (EVENTS.md): one per context
# plus the dead-letter stream. Idempotent: an existing stream is edited to
# this configuration, so it also raises R1 streams to R3.
#
# Runs wherever the `nats` CLI is (the natsio/nats-box image): as the
# nats-streams Job on Kubernetes, as the nats-streams service in
# docker-compose.yml, or by hand.
#
#   NATS_URL=nats://nats:4222 STREAM_REPLICAS=3 sh deploy/nats/create-streams.sh
#
# The settings must match ensureStream/ensureDeadLetterStream in
# packages/platform/src/nats.ts, which upsert the same streams at start.
set -eu

NATS_URL="${NATS_URL:-nats://127.0.0.1:4222}"
STREAM_REPLICAS="${STREAM_REPLICAS:-3}"
export NATS_URL

day_ns=86400000000000
dup_window_ns=120000000000 # 2 minutes: longer than the outbox relay's retries

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

# stream_config NAME SUBJECT MAX_AGE_DAYS
stream_config() {
  cat <<JSON
{
  "name": "$1",
  "subjects": ["$2"],
  "retention": "limits",
  "storage": "file",
  "discard": "old",
  "max_consumers": -1,
  "max_msgs": -1,
  "max_bytes": -1,
  "max_msg_size": -1,
  "max_msgs_per_subject": -1,
  "max_age": $(($3 * day_ns)),
  "duplicate_window": $dup_window_ns,
  "num_replicas": $STREAM_REPLICAS
}
JSON
}

# Wait for the cluster: JetStream needs a meta leader before it takes streams.
tries=0
until nats account info >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then
    echo "create-streams: JetStream at $NATS_URL not ready after 120 s" >&2
    exit 1
  fi
  sleep 2
done

for spec in \
  "SIMHUB_ORG simhub.org.> 7" \
  "SIMHUB_COMPANY simhub.company.> 7" \
  "SIMHUB_IDENTITY simhub.identity.> 7" \
  "SIMHUB_SIM simhub.sim.> 7" \
  "SIMHUB_USAGE simhub.usage.> 7" \
  "SIMHUB_RULE simhub.rule.> 7" \
  "SIMHUB_WEBHOOK simhub.webhook.> 7" \
  "SIMHUB_DLQ simhub.dlq.> 30"; do
  # shellcheck disable=SC2086 # split the spec into its three words
  set -- $spec
  file="$workdir/$1.json"
  stream_config "$1" "$2" "$3" >"$file"
  if nats stream info "$1" >/dev/null 2>&1; then
    nats stream edit "$1" --config "$file" --force >/dev/null
    echo "create-streams: updated $1 (R$STREAM_REPLICAS)"
  else
    nats stream add "$1" --config "$file" >/dev/null
    echo "create-streams: created $1 (R$STREAM_REPLICAS)"
  fi
done

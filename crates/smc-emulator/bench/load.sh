#!/usr/bin/env bash
# Loads a release build of smc-emulator on loopback with signed requests for a 10-job
# page and prints requests/s and latency percentiles.
#
#   crates/smc-emulator/bench/load.sh [SECONDS] [CONCURRENCY]     (defaults: 10 32)
#
# The emulator and the load generator (examples/load.rs) share the machine's cores, so
# the figure is a floor for the emulator alone.
set -euo pipefail
cd "$(dirname "$0")/../../.."

seconds=${1:-10}
concurrency=${2:-32}
key_id=bench-key
key_secret=bench-secret

cargo build --release --quiet -p smc-emulator --bin smc-emulator --example load

out=$(mktemp)
target/release/smc-emulator --listen 127.0.0.1:0 \
  --access-key-id "$key_id" --access-key-secret "$key_secret" >"$out" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$out"' EXIT

line=
for _ in $(seq 100); do
  line=$(head -n 1 "$out")
  [[ $line == listening\ on\ * ]] && break
  sleep 0.1
done
[[ $line == listening\ on\ * ]] || { echo "the emulator did not start" >&2; exit 1; }
url="${line#listening on }/"

target/release/examples/load --url "$url" \
  --access-key-id "$key_id" --access-key-secret "$key_secret" \
  --seconds "$seconds" --concurrency "$concurrency"

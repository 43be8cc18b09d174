#!/usr/bin/env bash
# Soak and fault run: load through the proxy for a while, with faults toggled in the
# emulator mid-run, and every answer checked.
#
#   crates/smc-proxy/bench/soak.sh [SECONDS] [CONCURRENCY]      (defaults: 60 16)
#
#   load --mix --(browser GETs: page sizes 10/20/50, pages 1-5 and 30, a Status filter on a
#          third, PageSize=51 on one in 20)--> smc-proxy --upstream-timeout 2s
#        --(signed POSTs, retries)--> smc-emulator --control <--(curl PUT/DELETE
#          /_emulator/faults at fixed slices of the run)-- this script
#
# Phases (fractions of the run): 0-10 % none; 10-25 % 500 InternalError (p 0.3) and 503
# ServiceUnavailable (p 0.1); 25-40 % 400 Throttling.User (p 0.4) and 429 Throttling.Api
# (p 0.2); 40-50 % none; 50-65 % 403 Forbidden.Unauthorized (p 0.2); 65-80 % 2.5 s of
# latency (p 0.1), past the proxy's 2 s budget: 504 Proxy.UpstreamTimeout; 80-100 % none.
#
# Expected answers: 200 with a page smc-core reads and that matches the call; 400
# InvalidParameter for the invalid calls (and only them); during a phase (with a 250 ms
# grace at its ends), the status and code its rules inject, as the proxy relays them after
# its retries. Anything else is unexpected: no answer, a 502, an error body without Code or
# RequestId, an unreadable or wrong page, a fault's error outside its phase. The script
# fails if there is any, if the proxy's log holds the AccessKey secret or a Signature=
# value, or if its /metrics or access log count other than the calls sent. It prints the
# proxy's RSS after a 5 s warm-up, at each phase and at the end, and its retry counters.
set -euo pipefail
cd "$(dirname "$0")/../../.."

seconds=${1:-60}
concurrency=${2:-16}
key_id=soak-key
key_secret=soak-secret-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')

cargo build --release --quiet -p smc-emulator --bin smc-emulator
cargo build --release --quiet -p smc-proxy --bin smc-proxy --example load

source crates/smc-proxy/bench/common.sh

now_ms() { date +%s%3N; }

# Sleeps until a Unix time in milliseconds.
sleep_until() {
  local left=$(($1 - $(now_ms)))
  if ((left > 0)); then sleep "$(printf '%d.%03d' $((left / 1000)) $((left % 1000)))"; fi
}

rss() { awk -v f="$2" '$1 == f":" { printf "%.1f MiB", $2 / 1024 }' "/proc/$1/status"; }

target/release/smc-emulator --listen 127.0.0.1:0 --control \
  --access-key-id "$key_id" --access-key-secret "$key_secret" \
  >"$dir/emulator.out" 2>"$dir/emulator.log" &
pids+=($!)
emulator=$(first_url "$dir/emulator.out")

env -u ALIBABA_CLOUD_SECURITY_TOKEN -u ALIBABA_CLOUD_CREDENTIALS_FILE -u ALIBABA_CLOUD_PROFILE \
  ALIBABA_CLOUD_ACCESS_KEY_ID=$key_id ALIBABA_CLOUD_ACCESS_KEY_SECRET=$key_secret HOME=$dir \
  RUST_LOG=info,smc_proxy=debug \
  target/release/smc-proxy serve --listen 127.0.0.1:0 --endpoint "$emulator/" \
  --upstream-timeout 2s --cache-ttl 0 --rate 0 >"$dir/proxy.out" 2>"$dir/proxy.log" &
proxy_pid=$!
pids+=($proxy_pid)
proxy=$(first_url "$dir/proxy.out")

# Replaces the emulator's fault rules and appends the change to the timeline the load
# generator checks answers against: `BEFORE_MS AFTER_MS NAME [STATUS:CODE ...]`.
phases=$dir/phases
rss_phases=
phase() {
  local name=$1 rules=$2 before after
  shift 2
  before=$(now_ms)
  if [[ $rules == none ]]; then
    curl -fsS -X DELETE "$emulator/_emulator/faults" >/dev/null
  else
    curl -fsS -X PUT --data "$rules" "$emulator/_emulator/faults" >/dev/null
  fi
  after=$(now_ms)
  echo "$before $after $name $*" >>"$phases"
  rss_phases+="${rss_phases:+, }$name $(rss "$proxy_pid" VmRSS)"
}

echo "smc-proxy $(git rev-parse --short HEAD), $(nproc) cores, ${seconds} s, $concurrency in flight, upstream timeout 2 s, 2 retries"
# The warm-up sends the same mix, without faults, so that the RSS after it is the steady
# state's (pages of 50 jobs included).
target/release/examples/load --url "$proxy" --mode browser --mix --seconds 5 \
  --concurrency "$concurrency" --label warm-up >"$dir/warm-up.out" 2>&1 ||
  { cat "$dir/warm-up.out"; exit 1; }
rss_start=$(rss "$proxy_pid" VmRSS)

phase none none
start=$(now_ms)
target/release/examples/load --url "$proxy" --mode browser --mix --phases "$phases" \
  --seconds "$seconds" --concurrency "$concurrency" --label soak >"$dir/load.out" 2>&1 &
load_pid=$!
pids+=($load_pid)

at() { sleep_until $((start + seconds * 10 * $1)); }   # $1: percent of the run
at 10; phase internal-error '[{"probability":0.3,"status":500,"code":"InternalError"},{"probability":0.1,"status":503}]' \
  500:InternalError 503:ServiceUnavailable
at 25; phase throttling '[{"probability":0.4,"status":400,"code":"Throttling.User"},{"probability":0.2,"status":429,"code":"Throttling.Api"}]' \
  429:Throttling.User 429:Throttling.Api
at 40; phase none none
at 50; phase forbidden '[{"probability":0.2,"status":403,"code":"Forbidden.Unauthorized"}]' \
  403:Forbidden.Unauthorized
at 65; phase latency '[{"probability":0.1,"latency_ms":2500}]' 504:Proxy.UpstreamTimeout
at 80; phase none none

load_status=0
wait "$load_pid" || load_status=$?
rss_end=$(rss "$proxy_pid" VmRSS)
rss_peak=$(rss "$proxy_pid" VmHWM)
grep -v '^RESULT' "$dir/load.out"

echo "proxy RSS:  $rss_start after the warm-up, $rss_end at the end (peak $rss_peak)"
echo "  at each phase's start: $rss_phases"
curl -fsS "$proxy/metrics" >"$dir/metrics"
awk '
  /^smc_proxy_upstream_retries_total/ { sub(/^smc_proxy_upstream_retries_total/, ""); line = line sep $1 " " $2; sep = ", "; total += $2 }
  END { printf "retries:    %d (%s)\n", total, line }' "$dir/metrics"

# The proxy counted (metrics) and logged (access log) every call the load generators made.
sent=$(awk '/^requests:/ { n += $2 } END { print n }' "$dir/warm-up.out" "$dir/load.out")
counted=$(awk '/^smc_proxy_requests_total\{action="DescribeReplicationJobs"/ { n += $2 } END { print n }' "$dir/metrics")
# Access lines are buffered for up to 200 ms: stop the proxy (it writes them out as it stops).
kill "$proxy_pid"
wait "$proxy_pid" || true
logged=$(grep -c 'api call' "$dir/proxy.log" || true)
mismatch=0
if [[ $sent != "$counted" || $sent != "$logged" ]]; then mismatch=1; fi
echo "accounting: $sent calls sent (warm-up and soak), $counted in /metrics, $logged access log lines$( ((mismatch)) && echo " MISMATCH")"

leaks=0
for file in "$dir/proxy.log" "$dir/proxy.out"; do
  if grep -qF "$key_secret" "$file"; then
    echo "LEAK: the AccessKey secret is in $(basename "$file")"; leaks=1
  fi
  if grep -qE 'Signature=[^&[:space:]"]' "$file"; then
    echo "LEAK: a Signature= value is in $(basename "$file")"; grep -m 3 -E 'Signature=' "$file"; leaks=1
  fi
done
echo "proxy log:  $(wc -l <"$dir/proxy.log") lines, $( ((leaks)) && echo "LEAKS FOUND" || echo "no secret, no Signature= value")"

if ((load_status != 0 || leaks != 0 || mismatch != 0)); then
  echo "FAILED" >&2
  exit 1
fi

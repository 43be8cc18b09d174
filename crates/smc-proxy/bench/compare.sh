#!/usr/bin/env bash
# Compares smc-proxy with nginx in front of the same emulator, in one run.
#
#   crates/smc-proxy/bench/compare.sh [SECONDS] [CONCURRENCY]      (defaults: 10 32)
#
# What is measured (nginx cannot sign, so the two paths differ only in the middle hop):
#   proxy:  load --(unsigned browser GET /api/DescribeReplicationJobs?PageSize=10)--> smc-proxy
#           --(validated, signed form POST, fresh nonce)--> emulator
#   nginx:  load --(GET signed by the load generator, fresh nonce)--> nginx proxy_pass
#           --(same GET)--> emulator
# The emulator verifies every signature and renders the same 10-job page either way. Both
# middles keep upstream connections alive and log every request (the proxy its access log at
# the default level, nginx its access_log) to files. Runs alternate (proxy, nginx, proxy,
# nginx) after a warm-up, and the emulator alone is measured once for reference. Everything
# shares the machine's cores, the load generator included, so throughput moves with whatever
# else runs; the CPU time the middle hop and the emulator spend per request (from
# /proc/PID/stat, children included) does not, and is printed beside it.
set -euo pipefail
cd "$(dirname "$0")/../../.."

seconds=${1:-10}
concurrency=${2:-32}
key_id=bench-key
key_secret=bench-secret-0123456789

if ! command -v nginx >/dev/null && [[ -x /usr/sbin/nginx ]]; then PATH="$PATH:/usr/sbin"; fi
if ! command -v nginx >/dev/null; then
  if [[ $(id -u) == 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
    PATH="$PATH:/usr/sbin"
  else
    echo "nginx is not installed (apt-get install nginx, as root)" >&2
    exit 1
  fi
fi

cargo build --release --quiet -p smc-emulator --bin smc-emulator
cargo build --release --quiet -p smc-proxy --bin smc-proxy --example load

source crates/smc-proxy/bench/common.sh
chmod 755 "$dir"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

target/release/smc-emulator --listen 127.0.0.1:0 --frozen \
  --access-key-id "$key_id" --access-key-secret "$key_secret" >"$dir/emulator.out" 2>/dev/null &
pids+=($!)
emulator_pid=$!
emulator=$(first_url "$dir/emulator.out")

ALIBABA_CLOUD_ACCESS_KEY_ID=$key_id ALIBABA_CLOUD_ACCESS_KEY_SECRET=$key_secret HOME=$dir \
  target/release/smc-proxy serve --listen 127.0.0.1:0 --endpoint "$emulator/" \
  --max-concurrency 256 --cache-ttl 0 --rate 0 >"$dir/proxy.out" 2>"$dir/proxy.log" &
pids+=($!)
proxy_pid=$!
proxy=$(first_url "$dir/proxy.out")

nginx_port=$(free_port)
mkdir -m 777 "$dir/tmp"
cat >"$dir/nginx.conf" <<CONF
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log $dir/nginx-access.log;
  client_body_temp_path $dir/tmp;
  proxy_temp_path $dir/tmp;
  fastcgi_temp_path $dir/tmp;
  uwsgi_temp_path $dir/tmp;
  scgi_temp_path $dir/tmp;
  upstream emulator {
    server ${emulator#http://};
    keepalive 256;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://emulator;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
CONF
nginx -c "$dir/nginx.conf" -g 'daemon off;' &
pids+=($!)
nginx_pid=$!
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$nginx_port/" && break
  sleep 0.1
done

load() {
  target/release/examples/load --seconds "$1" --concurrency "$concurrency" \
    --access-key-id "$key_id" --access-key-secret "$key_secret" "${@:2}"
}

# CPU time (user + system, clock ticks) of processes and their children, now.
cpu_ticks() {
  local total=0 pid
  for pid in "$@" $(pgrep -P "$(IFS=,; echo "$*")" || true); do
    total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}

# One measured run: load, then the CPU the middle (PID $1) and the emulator spent per request.
measured() {
  local middle=$1 label=$2 url=$3 mode=$4 before_middle before_emulator requests
  before_middle=$(cpu_ticks "$middle")
  before_emulator=$(cpu_ticks "$emulator_pid")
  load "$seconds" --url "$url" --mode "$mode" --label "$label" >"$dir/run.out"
  grep -v '^RESULT' "$dir/run.out"
  grep '^RESULT' "$dir/run.out" >>"$results"
  requests=$(sed -n 's/^RESULT.* requests=//p' "$dir/run.out")
  awk -v label="$label" -v n="$requests" -v hz="$(getconf CLK_TCK)" -v results="$results" \
    -v m="$(($(cpu_ticks "$middle") - before_middle))" \
    -v e="$(($(cpu_ticks "$emulator_pid") - before_emulator))" 'BEGIN {
      middle = m * 1e6 / hz / n; emulator = e * 1e6 / hz / n
      printf "CPU label=%s middle_us=%.1f emulator_us=%.1f\n", label, middle, emulator >>results
      printf "          CPU per request: %s %.1f µs, emulator behind it %.1f µs\n", label, middle, emulator
    }'
}

echo "smc-proxy $(git rev-parse --short HEAD), nginx $(nginx -v 2>&1 | sed 's/.*\///'), $(nproc) cores, ${seconds} s per run, $concurrency in flight, 10-job pages"
load 2 --url "$proxy" --mode browser --label warm-up >/dev/null
load 2 --url "http://127.0.0.1:$nginx_port" --mode signed --label warm-up >/dev/null
results=$dir/results
for round in 1 2; do
  measured "$proxy_pid" proxy "$proxy" browser
  measured "$nginx_pid" nginx "http://127.0.0.1:$nginx_port" signed
done
load "$seconds" --url "$emulator" --mode signed --label "emulator" | grep -v '^RESULT'

awk '
  /^RESULT/ {
    split($2, l, "="); split($3, r, "="); split($4, p, "=");
    rps[l[2]] += r[2]; runs[l[2]]++; if (p[2] > p99[l[2]]) p99[l[2]] = p[2];
  }
  /^CPU/ {
    split($2, l, "="); split($3, m, "="); split($4, e, "=");
    middle[l[2]] += m[2]; emulator[l[2]] += e[2];
  }
  END {
    px = rps["proxy"] / runs["proxy"]; ng = rps["nginx"] / runs["nginx"];
    printf "mean      proxy %.0f requests/s (worst p99 %.2f ms), nginx %.0f requests/s (worst p99 %.2f ms)\n", px, p99["proxy"], ng, p99["nginx"];
    printf "CPU       per request: proxy %.1f µs (emulator behind it %.1f µs), nginx %.1f µs (emulator behind it %.1f µs)\n", middle["proxy"] / runs["proxy"], emulator["proxy"] / runs["proxy"], middle["nginx"] / runs["nginx"], emulator["nginx"] / runs["nginx"];
    printf "ratio     proxy / nginx = %.2fx (goal: at least 0.8x)\n", px / ng;
  }' "$results"

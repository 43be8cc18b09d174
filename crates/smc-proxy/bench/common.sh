# What the proxy's bench scripts share; sourced, not run. Defines `dir` (a temporary folder),
# `pids` (processes stopped on exit), and `first_url`.

dir=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$dir"
}
trap cleanup EXIT

# Reads `listening on http://ADDR:PORT` from a process's first stdout line.
first_url() {
  local out=$1 line=
  for _ in $(seq 100); do
    line=$(head -n 1 "$out" 2>/dev/null || true)
    [[ $line == listening\ on\ * ]] && { echo "${line#listening on }"; return; }
    sleep 0.1
  done
  echo "no 'listening on' line in $out" >&2
  exit 1
}

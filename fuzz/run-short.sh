#!/usr/bin/env bash
# Runs every fuzz target for N seconds each (default 20), from the kept corpus.
#
#   fuzz/run-short.sh [SECONDS] [TARGET...]
#
# New inputs go to fuzz/work/<target> (ignored by git), so the kept corpus in
# fuzz/corpus/<target> does not grow. A crash or a failed property stops the run with the
# input saved under fuzz/artifacts/<target>/ and a non-zero exit.
#
# The targets need nightly compiler flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain take
# them. SANITIZER=none builds without AddressSanitizer (faster, catches fewer bugs).
set -euo pipefail
cd "$(dirname "$0")"

seconds="${1:-20}"
shift || true
if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    targets=(json_response xml_response odd_fields api_error request_params parse_form verify wire_time)
fi
sanitizer="${SANITIZER:-address}"
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "==> installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi

echo "==> building the fuzz targets (sanitizer: $sanitizer)"
cargo fuzz build --sanitizer "$sanitizer"

for target in "${targets[@]}"; do
    mkdir -p "work/$target"
    dict=()
    if [ -f "dict/$target.dict" ]; then
        dict=(-dict="dict/$target.dict")
    fi
    echo "==> $target for ${seconds}s"
    # `timeout` is a guard against a hang the fuzzer itself does not report.
    if ! timeout "$((seconds + 60))" cargo fuzz run --sanitizer "$sanitizer" "$target" \
        "work/$target" "corpus/$target" -- \
        -max_total_time="$seconds" -print_final_stats=1 "${dict[@]}" >"work/$target.log" 2>&1; then
        tail -n 40 "work/$target.log"
        echo "FAILED: $target (log: fuzz/work/$target.log, input: fuzz/artifacts/$target/)"
        exit 1
    fi
    grep -E '^stat::number_of_executed_units|^stat::average_exec_per_sec' "work/$target.log" \
        | sed 's/^stat::/    /'
done
echo "==> ${#targets[@]} fuzz targets ran ${seconds}s each without a failure"

#!/usr/bin/env bash
# Dispatch throughput and trivial-job latency of two builds of gridexec, interleaved on one machine, so that the
# cost of a change on the dispatch path (here: the coordinator's ledger, issue 12) is a ratio from one run.
#
#   bench/ha/dispatch-ab.sh A_REPO B_REPO [ROUNDS] [-- bench-dispatch options...]
#
# Each round starts a 1-node local cluster from A_REPO, runs `client bench-dispatch` against it, stops it, then
# the same for B_REPO. Both repos must be built (mvn -q package -DskipTests). B's cluster gets `--store none` when
# its local-cluster.sh knows the option (so both run without a database), and once more with its default store
# when STORE=1. Prints one line per run: label, chunks/s median, latency p50 ms; the raw outputs go to OUT_DIR.
set -euo pipefail
a="${1:?usage: dispatch-ab.sh A_REPO B_REPO [ROUNDS] [-- options]}"; b="${2:?B_REPO}"; rounds="${3:-3}"
shift $(( $# >= 3 ? 3 : $# )); [ "${1:-}" = "--" ] && shift
opts=("$@"); [ ${#opts[@]} -eq 0 ] && opts=(--chunks 300000 --repeats 3 --latency-jobs 100 --warmup 1)
out="${OUT_DIR:-$(mktemp -d)}"; mkdir -p "$out"; echo "raw outputs in $out" >&2

run() { # label repo [extra start args]
  local label="$1" repo="$2"; shift 2
  local run_dir; run_dir="$(mktemp -d)"
  local url; url="$("$repo/deploy/local-cluster.sh" start --nodes 1 --run-dir "$run_dir" "$@" | grep -E '^https?://' | head -1)"
  local file="$out/$label-$(date +%s%N).txt"
  "$repo/client/bin/client" bench-dispatch --coordinator "$url" "${opts[@]}" > "$file" 2>&1 || true
  "$repo/deploy/local-cluster.sh" stop --run-dir "$run_dir" >/dev/null 2>&1 || true
  rm -rf "$run_dir"
  printf '%-10s load %s | %s\n' "$label" "$(cut -d' ' -f1 /proc/loadavg)" "$(grep -Ei 'chunks/s|p50' "$file" | tr -s ' ' | paste -sd' ' -)"
}

none=(); grep -q -- '--store' "$b/deploy/local-cluster.sh" && none=(--store none)
for i in $(seq 1 "$rounds"); do
  run A "$a"
  run B "$b" "${none[@]}"
  [ "${STORE:-0}" = 1 ] && run B-store "$b"
done

#!/usr/bin/env bash
# The coordinator's resident memory around one large job (docs/PERFORMANCE.md, "Coordinator memory per chunk").
#
#   bench/memory/coordinator-rss.sh URL PID [CHUNKS] [LIMIT]
#
# URL and PID are a running coordinator's (deploy/local-cluster.sh start, then status). Runs a 1,000-chunk
# warm-up job, reads VmRSS from /proc/PID/status, submits primes below LIMIT (default 10^7) in CHUNKS chunks
# (default 10^6, the most a task may ask for), samples VmRSS every second until the job ends, and prints the RSS
# before, the peak during and the RSS 5 s after, in kB, with the job's final record.
set -euo pipefail
url=${1:?URL} pid=${2:?PID} chunks=${3:-1000000} limit=${4:-10000000}
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
field() { python3 -c 'import json, sys; d = json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
curl -fsS -d '{"kernel":"primes","params":{"limit":100000},"chunks":1000}' "$url/jobs?wait=true&maxWait=2m" >/dev/null
sleep 2
before=$(rss)
echo "before_kB=$before"
id=$(curl -fsS -d "{\"kernel\":\"primes\",\"params\":{\"limit\":$limit},\"chunks\":$chunks,\"timeout\":\"20m\"}" "$url/jobs" \
  | field 'd["id"]')
echo "job=$id"
peak=$before t0=$(date +%s)
while :; do
  r=$(rss)
  [ "$r" -gt "$peak" ] && peak=$r
  st=$(curl -fsS "$url/jobs/$id" | field 'd["state"] + " " + str(d["chunks"]["done"])')
  echo "t=$(( $(date +%s) - t0 ))s rss_kB=$r $st"
  case "$st" in SUCCEEDED*|FAILED*|CANCELLED*) break ;; esac
  sleep 1
done
echo "peak_kB=$peak added_kB=$(( peak - before ))"
sleep 5
echo "after_kB=$(rss)"
curl -fsS "$url/jobs/$id"
echo

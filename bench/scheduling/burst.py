#!/usr/bin/env python3
"""Issue 11's burst goal on a local cluster: many submissions at once, only 202 or 429, every accepted job exact,
/health/live under 1 s throughout.

  bench/scheduling/burst.py [--submissions 1500] [--concurrency 50] [--limit 300000] [--chunks 1]
                            [--nodes 2] [--workers 1] [--url URL] [--out DIR]

Starts a cluster of --nodes nodes with --workers workers each (deploy/local-cluster.sh; or uses the coordinator
at --url), runs 5 unmeasured warm-up jobs, then --concurrency threads (each with its own kept-alive connection)
POST /jobs until --submissions have been sent (no retry: a 429 counts as one submission). Job i counts the primes
below --limit + 1000 * (i % 10) in --chunks chunks, workers 1, nodes 1, so results differ between jobs. While the
burst and the drain after it last, a probe opens a new connection every 100 ms and times GET /health/live (5 s
timeout). After the burst every accepted job is followed (GET /jobs/{id}) to its end and its result.count checked
against a sieve. The goal: every answer 202 or 429, every 429 with Retry-After, every accepted job SUCCEEDED with
the exact count, the slowest /health/live under 1 s. Prints a summary and writes DIR/burst.md and DIR/burst.json
(default DIR: results/ beside this file, ignored by git). A benchmark, not a test: quote the machine and its load.
"""
import collections
import http.client
import json
import os
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gxbench  # noqa: E402
from gxbench import Api, Cluster, log, load_average, percentile  # noqa: E402



class Prober(threading.Thread):
    """GET /health/live on a new connection every `every` seconds; keeps (time, seconds, status) of each probe."""

    def __init__(self, url, every=0.1):
        super().__init__(daemon=True)
        api = Api(url)
        self.host, self.port, self.every = api.host, api.port, every
        self.samples = []
        self.halt = threading.Event()

    def run(self):
        next_at = time.monotonic()
        while not self.halt.is_set():
            t0 = time.monotonic()
            status = None
            try:
                conn = http.client.HTTPConnection(self.host, self.port, timeout=5)
                conn.request("GET", "/health/live")
                response = conn.getresponse()
                response.read()
                status = response.status
                conn.close()
            except OSError as e:
                status = f"error: {e}"
            self.samples.append((t0, time.monotonic() - t0, status))
            next_at += self.every
            self.halt.wait(max(0.0, next_at - time.monotonic()))


def task(i, limit, chunks):
    return {"name": f"burst {i}", "kernel": "primes", "params": {"limit": limit + 1000 * (i % 10)}, "chunks": chunks,
            "workers": 1, "nodes": 1, "timeout": "10m"}


def main():
    parser = gxbench.primes_parser(__doc__, limit=300_000, chunks=1)
    parser.add_argument("--submissions", type=int, default=1500)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--url", help="a running coordinator (no cluster is started)")
    parser.add_argument("--drain-timeout", type=float, default=900)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    expected = {args.limit + 1000 * k: gxbench.primes_below(args.limit + 1000 * k) for k in range(10)}
    cluster = None
    if args.url:
        url = args.url
    else:
        cluster = Cluster(tempfile.mkdtemp(prefix="gridexec-burst-"), nodes=args.nodes, workers=args.workers).start()
        url = cluster.url
    try:
        result = burst(url, args, expected)
    finally:
        if cluster:
            cluster.stop()
    report(result, args)


def burst(url, args, expected):
    warm = Api(url, timeout=60)
    for i in range(5):
        job = warm.json("POST", "/jobs?wait=true", task(i, args.limit, args.chunks))
        assert job["state"] == "SUCCEEDED", job
    warm.close()
    load_before = load_average()
    prober = Prober(url)
    prober.start()
    answers = []  # (index, status, retry_after, seconds, job id or error)
    lock = threading.Lock()
    counter = iter(range(args.submissions))

    def submitter():
        api = Api(url, timeout=60)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            t0 = time.monotonic()
            try:
                status, headers, text = api.request("POST", "/jobs", task(i, args.limit, args.chunks))
                job_id = json.loads(text).get("id") if status == 202 else text[:200]
                answers.append((i, status, headers.get("retry-after"), time.monotonic() - t0, job_id))
            except OSError as e:
                answers.append((i, f"error: {e}", None, time.monotonic() - t0, None))
        api.close()

    burst_start = time.monotonic()
    threads = [threading.Thread(target=submitter) for _ in range(args.concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    burst_end = time.monotonic()
    load_after_burst = load_average()
    log(f"burst of {args.submissions} in {burst_end - burst_start:.1f} s:",
        dict(collections.Counter(a[1] for a in answers)))
    # follow every accepted job to its end
    api = Api(url, timeout=60)
    accepted = {a[4]: a[0] for a in answers if a[1] == 202}
    open_ids = set(accepted)
    ended = {}
    deadline = time.monotonic() + args.drain_timeout
    while open_ids and time.monotonic() < deadline:
        for job_id in list(open_ids):
            record = api.json("GET", f"/jobs/{job_id}")
            if record["state"] in gxbench.TERMINAL:
                ended[job_id] = record
                open_ids.discard(job_id)
        if open_ids:
            time.sleep(0.5)
    drain_end = time.monotonic()
    api.close()
    prober.halt.set()
    prober.join()
    log(f"drained in {drain_end - burst_end:.1f} s; {len(open_ids)} job(s) not ended")
    exact = 0
    states = collections.Counter()
    for job_id, record in ended.items():
        states[record["state"]] += 1
        limit = record["task"]["params"]["limit"]
        if record["state"] == "SUCCEEDED" and record["result"]["count"] == expected[limit]:
            exact += 1
    in_burst = [s for s in prober.samples if s[0] <= burst_end]
    return {
        "url": url,
        "load_before": load_before,
        "load_after_burst": load_after_burst,
        "load_after_drain": load_average(),
        "burst_s": burst_end - burst_start,
        "drain_s": drain_end - burst_end,
        "statuses": dict(collections.Counter(str(a[1]) for a in answers)),
        "429_without_retry_after": sum(1 for a in answers if a[1] == 429 and not a[2]),
        "retry_after_values": dict(collections.Counter(a[2] for a in answers if a[1] == 429)),
        "submit_p50_ms": 1000 * percentile([a[3] for a in answers], 50),
        "submit_p99_ms": 1000 * percentile([a[3] for a in answers], 99),
        "submit_max_ms": 1000 * max(a[3] for a in answers),
        "accepted": len(accepted),
        "ended": len(ended),
        "not_ended": len(open_ids),
        "states": dict(states),
        "exact": exact,
        "probes": len(prober.samples),
        "probes_in_burst": len(in_burst),
        "probe_failures": [s for s in prober.samples if s[2] != 200][:20],
        "live_max_ms_burst": 1000 * max((s[1] for s in in_burst), default=float("nan")),
        "live_p99_ms_burst": 1000 * percentile([s[1] for s in in_burst], 99),
        "live_max_ms_all": 1000 * max((s[1] for s in prober.samples), default=float("nan")),
        "live_p50_ms_all": 1000 * percentile([s[1] for s in prober.samples], 50),
        "other_answers": [a for a in answers if a[1] not in (202, 429)][:20],
    }


def report(r, args):
    only_202_429 = set(r["statuses"]) <= {"202", "429"}
    met = (only_202_429 and r["429_without_retry_after"] == 0 and r["not_ended"] == 0 and r["exact"] == r["accepted"]
           and not r["probe_failures"] and r["live_max_ms_all"] < 1000)
    lines = [
        f"burst.py --submissions {args.submissions} --concurrency {args.concurrency} --limit {args.limit}"
        f" --chunks {args.chunks} --nodes {args.nodes} --workers {args.workers}",
        "",
        f"- answers: {r['statuses']} in {r['burst_s']:.1f} s ({args.submissions / r['burst_s']:.0f}/s);"
        f" 429 without Retry-After: {r['429_without_retry_after']}; Retry-After values: {r['retry_after_values']}",
        f"- POST /jobs latency: p50 {r['submit_p50_ms']:.1f} ms, p99 {r['submit_p99_ms']:.1f} ms, max {r['submit_max_ms']:.0f} ms",
        f"- accepted {r['accepted']}: ended {r['ended']} ({r['states']}), exact {r['exact']}, not ended {r['not_ended']};"
        f" drained in {r['drain_s']:.1f} s after the burst",
        f"- /health/live, a new connection every 100 ms: {r['probes']} probes ({r['probes_in_burst']} during the burst),"
        f" failures {len(r['probe_failures'])}; max {r['live_max_ms_burst']:.0f} ms during the burst"
        f" (p99 {r['live_p99_ms_burst']:.0f} ms), max {r['live_max_ms_all']:.0f} ms over burst and drain"
        f" (p50 {r['live_p50_ms_all']:.1f} ms)",
        f"- load average: before {r['load_before']}, after the burst {r['load_after_burst']}, after the drain"
        f" {r['load_after_drain']}",
        f"- goal (only 202/429, 429 with Retry-After, every accepted job exact, /health/live < 1 s): {'met' if met else 'NOT met'}",
    ]
    if r["other_answers"]:
        lines.append(f"- other answers (first 20): {r['other_answers']}")
    if r["probe_failures"]:
        lines.append(f"- probe failures (first 20): {r['probe_failures']}")
    gxbench.write_report(args.out, "burst", lines, r)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Issue 11's slow-node goals on a local cluster: a job's time with one of its two nodes slowed, against undisturbed.

  bench/scheduling/slow-node.py [--repeats 3] [--limit 20000000] [--chunks 64] [--scenarios slow80,third,sigstop]
                                [--out DIR] [--workers 1]

Each repeat starts a fresh cluster of 2 nodes (deploy/local-cluster.sh, --workers 1 each, so that the two
node JVMs hold one busy thread each on this 2-vCPU machine), runs 2 unmeasured warm-up jobs, then for each
scenario an undisturbed run followed by a disturbed one (interleaved), and stops the cluster:
  slow80   from 80% of the chunks done, node-1 runs at 1/20 of its speed (SIGCONT 5 ms, SIGSTOP 95 ms), still a
           member. Goal: the job ends exact within 1.3x its undisturbed time.
  third    node-1 runs at 1/3 of its speed (33 ms / 67 ms) for the whole job. Goal: within 1.6x.
  sigstop  node-1 is SIGSTOPped at 50% done and left stopped until the job ends (the failure detector drops it
           after failure-seconds, 5 s). Goal: exact within 1.5x + 10 s. Always the last scenario of a repeat (the
           node does not come back cleanly), and the cluster is started afresh for the next repeat.
The job: primes below --limit by trial division in --chunks chunks, workers 1, nodes 2 (CPU-bound). The slowing
is done by duty-cycle.py beside this script (SIGSTOP/SIGCONT of node-1's JVM), started when GET /jobs/{id}
(polled every 50 ms) shows the trigger fraction done. Exact = result.count equals the number of primes below
the limit (a sieve in this script). Ratios: each disturbed run over the undisturbed run just before it; the
summary gives medians. Writes DIR/slow-node.csv and DIR/slow-node.md (default DIR: results/ beside this file,
ignored by git), and DIR/trace-REPEAT-SCENARIO.json: each poll of the disturbed run and the run before it
(seconds, chunks done, speculative, retried, chunks each node delivered first), to see where the time went.
Needs the build (mvn -q -B package -DskipTests), curl, python3. A benchmark, not a test: quote the machine and
its load average (written beside every run) with the numbers.
"""
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gxbench  # noqa: E402
from gxbench import Api, Cluster, log, load_average, median  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DUTY = os.path.join(HERE, "duty-cycle.py")

SCENARIOS = {
    # name: (trigger fraction of chunks done, run ms, stop ms, goal ratio, goal extra seconds)
    "slow80": (0.8, 5, 95, 1.3, 0),
    "third": (0.0, 33, 67, 1.6, 0),
    "sigstop": (0.5, 0, 1, 1.5, 10),
}
SLOWED = "node-1"


def run_job(api, cluster, task, expected, scenario=None):
    """Runs one job, slowing SLOWED as `scenario` says; returns a row of what happened."""
    duty = None
    trigger = None
    load_start = load_average()
    slow_seen = False
    trigger_at = None
    if scenario:
        fraction, run_ms, stop_ms, _, _ = SCENARIOS[scenario]
        trigger = fraction

    def start_duty():
        return subprocess.Popen([sys.executable, DUTY, str(cluster.pid(SLOWED)), str(run_ms), str(stop_ms)],
                                stdout=subprocess.PIPE, text=True)

    if trigger == 0.0:
        duty = start_duty()
        trigger_at = 0.0
    t0 = time.monotonic()
    status, _, text = api.request("POST", "/jobs", task)
    if status != 202:
        raise RuntimeError(f"POST /jobs answered {status}: {text[:300]}")
    job_id = gxbench.json.loads(text)["id"]
    next_nodes = 0.0
    record = None
    trace = []  # (seconds since submission, done, speculative, retried, {node: chunks delivered first})
    at_trigger = {}
    try:
        while True:
            record = api.json("GET", f"/jobs/{job_id}")
            now = time.monotonic() - t0
            chunks = record["chunks"]
            delivered = {p["node"]: p["chunks"] for p in record.get("placement", [])}
            trace.append((round(now, 3), chunks["done"], chunks.get("speculative"), chunks.get("retried"), delivered))
            if record["state"] in gxbench.TERMINAL:
                break
            if duty is None and trigger is not None and chunks["total"] and chunks["done"] >= trigger * chunks["total"]:
                duty = start_duty()
                trigger_at = now
                at_trigger = delivered
            if scenario and scenario != "sigstop" and now >= next_nodes:  # a stopped node makes /nodes wait
                nodes = api.json("GET", "/nodes")
                nodes = nodes if isinstance(nodes, list) else nodes.get("nodes", [])
                slow_seen = slow_seen or any(n.get("slow") and n.get("name") == SLOWED for n in nodes)
                next_nodes = now + 0.25
            if now > 600:
                raise RuntimeError(f"job {job_id} still {record['state']} after 600 s")
            time.sleep(0.05)
    finally:
        duty_line = ""
        if duty is not None:
            duty.send_signal(signal.SIGTERM)
            duty_line = (duty.communicate(timeout=10)[0] or "").strip()
            os.kill(cluster.pid(SLOWED), signal.SIGCONT)  # in case the cycler ended before it could
    client_s = time.monotonic() - t0
    count = (record.get("result") or {}).get("count")
    chunks = record["chunks"]
    placement = " ".join(f"{p['node']}:{p['chunks']}" for p in record.get("placement", []))
    after = ""
    first_copy = None
    if trigger_at is not None:
        spec0 = next((sp for t, _, sp, _, _ in trace if t >= trigger_at), 0) or 0
        first_copy = next((round(t - trigger_at, 2) for t, _, sp, _, _ in trace if t >= trigger_at and (sp or 0) > spec0), None)
        after = " ".join(f"{p['node']}:{p['chunks'] - at_trigger.get(p['node'], 0)}" for p in record.get("placement", []))
    return {
        "scenario": scenario or "undisturbed",
        "state": record["state"],
        "exact": count == expected,
        "wall_s": record["timing"]["wallMs"] / 1000,
        "client_s": round(client_s, 3),
        "trigger_s": None if trigger_at is None else round(trigger_at, 2),
        "after_trigger": after,
        "tail_s": None if trigger_at is None else round(record["timing"]["wallMs"] / 1000 - trigger_at, 2),
        "first_copy_s": first_copy,
        "speculative": chunks.get("speculative"),
        "retried": chunks.get("retried"),
        "placement": placement,
        "slow_marked": slow_seen if scenario else "",
        "load_start": load_start,
        "load_end": load_average(),
        "duty": duty_line,
        "job": job_id,
        "trace": trace,
    }


def main():
    parser = gxbench.primes_parser(__doc__, limit=20_000_000, chunks=64)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--scenarios", default="slow80,third,sigstop")
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()
    scenarios = gxbench.choices(parser, "--scenarios", args.scenarios, list(SCENARIOS))
    os.makedirs(args.out, exist_ok=True)
    expected = gxbench.primes_below(args.limit)
    task = {"name": f"slow-node primes below {args.limit}", "kernel": "primes", "params": {"limit": args.limit},
            "chunks": args.chunks, "workers": args.workers, "nodes": 2, "timeout": "10m"}
    rows = []
    csv_path = os.path.join(args.out, "slow-node.csv")
    fields = ["repeat", "scenario", "state", "exact", "wall_s", "client_s", "ratio", "trigger_s", "tail_s", "first_copy_s", "after_trigger",
              "speculative",
              "retried", "placement", "slow_marked", "load_start", "load_end", "duty", "job"]
    with open(csv_path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for repeat in range(args.repeats):
            order = [s for s in scenarios if s != "sigstop"]
            order = order[repeat % len(order):] + order[:repeat % len(order)] if order else []
            if "sigstop" in scenarios:
                order.append("sigstop")
            cluster = Cluster(tempfile.mkdtemp(prefix="gridexec-slow-node-"), nodes=2, workers=args.workers)
            cluster.start()
            api = Api(cluster.url, timeout=60)
            try:
                for _ in range(args.warmup):
                    row = run_job(api, cluster, task, expected)
                    log(f"warm-up: {row['wall_s']:.2f} s, exact {row['exact']}, load {row['load_end']}")
                for scenario in order:
                    base = run_job(api, cluster, task, expected)
                    base.update(repeat=repeat, ratio=1.0)
                    rows.append(base)
                    writer.writerow(base)
                    log(f"repeat {repeat} undisturbed: {base['wall_s']:.2f} s, exact {base['exact']}, {base['placement']},"
                        f" load {base['load_start']}")
                    row = run_job(api, cluster, task, expected, scenario)
                    row.update(repeat=repeat, ratio=round(row["wall_s"] / base["wall_s"], 3))
                    rows.append(row)
                    writer.writerow(row)
                    f.flush()
                    with open(os.path.join(args.out, f"trace-{repeat}-{scenario}.json"), "w") as t:
                        json.dump({"disturbed": row, "undisturbed_before": base}, t)
                    log(f"repeat {repeat} {scenario}: {row['wall_s']:.2f} s = {row['ratio']}x, exact {row['exact']},"
                        f" trigger at {row['trigger_s']} s (then {row['tail_s']} s to the end, first copy after"
                        f" {row['first_copy_s']} s), chunks delivered after it {row['after_trigger']},"
                        f" speculative {row['speculative']}, retried {row['retried']}, {row['placement']},"
                        f" slow marked {row['slow_marked']}, load {row['load_start']}; {row['duty']}")
            finally:
                api.close()
                cluster.stop()
    summary(rows, scenarios, args, os.path.join(args.out, "slow-node.md"))


def summary(rows, scenarios, args, path):
    lines = [f"slow-node.py --repeats {args.repeats} --limit {args.limit} --chunks {args.chunks} --workers {args.workers}"
             f" --scenarios {args.scenarios}", "",
             "| scenario | runs | exact | median undisturbed s | median disturbed s | median ratio (pairs) | ratios | goal | met |"
             " speculative | retried | loads (1-min at start) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for scenario in scenarios:
        disturbed = [r for r in rows if r["scenario"] == scenario]
        if not disturbed:
            continue
        bases = []
        for r in disturbed:
            before = [b for b in rows if b["scenario"] == "undisturbed" and b["repeat"] == r["repeat"]
                      and rows.index(b) == rows.index(r) - 1]
            bases.extend(before)
        _, _, _, goal, extra = SCENARIOS[scenario]
        base_median = median([b["wall_s"] for b in bases])
        ratios = [r["ratio"] for r in disturbed]
        walls = [r["wall_s"] for r in disturbed]
        if extra:
            met = all(r["exact"] for r in disturbed) and median(walls) <= goal * base_median + extra
            goal_text = f"<= {goal}x + {extra} s ({goal * base_median + extra:.1f} s)"
        else:
            met = all(r["exact"] for r in disturbed) and median(ratios) <= goal
            goal_text = f"<= {goal}x"
        lines.append(f"| {scenario} | {len(disturbed)} | {sum(r['exact'] for r in disturbed)}/{len(disturbed)} |"
                     f" {base_median:.2f} | {median(walls):.2f} | {median(ratios):.2f} | {', '.join(f'{x:.2f}' for x in ratios)} |"
                     f" {goal_text} | {'met' if met else 'NOT met'} |"
                     f" {', '.join(str(r['speculative']) for r in disturbed)} | {', '.join(str(r['retried']) for r in disturbed)} |"
                     f" {', '.join(r['load_start'].split()[0] for r in disturbed)} |")
    undisturbed = [r for r in rows if r["scenario"] == "undisturbed"]
    lines += ["", f"undisturbed runs: {len(undisturbed)}, exact {sum(r['exact'] for r in undisturbed)}, median"
              f" {median([r['wall_s'] for r in undisturbed]):.2f} s, range {min(r['wall_s'] for r in undisturbed):.2f}-"
              f"{max(r['wall_s'] for r in undisturbed):.2f} s" if undisturbed else ""]
    gxbench.publish(lines, path)


if __name__ == "__main__":
    main()

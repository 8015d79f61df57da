#!/usr/bin/env python3
"""Issue 11's queue-order, priority and spread goals on a local cluster.

  bench/scheduling/queue.py [--repeats 3] [--scenarios order,priority,spread] [--limit 4000000] [--chunks 24]
                            [--poll-ms 20] [--out DIR]

order:    1 node of capacity 2 (--workers 2); five jobs of workers 2, nodes 1 submitted back to back. Goal: never
          more than one RUNNING at once while the others wait QUEUED, all five exact, ended in submission order.
priority: the same cluster; a blocker job, then a priority-0 job, then a priority-5 job. Goal: the priority-5 job
          starts first (it is seen RUNNING before the priority-0 one), both exact.
spread:   2 nodes of capacity 1 (--workers 1); two jobs of workers 1, nodes 1 submitted back to back. Goal: both
          RUNNING at the same time, placed on different nodes, both exact.

Each job counts the primes below --limit + 1000 * i in --chunks chunks, so results differ. A watcher polls
GET /jobs every --poll-ms on its own connection and keeps, per poll, each job's state; a job's start is the first
poll that sees it RUNNING, its end the first that sees it ended. Every repeat uses the same cluster (one per
capacity), after an unmeasured warm-up job. Prints a summary and writes DIR/queue.md and DIR/queue.json (default
DIR: results/ beside this file, ignored by git). A benchmark, not a test: quote the machine and its load.
"""
import json
import os
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gxbench import TERMINAL, Api, Cluster, choices, load_average, log, primes_below, primes_parser, write_report  # noqa: E402



class Watcher(threading.Thread):
    """Polls GET /jobs; keeps (time, {id: state}) for every poll of the jobs it was told to watch."""

    def __init__(self, url, poll_s):
        super().__init__(daemon=True)
        self.api, self.poll_s = Api(url), poll_s
        self.watched, self.polls = set(), []
        self.stopped = threading.Event()
        self.lock = threading.Lock()

    def watch(self, job_id):
        with self.lock:
            self.watched.add(job_id)

    def run(self):
        while not self.stopped.wait(self.poll_s):
            page = self.api.json("GET", "/jobs?limit=100")
            now = time.monotonic()
            with self.lock:
                states = {j["id"]: j["state"] for j in page["jobs"] if j["id"] in self.watched}
            if states:
                self.polls.append((now, states))

    def first_seen(self, job_id, states):
        return next((t for t, s in self.polls if s.get(job_id) in states), None)

    def most_running(self, ids):
        return max((sum(1 for i in ids if s.get(i) == "RUNNING") for _, s in self.polls), default=0)

    def together(self, ids):
        """How many polls saw every one of `ids` RUNNING at once."""
        return sum(1 for _, s in self.polls if all(s.get(i) == "RUNNING" for i in ids))


def task(i, args, workers, priority=0):
    return {"name": f"queue check {i}", "kernel": "primes", "params": {"limit": args.limit + 1000 * i},
            "chunks": args.chunks, "workers": workers, "nodes": 1, "priority": priority}


def submit(api, watcher, body):
    record = api.json("POST", "/jobs", body)
    watcher.watch(record["id"])
    return record["id"]


def finish(api, ids, timeout_s=600):
    """Each job's final record, after waiting for its end."""
    deadline, ended = time.monotonic() + timeout_s, {}
    while len(ended) < len(ids) and time.monotonic() < deadline:
        for i in ids:
            if i not in ended:
                record = api.json("GET", f"/jobs/{i}")
                if record["state"] in TERMINAL:
                    ended[i] = record
        time.sleep(0.1)
    return [ended.get(i) for i in ids]


def exact(record, i, args):
    return (record is not None and record["state"] == "SUCCEEDED"
            and record["result"]["count"] == primes_below(args.limit + 1000 * i))


def order_run(url, args, watcher):
    api = Api(url)
    ids = [submit(api, watcher, task(i, args, workers=2)) for i in range(5)]
    records = finish(api, ids)
    ends = [watcher.first_seen(i, TERMINAL) for i in ids]
    # at every poll: the jobs before the running one have ended and all after it wait QUEUED
    def in_order(states):
        running = [k for k, i in enumerate(ids) if states.get(i) == "RUNNING"]
        return all(states.get(i, "QUEUED") in (TERMINAL if k < running[0] else {"QUEUED"})
                   for k, i in enumerate(ids) if k != running[0]) if len(running) == 1 else not running
    others_queued = all(in_order(s) for _, s in watcher.polls)
    r = {"most_running": watcher.most_running(ids), "exact": sum(exact(rec, i, args) for i, rec in enumerate(records)),
         "end_order": sorted(range(5), key=lambda k: ends[k] if ends[k] is not None else float("inf")),
         "rest_queued": others_queued,
         "wall_ms": [rec["timing"]["wallMs"] if rec else None for rec in records]}
    r["met"] = r["most_running"] == 1 and r["exact"] == 5 and r["end_order"] == list(range(5)) and others_queued
    return r


def priority_run(url, args, watcher):
    api = Api(url)
    blocker = submit(api, watcher, task(0, args, workers=2))
    low = submit(api, watcher, task(1, args, workers=2, priority=0))
    high = submit(api, watcher, task(2, args, workers=2, priority=5))
    records = finish(api, [blocker, low, high])
    low_start, high_start = watcher.first_seen(low, {"RUNNING"} | TERMINAL), watcher.first_seen(high, {"RUNNING"} | TERMINAL)
    r = {"exact": sum(exact(rec, i, args) for i, rec in enumerate(records)),
         "high_started_first": high_start is not None and low_start is not None and high_start < low_start,
         "high_lead_ms": None if None in (low_start, high_start) else round(1000 * (low_start - high_start))}
    r["met"] = r["high_started_first"] and r["exact"] == 3
    return r


def spread_run(url, args, watcher):
    api = Api(url)
    ids = [submit(api, watcher, task(i, args, workers=1)) for i in range(2)]
    records = finish(api, ids)
    nodes = [sorted(p["node"] for p in rec["placement"]) if rec else [] for rec in records]
    r = {"exact": sum(exact(rec, i, args) for i, rec in enumerate(records)), "nodes": nodes,
         "polls_both_running": watcher.together(ids),
         "wall_ms": [rec["timing"]["wallMs"] if rec else None for rec in records]}
    r["met"] = (r["exact"] == 2 and r["polls_both_running"] > 0 and all(len(n) == 1 for n in nodes)
                and nodes[0] != nodes[1])
    return r


SCENARIOS = {"order": (2, 1, order_run), "priority": (2, 1, priority_run), "spread": (1, 2, spread_run)}


def main():
    parser = primes_parser(__doc__, limit=4_000_000, chunks=24)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--scenarios", default="order,priority,spread")
    parser.add_argument("--poll-ms", type=float, default=20)
    args = parser.parse_args()
    scenarios = choices(parser, "--scenarios", args.scenarios, list(SCENARIOS))
    os.makedirs(args.out, exist_ok=True)
    results = []
    for shape in sorted({SCENARIOS[s][:2] for s in scenarios}, reverse=True):
        workers, nodes = shape
        cluster = Cluster(tempfile.mkdtemp(prefix="gx-queue-"), nodes=nodes, workers=workers).start()
        try:
            warm = Api(cluster.url)  # one unmeasured job per node, so that no measured job meets a cold node
            finish(warm, [warm.json("POST", "/jobs", task(99, args, workers=workers))["id"] for _ in range(nodes)])
            for repeat in range(args.repeats):
                for name in (s for s in scenarios if SCENARIOS[s][:2] == shape):
                    watcher = Watcher(cluster.url, args.poll_ms / 1000)
                    watcher.start()
                    load = load_average()
                    try:
                        r = SCENARIOS[name][2](cluster.url, args, watcher)
                    finally:
                        watcher.stopped.set()
                        watcher.join()
                    r.update(scenario=name, repeat=repeat, load=load, polls=len(watcher.polls),
                             nodes_in_cluster=nodes, workers_per_node=workers)
                    log(name, repeat, "met" if r["met"] else "NOT met", json.dumps(r))
                    results.append(r)
        finally:
            cluster.stop()
    report(results, args)


def report(results, args):
    lines = [f"queue.py --repeats {args.repeats} --scenarios {args.scenarios} --limit {args.limit}"
             f" --chunks {args.chunks} --poll-ms {args.poll_ms:g}", ""]
    for r in results:
        detail = {k: v for k, v in r.items() if k not in ("scenario", "repeat", "met", "load")}
        lines.append(f"- {r['scenario']} #{r['repeat']}: {'met' if r['met'] else 'NOT met'} (load {r['load']}) {detail}")
    for name in dict.fromkeys(r["scenario"] for r in results):
        runs = [r for r in results if r["scenario"] == name]
        lines.append(f"- {name}: met in {sum(r['met'] for r in runs)}/{len(runs)} runs")
    write_report(args.out, "queue", lines, results)


if __name__ == "__main__":
    main()

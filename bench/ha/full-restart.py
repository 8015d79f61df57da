#!/usr/bin/env python3
"""Issue 12's whole-cluster goal, repeated: every process of a local cluster killed (kill -9) while one job runs and
one waits, then started again on the same run dir; both jobs must resume and end exact, each run by one coordinator.

  bench/ha/full-restart.py [--repeats 5] [--coordinators 2] [--nodes 2] [--kill-after 0.35] [--out DIR]

Each repeat starts a fresh cluster (deploy/local-cluster.sh, SQLite store in its run dir, --workers 1), submits a
running job (primes below 20,000,000, 60 chunks, nodes 2) and a queued one (primes below 12,000,000, 48 chunks, priority
-1), waits until the running one has --kill-after of its chunks done, SIGKILLs every process at once, starts the cluster
again from the run dir and follows both jobs to their end. Per repeat it writes: the chunks done at the kill, the
seconds from the restart command to each job's end, state, exactness, owner, adoptions and chunks.retried. The goal:
both jobs SUCCEEDED with the exact count in every repeat; `adoptions` 1 says one coordinator claimed each job (2 means
two claimed it and one gave it up: see docs/HA.md, "Two claims of one job"). Writes DIR/full-restart.md and .json
(default DIR: results/ beside this file, ignored by git). A benchmark, not a test.
"""
import argparse
import json
import os
import signal
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scheduling"))
from gxbench import TERMINAL, Api, Cluster, load_average, log, median, primes_below, write_report  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNING = {"kernel": "primes", "params": {"limit": 20_000_000}, "chunks": 60, "workers": 1, "nodes": 2}
QUEUED = {"kernel": "primes", "params": {"limit": 12_000_000}, "chunks": 48, "workers": 1, "nodes": 2, "priority": -1}


def wait_done(api, job_id, fraction, timeout_s=300):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        record = api.json("GET", f"/jobs/{job_id}")
        if record["chunks"]["done"] >= fraction * record["task"]["chunks"] or record["state"] in TERMINAL:
            return record
        time.sleep(0.05)
    raise TimeoutError(f"job {job_id} did not reach {fraction:.0%} in {timeout_s} s")


def follow(api, ids, timeout_s=600):
    """{id: (record, seconds to its end)} once every job has ended (or the timeout passed)."""
    start, ended = time.monotonic(), {}
    while len(ended) < len(ids) and time.monotonic() - start < timeout_s:
        for job_id in ids:
            if job_id not in ended:
                try:
                    record = api.json("GET", f"/jobs/{job_id}")
                except (OSError, RuntimeError):
                    continue  # the store may answer 503 while the cluster forms
                if record["state"] in TERMINAL:
                    ended[job_id] = (record, time.monotonic() - start)
        time.sleep(0.1)
    return ended


def kill_all(cluster):
    names = [f"coordinator-{i}" for i in range(cluster.coordinators)] + [f"node-{i}" for i in range(cluster.nodes)]
    for name in names:
        try:
            os.kill(cluster.pid(name), signal.SIGKILL)
        except ProcessLookupError:
            pass
    for name in names:  # the pids are the JVMs': wait until each is gone
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                os.kill(cluster.pid(name), 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)


def repeat(args, i):
    cluster = Cluster(tempfile.mkdtemp(prefix="gx-restart-"), nodes=args.nodes, coordinators=args.coordinators).start()
    try:
        api = Api(cluster.url)
        running = api.json("POST", "/jobs", RUNNING)["id"]
        queued = api.json("POST", "/jobs", QUEUED)["id"]
        at_kill = wait_done(api, running, args.kill_after)["chunks"]["done"]
        load = load_average()
        kill_all(cluster)
        restart = time.monotonic()
        cluster.start()
        started_s = time.monotonic() - restart
        ended = follow(Api(cluster.url), [running, queued])
        row = {"repeat": i, "load": load, "done_at_kill": at_kill, "restart_s": round(started_s, 1)}
        for name, job_id, limit in (("running", running, 20_000_000), ("queued", queued, 12_000_000)):
            record, seconds = ended.get(job_id, (None, None))
            row[name] = None if record is None else {
                "state": record["state"], "exact": (record.get("result") or {}).get("count") == primes_below(limit),
                "end_s": round(started_s + seconds, 1), "owner": record.get("owner"), "adoptions": record.get("adoptions"),
                "retried": record["chunks"]["retried"]}
        log("repeat", i, json.dumps(row))
        return row
    finally:
        cluster.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--coordinators", type=int, default=2)
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--kill-after", type=float, default=0.35, help="fraction of the running job's chunks done")
    parser.add_argument("--out", default=os.path.join(HERE, "results"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rows = [repeat(args, i) for i in range(args.repeats)]
    jobs = [row[k] for row in rows for k in ("running", "queued")]
    exact = sum(1 for j in jobs if j and j["state"] == "SUCCEEDED" and j["exact"])
    lines = [f"full-restart.py --repeats {args.repeats} --coordinators {args.coordinators} --nodes {args.nodes}"
             f" --kill-after {args.kill_after}", ""]
    lines += [f"- repeat {r['repeat']} (load {r['load']}): {r['done_at_kill']}/60 done at the kill, cluster up again in"
              f" {r['restart_s']} s; running job {r['running']}; queued job {r['queued']}" for r in rows]
    lines.append(f"- {exact}/{len(jobs)} jobs exact; adoptions {sorted(str(j['adoptions']) for j in jobs if j)};"
                 f" running job ended a median {median([r['running']['end_s'] for r in rows if r['running']]):.1f} s"
                 f" after the restart command")
    write_report(args.out, "full-restart", lines, rows)


if __name__ == "__main__":
    main()

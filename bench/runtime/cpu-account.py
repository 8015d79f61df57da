#!/usr/bin/env python3
"""Where the CPU of a short job goes on the cluster path: per process and per thread group, from /proc.

  bench/runtime/cpu-account.py [--repeats 5] [--warmup 5] [--limit 3000000] [--chunks 48] [--settle 0.5]
                               [--idle 3] [--clusters one,two] [--out DIR]

one: a local cluster of 1 node x 2 workers (deploy/local-cluster.sh start --nodes 1 --workers 2); the job
     {"kernel":"primes","params":{"limit":L},"chunks":C,"mode":M,"workers":W} for M in threads, slots and
     W in 1, 2.
two: a local cluster of 2 nodes x 1 worker (--nodes 2 --workers 1); the same job in threads mode with
     "workers":1 and "nodes" 1 and 2.
Each cluster is started in a fresh temp run dir and stopped at the end (one after the other, never both at
once). After --warmup unmeasured jobs of every configuration and --idle seconds of idle sampling, --repeats
rounds run every configuration once each (interleaved, the order rotated each round), one job at a time,
with POST /jobs?wait=true.

Around each job the script reads /proc/PID/task/*/schedstat (ns on a CPU: the sum_exec_runtime that a
thread's utime+stime in .../stat are rounded from, to 10 ms ticks; and ns runnable but waiting for a CPU),
the name from .../comm, of every JVM of the cluster (RUN_DIR/*.pid), /proc/PID/stat (utime+stime of the whole
process, threads that ended included), /proc/stat (the whole
machine: busy and steal) and /proc/loadavg; once right before the POST, once right after the answer ("job"),
and once --settle seconds later ("after": what the job still costs once it answered, records and GC). CPU
is split by thread group: worker (gridexec-worker-*, the node's compute threads), hazelcast (hz.*), gc
(GC Thread*, G1*), jit (C1/C2 CompilerThread*, Sweeper), vertx (vert.x-*, vertx-*), gridexec (other
gridexec-* threads: scheduler, record writer, store), other (VM Thread, main, ...) and exited (threads that
ended during the interval: the process total less its live threads). Overhead = every group but worker.

Prints medians per configuration and writes DIR/cpu-account.md and DIR/cpu-account.json (default DIR:
results/ beside this file, ignored by git). Every job's result.count is checked. CPU seconds are robust to
other processes' load; wall times are not: quote the load average. A benchmark, not a test.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "scheduling"))
from gxbench import Api, Cluster, choices, load_average, log, median, primes_below  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")
GROUPS = ["worker", "hazelcast", "gc", "jit", "vertx", "gridexec", "other", "exited"]


def group_of(comm):
    """The thread group of a thread name as /proc/.../comm gives it (at most 15 characters)."""
    if comm.startswith("gridexec-worker"):
        return "worker"
    if comm.startswith("hz."):
        return "hazelcast"
    if comm.startswith("GC Thread") or comm.startswith("G1"):
        return "gc"
    if "CompilerThre" in comm or comm.startswith("Sweeper"):
        return "jit"
    if comm.startswith("vert.x-") or comm.startswith("vertx-"):
        return "vertx"
    if comm.startswith("gridexec-"):
        return "gridexec"
    return "other"


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None


def stat_ticks(text):
    """utime + stime in clock ticks from a /proc stat line (fields after the parenthesised name)."""
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])


def snapshot_process(pid):
    """{"total": ticks, "threads": {tid: (comm, run_ns, wait_ns)}} of one process."""
    total_text = read(f"/proc/{pid}/stat")
    if total_text is None:
        raise RuntimeError(f"process {pid} is gone")
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        base = f"/proc/{pid}/task/{tid}"
        stat, comm, sched = read(base + "/stat"), read(base + "/comm"), read(base + "/schedstat")
        if stat is None or comm is None:
            continue  # ended between listdir and read
        if sched:
            run_ns, wait_ns = (int(x) for x in sched.split()[:2])
        else:  # no schedstat (a kernel without CONFIG_SCHED_INFO): utime+stime, no waits
            run_ns, wait_ns = stat_ticks(stat) * 1_000_000_000 // TICK, 0
        threads[tid] = (comm.strip(), run_ns, wait_ns)
    return {"total": stat_ticks(total_text), "threads": threads}


def machine():
    """(busy, steal) ticks of the whole machine from /proc/stat (busy: user nice system irq softirq)."""
    fields = [int(x) for x in read("/proc/stat").splitlines()[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return user + nice + system + irq + softirq, steal


def snapshot(pids):
    return {"procs": {name: snapshot_process(pid) for name, pid in pids.items()}, "machine": machine(),
            "self": sum(os.times()[:2]), "at": time.perf_counter()}


def account(before, after):
    """CPU seconds per process and group, thread names' CPU, workers' schedstat and the machine's, between two
    snapshots."""
    cpu, names, sched, churn = {}, {}, {}, {}
    ours = 0.0
    for name, b in before["procs"].items():
        a = after["procs"][name]
        groups = dict.fromkeys(GROUPS, 0.0)
        per_name, live = {}, 0.0
        run_ms = wait_ms = 0.0
        for tid, (comm, run_ns, wait_ns) in a["threads"].items():
            _, run0, wait0 = b["threads"].get(tid, (comm, 0, 0))
            d = (run_ns - run0) / 1e9
            live += d
            groups[group_of(comm)] += d
            per_name[comm] = per_name.get(comm, 0.0) + d
            if group_of(comm) == "worker":
                run_ms += (run_ns - run0) / 1e6
                wait_ms += (wait_ns - wait0) / 1e6
        born = sorted(comm for tid, (comm, *_rest) in a["threads"].items() if tid not in b["threads"])
        died = sorted(comm for tid, (comm, *_rest) in b["threads"].items() if tid not in a["threads"])
        if born or died:
            churn[name] = {"born": born, "died": died}
        # The process total (utime+stime of all its threads, ended ones included) has a resolution of one tick;
        # the threads' own times come from schedstat, in ns. What the total has beyond them is the CPU of
        # threads that ended in the interval (or that started and ended within it), within one tick.
        groups["exited"] = max(0.0, (a["total"] - b["total"]) / TICK - live)
        groups["total"] = live + groups["exited"]
        groups["overhead"] = groups["total"] - groups["worker"]
        ours += groups["total"]
        cpu[name], names[name] = groups, per_name
        sched[name] = {"worker_run_ms": run_ms, "worker_wait_ms": wait_ms}
    busy = (after["machine"][0] - before["machine"][0]) / TICK
    steal = (after["machine"][1] - before["machine"][1]) / TICK
    client = after["self"] - before["self"]
    span = after["at"] - before["at"]
    return {"cpu": cpu, "names": names, "sched": sched, "churn": churn, "span_s": span,
            "machine": {"busy_s": busy, "steal_s": steal, "ours_s": ours, "client_s": client,
                        "others_s": busy - ours - client}}


def pids_of(run_dir):
    return {f[:-4]: int(read(os.path.join(run_dir, f)).strip())
            for f in sorted(os.listdir(run_dir)) if f.endswith(".pid")}


def task(limit, chunks, config):
    body = {"kernel": "primes", "params": {"limit": limit}, "chunks": chunks, "mode": config["mode"],
            "workers": config["workers"]}
    if "nodes" in config:
        body["nodes"] = config["nodes"]
    return body


def run_job(api, pids, body, expected, settle):
    """Runs one job with wait=true and accounts for it; returns the job's numbers."""
    s0 = snapshot(pids)
    load = load_average()
    t = time.perf_counter()
    record = api.json("POST", "/jobs?wait=true", body)
    client_ms = (time.perf_counter() - t) * 1000
    s1 = snapshot(pids)
    time.sleep(settle)
    s2 = snapshot(pids)
    if record["state"] != "SUCCEEDED" or record["result"]["count"] != expected:
        raise RuntimeError(f"job {record['id']} ended {record['state']} with {record.get('result')}, "
                           f"expected count {expected}")
    return {"wall_ms": record["timing"]["wallMs"], "compute_ms": record["timing"].get("computeMs"),
            "client_ms": client_ms, "load": load, "placement": record.get("placement"),
            "speculative": record.get("chunks", {}).get("speculative", 0), "retried": record.get("chunks", {}).get("retried", 0),
            "job": account(s0, s1), "after": account(s1, s2)}


CLUSTERS = {
    "one": {"nodes": 1, "workers": 2, "configs": [
        {"label": "threads w1", "mode": "threads", "workers": 1},
        {"label": "threads w2", "mode": "threads", "workers": 2},
        {"label": "slots w1", "mode": "slots", "workers": 1},
        {"label": "slots w2", "mode": "slots", "workers": 2}],
        "pairs": [("threads w1", "threads w2"), ("slots w1", "slots w2")]},
    "two": {"nodes": 2, "workers": 1, "configs": [
        {"label": "nodes 1", "mode": "threads", "workers": 1, "nodes": 1},
        {"label": "nodes 2", "mode": "threads", "workers": 1, "nodes": 2}],
        "pairs": [("nodes 1", "nodes 2")]},
}


def measure_cluster(key, args, expected):
    spec = CLUSTERS[key]
    run_dir = tempfile.mkdtemp(prefix=f"gridexec-cpu-account-{key}-")
    cluster = Cluster(run_dir, nodes=spec["nodes"], workers=spec["workers"])
    result = {"cluster": f"--nodes {spec['nodes']} --workers {spec['workers']}", "run_dir": run_dir,
              "jobs": {c["label"]: [] for c in spec["configs"]}}
    try:
        cluster.start()
        pids = pids_of(run_dir)
        log(key, "pids", pids)
        api = Api(cluster.url, timeout=120)
        for i in range(args.warmup):
            for config in spec["configs"]:
                run_job(api, pids, task(args.limit, args.chunks, config), expected, 0)
        log(key, "warmed up; idle sampling", args.idle, "s")
        s0 = snapshot(pids)
        time.sleep(args.idle)
        result["idle"] = account(s0, snapshot(pids))
        configs = spec["configs"]
        for r in range(args.repeats):
            order = configs[r % len(configs):] + configs[:r % len(configs)]
            for config in order:
                job = run_job(api, pids, task(args.limit, args.chunks, config), expected, args.settle)
                job["round"] = r
                result["jobs"][config["label"]].append(job)
                log(key, f"round {r}", config["label"], f"wall {job['wall_ms']} ms",
                    f"worker {sum(p['worker'] for p in job['job']['cpu'].values()):.2f} s",
                    f"overhead {sum(p['overhead'] for p in job['job']['cpu'].values()):.2f} s", "load", job["load"])
        api.close()
    finally:
        cluster.stop()
    return result


def med(jobs, fn):
    return median([fn(j) for j in jobs])


def summarize(key, data):
    """Medians per configuration, in a dict that the report and the JSON share."""
    spec = CLUSTERS[key]
    out = {}
    for config in spec["configs"]:
        jobs = data["jobs"][config["label"]]
        procs = list(jobs[0]["job"]["cpu"])
        s = {"n": len(jobs), "wall_ms": med(jobs, lambda j: j["wall_ms"]),
             "client_ms": med(jobs, lambda j: j["client_ms"]),
             "load": [j["load"].split()[0] for j in jobs]}
        for phase in ("job", "after"):
            s[phase] = {p: {g: med(jobs, lambda j, p=p, g=g: j[phase]["cpu"][p][g])
                            for g in GROUPS + ["total", "overhead"]} for p in procs}
            s[phase + "_sum"] = {g: med(jobs, lambda j, g=g: sum(j[phase]["cpu"][p][g] for p in procs))
                                 for g in GROUPS + ["total", "overhead"]}
        s["speculative"] = sum(j["speculative"] for j in jobs)
        s["split"] = [sorted((p["chunks"] for p in j["placement"] or []), reverse=True) for j in jobs]
        s["worker_run_ms"] = med(jobs, lambda j: sum(v["worker_run_ms"] for v in j["job"]["sched"].values()))
        s["worker_wait_ms"] = med(jobs, lambda j: sum(v["worker_wait_ms"] for v in j["job"]["sched"].values()))
        s["machine"] = {k: med(jobs, lambda j, k=k: j["job"]["machine"][k])
                        for k in ("busy_s", "steal_s", "ours_s", "client_s", "others_s")}
        s["span_s"] = med(jobs, lambda j: j["job"]["span_s"])
        # how full the machine was during the job: its busy CPU over all its vCPUs' time (1.0: no CPU idle)
        s["machine_full"] = med(jobs, lambda j: j["job"]["machine"]["busy_s"] / (os.cpu_count() * j["job"]["span_s"]))
        names = {}
        for j in jobs:
            for p, per in j["job"]["names"].items():
                for comm in per:
                    names.setdefault((p, comm), None)
        s["top_threads"] = sorted(
            ((p, comm, med(jobs, lambda j, p=p, c=comm: j["job"]["names"][p].get(c, 0.0))) for p, comm in names),
            key=lambda x: -x[2])[:12]
        churn = {}
        for j in jobs:
            for phase in ("job", "after"):
                for p, c in j[phase]["churn"].items():
                    for kind in ("born", "died"):
                        for comm in c[kind]:
                            churn[f"{p}/{comm} {kind}"] = churn.get(f"{p}/{comm} {kind}", 0) + 1
        s["churn"] = churn
        out[config["label"]] = s
    pairs = []
    for base, scaled in spec["pairs"]:
        b, s = out[base], out[scaled]
        w1, o1 = b["job_sum"]["worker"], b["job_sum"]["overhead"]
        w2, o2 = s["job_sum"]["worker"], s["job_sum"]["overhead"]
        t1, t2 = b["wall_ms"] / 1000, s["wall_ms"] / 1000
        pairs.append({
            "base": base, "scaled": scaled, "measured": t1 / t2,
            # overhead in parallel with the workers: 1 worker takes max(W1, (W1+O1)/2), 2 take (W2+O2)/2
            "bound_parallel": max(w1, (w1 + o1) / 2) / ((w2 + o2) / 2),
            # overhead serial, on the critical path: 1 worker takes W1+O1, 2 take W2/2+O2
            "bound_serial": (w1 + o1) / (w2 / 2 + o2),
            # the measured 1-worker wall over the least wall 2 workers can take on 2 vCPUs
            "bound_measured_t1": t1 / max(w2 / 2, (w2 + o2) / 2),
            "w1": w1, "o1": o1, "w2": w2, "o2": o2})
    return out, pairs


def fmt(x, digits=3):
    return f"{x:.{digits}f}"


def report(args, meta, results):
    lines = [f"# CPU accounting of the {args.limit:,} / {args.chunks}-chunk primes job on the cluster path", "",
             f"{meta['machine']}; {meta['jdk']}; started {meta['started']} UTC, ended {meta['ended']} UTC; "
             f"load average at start {meta['load_start']}, at end {meta['load_end']}.", "",
             f"`{meta['command']}`: {args.warmup} warm-up jobs per configuration, {args.repeats} interleaved "
             f"repeats, medians. CPU in seconds per job (schedstat run time of each thread, i.e. utime+stime in ns); `after` is the CPU "
             f"of the {args.settle} s after the answer.", "",
             "Columns: wall ms is the record's timing.wallMs, client ms the POST ?wait=true round trip; worker CPU "
             "is the gridexec-worker threads', overhead CPU every other thread of our JVMs (during the job); "
             "workers runnable-waiting is the schedstat time the worker threads were ready but had no CPU; machine "
             "busy is /proc/stat's busy time of all vCPUs during the job, machine full that over (vCPUs x wall), "
             "others' CPU the busy time less our JVMs' and this script's (other processes on the machine).", ""]
    for key, (summary, pairs, data) in results.items():
        procs = list(next(iter(summary.values()))["job"])
        lines += [f"## {data['cluster']}", "",
                  "| config | wall ms | client ms | worker CPU | overhead CPU | "
                  + " | ".join(f"{p} total" for p in procs)
                  + " | after (all) | workers runnable-waiting ms | machine busy | machine full | others' CPU | steal | load 1m |",
                  "|---" * (12 + len(procs)) + "|"]
        for label, s in summary.items():
            lines.append(
                f"| {label} | {s['wall_ms']:.0f} | {s['client_ms']:.0f} | {fmt(s['job_sum']['worker'])} | "
                f"{fmt(s['job_sum']['overhead'])} | "
                + " | ".join(fmt(s["job"][p]["total"]) for p in procs)
                + f" | {fmt(s['after_sum']['total'])} | {s['worker_wait_ms']:.0f} | {fmt(s['machine']['busy_s'])} | "
                f"{s['machine_full']:.2f} | "
                f"{fmt(s['machine']['others_s'])} | {fmt(s['machine']['steal_s'])} | "
                f"{min(s['load'], key=float)}–{max(s['load'], key=float)} |")
        lines += ["", "Overhead by process and thread group (CPU seconds per job, medians):", "",
                  "| config | process | " + " | ".join(g for g in GROUPS if g != "worker") + " | overhead |",
                  "|---" * (2 + len(GROUPS)) + "|"]
        for label, s in summary.items():
            for p in procs:
                c = s["job"][p]
                lines.append(f"| {label} | {p} | " + " | ".join(fmt(c[g]) for g in GROUPS if g != "worker")
                             + f" | {fmt(c['overhead'])} |")
        lines += ["", "Speedup, measured and bounded by the measured CPU (W worker CPU, O overhead CPU, per job):", "",
                  "| pair | W1 | O1 | W2 | O2 | measured | bound, O parallel | bound, O serial | T1 / max(W2/2, (W2+O2)/2) |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for p in pairs:
            lines.append(f"| {p['base']} → {p['scaled']} | {fmt(p['w1'])} | {fmt(p['o1'])} | {fmt(p['w2'])} | "
                         f"{fmt(p['o2'])} | {p['measured']:.2f}× | {p['bound_parallel']:.2f}× | "
                         f"{p['bound_serial']:.2f}× | {p['bound_measured_t1']:.2f}× |")
        lines += ["", "Busiest threads (by name; CPU seconds per job, medians):", ""]
        for label, s in summary.items():
            lines.append(f"- {label}: " + ", ".join(f"{p}/{c} {v:.3f}" for p, c, v in s["top_threads"] if v > 0))
        lines += ["", f"Threads started or ended during the jobs and their settle time (name: count over all "
                  f"{args.repeats} repeats):", ""]
        for label, s in summary.items():
            lines.append(f"- {label}: " + (", ".join(f"{k} {v}" for k, v in sorted(s["churn"].items())) or "none"))
        lines += ["", "Chunks per node and speculative copies (all repeats): " + "; ".join(
            f"{label}: {' '.join('/'.join(map(str, x)) for x in s['split'])}, {s['speculative']} speculative"
            for label, s in summary.items())]
        idle = data["idle"]
        busiest = sorted(((p, c, v) for p, per in idle["names"].items() for c, v in per.items()), key=lambda x: -x[2])
        lines += ["", f"Idle, warm ({args.idle} s, CPU ms per second): " + ", ".join(
            f"{p} {1000 * c['total'] / idle['span_s']:.1f} (hz {1000 * c['hazelcast'] / idle['span_s']:.1f}, "
            f"gc {1000 * c['gc'] / idle['span_s']:.1f})" for p, c in idle["cpu"].items())
            + f"; others on the machine {idle['machine']['others_s'] / idle['span_s']:.2f} CPU; busiest threads "
            + ", ".join(f"{p}/{c} {1000 * v / idle['span_s']:.1f}" for p, c, v in busiest[:6] if v > 0), ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured jobs per configuration")
    parser.add_argument("--limit", type=int, default=3_000_000)
    parser.add_argument("--chunks", type=int, default=48)
    parser.add_argument("--settle", type=float, default=0.5, help="seconds sampled after each answer")
    parser.add_argument("--idle", type=float, default=3.0, help="seconds of idle sampling per cluster")
    parser.add_argument("--clusters", default="one,two")
    parser.add_argument("--out", default=os.path.join(HERE, "results"))
    args = parser.parse_args()
    keys = choices(parser, "--clusters", args.clusters, list(CLUSTERS))
    jdk = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in read("/proc/cpuinfo").splitlines()
                if line.startswith("model name")), "?")
    meta = {"command": "bench/runtime/cpu-account.py " + " ".join(sys.argv[1:]),
            "machine": f"{os.cpu_count()} vCPUs ({cpu})", "jdk": jdk[1] if len(jdk) > 1 else "?",
            "started": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()), "load_start": load_average()}
    expected = primes_below(args.limit)
    results = {}
    for k in keys:
        data = measure_cluster(k, args, expected)
        summary, pairs = summarize(k, data)
        results[k] = (summary, pairs, data)
    meta["ended"] = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())
    meta["load_end"] = load_average()
    text = report(args, meta, results)
    print(text)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "cpu-account.md"), "w") as f:
        f.write(text + "\n")
    with open(os.path.join(args.out, "cpu-account.json"), "w") as f:
        json.dump({"meta": meta, "args": vars(args),
                   "results": {k: {"summary": s, "pairs": p, "data": d} for k, (s, p, d) in results.items()}},
                  f, indent=1, default=str)
    log("wrote", os.path.join(args.out, "cpu-account.md"))


if __name__ == "__main__":
    main()

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.runtime.RuntimeSettings;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.scheduler.JobRun;
import dev.gridexec.scheduler.LocalMember;
import dev.gridexec.scheduler.Member;
import dev.gridexec.scheduler.MemberJob;
import dev.gridexec.scheduler.Scheduler;
import dev.gridexec.scheduler.SchedulerSettings;
import dev.gridexec.wire.Isolation;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What admission and placement cost a 1-chunk job, measured inside the coordinator's scheduler (no HTTP, no
 * Hazelcast): a {@link Scheduler} with its default settings over two in-process nodes (real {@link NodeRuntime}s,
 * {@link LocalMember}) that announce a capacity of 2 workers each, so that every job goes through the gang
 * admission queue and placement as in a cluster. Jobs are submitted one after another (the queue is empty
 * when each arrives) and each is timed at four points:
 *
 * <pre>
 *   submit()   the call itself: room check, kernel lookup, the job, enqueue, admit, placement, start
 *   placed     submit() called -> the node's open() (adds the hand-off to the scheduler's thread and split)
 *   sent       submit() called -> the chunk handed to the node
 *   whole      submit() called -> the job's completion (record made)
 *   run        the chunk's compute time, as the node measured it
 * </pre>
 *
 * Then the same submit() call with DEPTH jobs queued in front (one capacity-1 node held by a sleeping job).
 * Usage (after `mvn -q -B package -DskipTests`):
 *
 * <pre>
 *   java -cp "client/target/gridexec-client.jar:client/target/lib/*" bench/scheduling/AdmissionLatency.java [JOBS] [WARMUP] [LIMIT] [DEPTH]
 * </pre>
 *
 * JOBS measured jobs per kernel (default 2000) after WARMUP unmeasured ones (default 1000); LIMIT the 1-chunk
 * primes job's limit (default 100000); DEPTH the queue depth of the last phase (default 1000). A benchmark,
 * not a test: quote the machine and its load beside the numbers.
 */
public class AdmissionLatency {

    /** A node of capacity {@code capacity} that notes when a job is opened on it and when its chunk arrives. */
    record TimedMember(Member inner, int capacity, Map<String, Long> opened, Map<String, Long> sent, Map<String, Long> computed)
            implements Member {

        TimedMember(Member inner, int capacity) {
            this(inner, capacity, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public MemberJob open(String jobId, Task task) {
            opened.putIfAbsent(jobId, System.nanoTime());
            MemberJob job = inner.open(jobId, task);
            return new MemberJob() {
                @Override
                public CompletableFuture<ChunkOutcome> submit(int index, Object input) {
                    sent.putIfAbsent(jobId, System.nanoTime());
                    return job.submit(index, input).whenComplete((outcome, thrown) -> {
                        if (outcome instanceof ChunkOutcome.Done done) {
                            computed.putIfAbsent(jobId, done.computeNanos());
                        }
                    });
                }

                @Override
                public void flush() {
                    job.flush();
                }

                @Override
                public int threads() {
                    return job.threads();
                }

                @Override
                public long startupMs() {
                    return job.startupMs();
                }

                @Override
                public boolean alive() {
                    return job.alive();
                }

                @Override
                public void close() {
                    job.close();
                }
            };
        }
    }

    static Task task(String kernel, Map<String, Object> params) {
        return new Task("admission-latency", kernel, params, 1, Mode.THREADS, 1, 1, 1, 5, 0, null, 3, null, 0, Isolation.KERNEL);
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        long limit = args.length > 2 ? Long.parseLong(args[2]) : 100_000;
        int depth = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        System.out.printf("java %s, %d processors, load average %s%n", Runtime.version(), Runtime.getRuntime().availableProcessors(),
                loadAverage());
        KernelResolver kernels = KernelResolver.withoutArtifacts(KernelCatalog.builtIn());
        List<NodeRuntime> runtimes = new ArrayList<>();
        List<TimedMember> members = new ArrayList<>();
        for (String name : List.of("node-a", "node-b")) {
            NodeRuntime runtime = new NodeRuntime(name, kernels, RuntimeSettings.of(2));
            runtimes.add(runtime);
            members.add(new TimedMember(new LocalMember(runtime), 2));
        }
        List<Member> view = List.copyOf(members);
        try (Scheduler scheduler = new Scheduler(kernels, () -> view, SchedulerSettings.defaults())) {
            measure(scheduler, members, "spin, 0 iterations (a chunk of next to no work)", task("spin", Map.of("iterations", 0)),
                    jobs, warmup);
            measure(scheduler, members, "primes, limit " + limit + ", 1 chunk", task("primes", Map.of("limit", limit)), jobs, warmup);
        }
        deepQueue(kernels, depth);
        runtimes.forEach(NodeRuntime::close);
    }

    static void measure(Scheduler scheduler, List<TimedMember> members, String what, Task task, int jobs, int warmup)
            throws Exception {
        long[] call = new long[jobs];
        long[] placed = new long[jobs];
        long[] sent = new long[jobs];
        long[] whole = new long[jobs];
        long[] run = new long[jobs];
        String loadBefore = loadAverage();
        for (int i = -warmup; i < jobs; i++) {
            long t0 = System.nanoTime();
            JobRun job = scheduler.submit(task, JobListener.NONE);
            long t1 = System.nanoTime();
            JobRecord record = job.completion().get(60, TimeUnit.SECONDS);
            long t2 = System.nanoTime();
            if (record.state() != JobState.SUCCEEDED) {
                throw new IllegalStateException("job ended " + record.state() + ": " + record.error());
            }
            Long open = null;
            Long chunk = null;
            Long compute = null;
            for (TimedMember member : members) {
                open = open == null ? member.opened().remove(job.id()) : open;
                chunk = chunk == null ? member.sent().remove(job.id()) : chunk;
                compute = compute == null ? member.computed().remove(job.id()) : compute;
            }
            scheduler.forget(job.id());
            if (i < 0) {
                continue;
            }
            call[i] = t1 - t0;
            placed[i] = open - t0;
            sent[i] = chunk - t0;
            whole[i] = t2 - t0;
            run[i] = compute;
        }
        System.out.printf("%n%s: %d jobs one after another (after %d warm-up), load average before %s, after %s%n", what, jobs,
                warmup, loadBefore, loadAverage());
        System.out.printf("  %-52s %10s %10s %10s%n", "microseconds", "p50", "p90", "p99");
        row("submit() call: admission + placement + start", call);
        row("submit() -> job opened on its node (placed)", placed);
        row("submit() -> chunk handed to the node (sent)", sent);
        row("chunk compute time (as the node measured it)", run);
        row("submit() -> job ended (whole)", whole);
    }

    /** The submit() call of a job that queues behind {@code depth} others (one capacity-1 node held by a sleeping job). */
    static void deepQueue(KernelResolver kernels, int depth) throws Exception {
        NodeRuntime runtime = new NodeRuntime("node-q", kernels, RuntimeSettings.of(1));
        List<Member> one = List.of(new TimedMember(new LocalMember(runtime), 1));
        try (Scheduler scheduler = new Scheduler(kernels, () -> one, SchedulerSettings.defaults())) {
            JobRun hog = scheduler.submit(task("sleep", Map.of("millis", 600_000)), JobListener.NONE);
            Task spin = task("spin", Map.of("iterations", 0));
            for (int i = 0; i < depth; i++) { // warm-up: fill and empty the queue once
                scheduler.submit(spin, JobListener.NONE).cancel();
            }
            long[] call = new long[depth];
            List<JobRun> queued = new ArrayList<>();
            String loadBefore = loadAverage();
            for (int i = 0; i < depth; i++) {
                long t0 = System.nanoTime();
                queued.add(scheduler.submit(spin, JobListener.NONE));
                call[i] = System.nanoTime() - t0;
            }
            int last = queued.get(depth - 1).snapshot().queuePosition();
            long t0 = System.nanoTime();
            hog.cancel();
            for (JobRun job : queued) {
                JobRecord record = job.completion().get(120, TimeUnit.SECONDS);
                if (record.state() != JobState.SUCCEEDED) {
                    throw new IllegalStateException("queued job ended " + record.state() + ": " + record.error());
                }
            }
            long drain = System.nanoTime() - t0;
            System.out.printf("%nqueue of %d spin jobs behind a running one on a capacity-1 node (last one at queue position %d),"
                    + " load average before %s, after %s%n", depth, last, loadBefore, loadAverage());
            System.out.printf("  %-52s %10s %10s %10s%n", "microseconds", "p50", "p90", "p99");
            row("submit() call of a job that queues (0.." + (depth - 1) + " ahead)", call);
            System.out.printf("  the queue drained in %.0f ms: %.0f jobs/s, one node, one at a time%n", drain / 1e6,
                    depth / (drain / 1e9));
        } finally {
            runtime.close();
        }
    }

    static void row(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("  %-52s %10.1f %10.1f %10.1f%n", label, pct(sorted, 50) / 1e3, pct(sorted, 90) / 1e3, pct(sorted, 99) / 1e3);
    }

    static double pct(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}

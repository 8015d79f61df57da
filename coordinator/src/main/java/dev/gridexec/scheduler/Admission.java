package dev.gridexec.scheduler;

import dev.gridexec.wire.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The gang admission queue: a job starts only when {@code workers} free workers can be given to it on each
 * of its {@code nodes} nodes (fewer nodes when the cluster has fewer), else it waits, QUEUED.
 *
 * <p>Design: queued jobs are ordered by {@code priority} (higher first), then by submission (an adopted job keeps
 * the time it was first accepted). The head of the
 * queue is placed first and nothing passes it (no backfill): jobs declare no run time, so no smaller job can
 * be shown not to delay the head's start, and a head that waits is never starved by a stream of small jobs.
 * Placement takes the least-loaded nodes: most free workers, then fewest admitted jobs, then name. A node's
 * capacity is what its member announces ({@link Member#capacity()}); a member that announces none (0) is
 * never full. A job's workers are reserved on its nodes until it ends, so nothing else shares them; a task
 * asking more workers than its nodes can all give runs with what they can and a warning. Only nodes that can run
 * the job's kernel ({@link Member#runs}: python needs a node that announces it) are candidates. All methods are
 * synchronized; the lock order is this, then a job's.
 */
final class Admission {

    /** A queued job, in queue order. */
    private record Waiting(JobRun job, long sequence) {
    }

    private static final Comparator<Waiting> ORDER = Comparator
            .comparingInt((Waiting w) -> -w.job().task().priority())
            .thenComparingLong(w -> w.job().acceptedAtMillis()) // an adopted job keeps its place
            .thenComparingLong(Waiting::sequence);

    /** Workers and jobs admitted on one node. */
    private static final class Load {
        int workers;
        int jobs;
    }

    /** What a refused submission is told: try again in this many seconds. */
    static final int RETRY_AFTER_SECONDS = 2;

    private final Supplier<List<Member>> members;
    private final ClusterLoad cluster;
    private Map<String, Integer> elsewhere = Map.of(); // what other coordinators hold, as of this admission pass
    private final int maxJobs;
    private final long maxChunks;
    private final TreeSet<Waiting> queue = new TreeSet<>(ORDER);
    private final Map<String, Waiting> queued = new HashMap<>();
    private final Map<String, Load> loads = new HashMap<>();
    private final Map<String, Map<String, Integer>> reservations = new HashMap<>(); // job -> node -> workers
    private long sequence;
    private long queuedChunks;

    Admission(Supplier<List<Member>> members, int maxJobs, long maxChunks) {
        this(members, maxJobs, maxChunks, ClusterLoad.ALONE);
    }

    Admission(Supplier<List<Member>> members, int maxJobs, long maxChunks, ClusterLoad cluster) {
        this.members = members;
        this.cluster = cluster;
        this.maxJobs = maxJobs;
        this.maxChunks = maxChunks;
    }

    /** Refuses a task the queue has no room for: beyond the most queued jobs or queued chunks. */
    synchronized void checkRoom(int chunks) {
        if (queue.size() >= maxJobs) {
            throw new QueueFullException("the queue holds " + queue.size() + " jobs, the most it takes (max-queued-jobs);"
                    + " submit again later", RETRY_AFTER_SECONDS);
        }
        if (!queue.isEmpty() && queuedChunks + chunks > maxChunks) {
            throw new QueueFullException("the queued jobs hold " + queuedChunks + " chunks; " + chunks + " more would pass the"
                    + " most the queue takes, " + maxChunks + " (max-queued-chunks); submit again later", RETRY_AFTER_SECONDS);
        }
    }

    /** Queues a job and starts what can start. */
    synchronized void enqueue(JobRun job) {
        Waiting waiting = new Waiting(job, sequence++);
        queue.add(waiting);
        queued.put(job.id(), waiting);
        queuedChunks += job.task().chunks();
        job.queuePosition(() -> position(job.id()));
        admit();
    }

    synchronized int queuedJobs() {
        return queue.size();
    }

    synchronized long queuedChunks() {
        return queuedChunks;
    }

    /** 1 + the jobs ahead of this one in the queue; 0 when it is not queued. */
    synchronized int position(String jobId) {
        Waiting waiting = queued.get(jobId);
        return waiting == null ? 0 : queue.headSet(waiting).size() + 1;
    }

    /** A job ended (or was cancelled while queued): frees its workers and starts what can start. */
    synchronized void ended(JobRun job) {
        Waiting waiting = queued.remove(job.id());
        if (waiting != null) {
            queue.remove(waiting);
            queuedChunks -= job.task().chunks();
        }
        Map<String, Integer> held = reservations.remove(job.id());
        if (held != null) {
            cluster.release(job.id());
            held.forEach((node, workers) -> {
                Load load = loads.get(node);
                if (load != null) {
                    load.workers -= workers;
                    load.jobs--;
                }
            });
        }
        admit();
    }

    /** A node joined: queued jobs may start on it, then running jobs short of nodes may take it. */
    synchronized void joined(Member member, Iterable<JobRun> running) {
        admit();
        for (JobRun job : running) {
            if (job.ended() || reservations.get(job.id()) == null || reservations.get(job.id()).containsKey(member.name())
                    || !member.runs(job.task())) {
                continue;
            }
            int workers = job.task().workers();
            elsewhere = cluster.heldElsewhere();
            if (free(member) >= workers && job.offer(member)) {
                reserve(job, member, workers);
                cluster.hold(job.id(), Map.copyOf(reservations.get(job.id())));
            }
        }
    }

    /**
     * A node left: its workers are no longer held for any job here, so that it is offered to the running jobs again
     * when it comes back under the same name (a restart), as a node they never had.
     */
    synchronized void left(String node) {
        loads.remove(node);
        reservations.forEach((job, held) -> {
            if (held.remove(node) != null) {
                cluster.hold(job, Map.copyOf(held));
            }
        });
    }

    /** Starts queued jobs, head first, while the head fits. */
    synchronized void admit() {
        elsewhere = cluster.heldElsewhere();
        while (!queue.isEmpty()) {
            Waiting head = queue.first();
            JobRun job = head.job();
            Task task = job.task();
            List<Member> present = members.get();
            Task asked = task;
            List<Member> all = present.stream().filter(m -> m.runs(asked)).toList();
            List<Member> chosen = new ArrayList<>();
            int workers = task.workers();
            if (!all.isEmpty()) {
                int nodes = Math.min(task.nodes(), all.size());
                // the most workers that `nodes` nodes can all give: the nodes-th largest capacity
                int largest = all.stream().mapToInt(Member::capacity).map(c -> c <= 0 ? Integer.MAX_VALUE : c)
                        .boxed().sorted(Comparator.reverseOrder()).skip(nodes - 1L).findFirst().orElse(workers);
                if (workers > largest) {
                    job.warn("the task asked for " + workers + " workers per node but " + (nodes == 1 ? "no node has more than "
                            : "its " + nodes + " nodes cannot all give more than ") + largest + "; it ran with " + largest);
                    workers = largest;
                    task = withWorkers(task, workers);
                    job.retask(task);
                }
                int wanted = workers;
                List<Member> fits = all.stream().filter(m -> free(m) >= wanted)
                        .sorted(Comparator.comparingInt((Member m) -> -free(m))
                                .thenComparingInt(m -> load(m.name()).jobs)
                                .thenComparing(Member::name))
                        .toList();
                if (fits.size() < nodes) {
                    return; // the head waits, and nothing passes it
                }
                chosen.addAll(fits.subList(0, nodes));
                if (task.nodes() > all.size()) {
                    job.warn("the task asked for " + task.nodes() + " nodes but only " + all.size()
                            + (all.size() == present.size() ? (all.size() == 1 ? " exists" : " exist")
                            : " of the " + present.size() + " can run " + task.kernel() + " kernels")
                            + "; it ran on " + all.size());
                }
            }
            queue.pollFirst();
            queued.remove(job.id());
            queuedChunks -= job.task().chunks();
            reservations.put(job.id(), new HashMap<>());
            for (Member member : chosen) {
                reserve(job, member, workers);
            }
            cluster.hold(job.id(), Map.copyOf(reservations.get(job.id())));
            job.start(chosen);
        }
    }

    private void reserve(JobRun job, Member member, int workers) {
        reservations.get(job.id()).merge(member.name(), workers, Integer::sum);
        Load load = load(member.name());
        load.workers += workers;
        load.jobs++;
    }

    private Load load(String node) {
        return loads.computeIfAbsent(node, name -> new Load());
    }

    /**
     * Workers of the node not reserved by running jobs, this coordinator's and (as of this pass) the others'; unbounded
     * for a node that announces no capacity.
     */
    private int free(Member member) {
        int capacity = member.capacity();
        int held = load(member.name()).workers + elsewhere.getOrDefault(member.name(), 0);
        return capacity <= 0 ? Integer.MAX_VALUE - held : capacity - held;
    }

    private static Task withWorkers(Task t, int workers) {
        return new Task(t.name(), t.kernel(), t.params(), t.chunks(), t.mode(), workers, t.nodes(), t.threadsPerSlot(),
                t.switchIntervalMs(), t.seed(), t.timeout(), t.maxAttempts(), t.artifact(), t.priority(), t.isolation());
    }
}

package dev.gridexec.cluster;

import com.hazelcast.core.HazelcastInstance;
import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.runtime.JobSession;
import dev.gridexec.wire.BatchResult;
import dev.gridexec.wire.ChunkBatch;
import dev.gridexec.wire.KernelAnswer;
import dev.gridexec.wire.NodeLoad;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.runtime.Outcomes;
import dev.gridexec.wire.Task;
import dev.gridexec.wire.TaskCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's side of the cluster: runs the chunk batches members are sent on the node runtime, one job
 * session per job (opened by its first batch, closed when the job ends or sits idle), and drains before
 * the node leaves. Lives in the Hazelcast member's user context.
 */
public final class NodeService implements AutoCloseable {

    /** The user-context key the service is registered under. */
    public static final String KEY = "gridexec.node";

    private static final Logger LOG = LoggerFactory.getLogger(NodeService.class);
    private static final Duration IDLE_JOB = Duration.ofMinutes(10);

    private final NodeRuntime runtime;
    private final KernelCalls kernelCalls; // null: this node takes no kernel calls
    private final KernelCallRunner callRunner = new KernelCallRunner();
    private final Map<String, Opened> sessions = new ConcurrentHashMap<>();
    private final Set<String> ended = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    }));
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "gridexec-node-reaper");
        thread.setDaemon(true);
        return thread;
    });
    private final Object drainLock = new Object();
    private int batchesRunning; // guarded by drainLock
    private volatile boolean draining;
    private volatile ChunkObserver chunkObserver = ChunkObserver.NONE;

    /** A job opened on this node. */
    private static final class Opened {
        final JobSession session;
        final Task task;
        final long startupNanos;
        final AtomicBoolean startupReported = new AtomicBoolean();
        final AtomicInteger batches = new AtomicInteger();
        volatile long lastUsedNanos = System.nanoTime();

        Opened(JobSession session, Task task, long startupNanos) {
            this.session = session;
            this.task = task;
            this.startupNanos = startupNanos;
        }
    }

    /** A node that runs chunks only: kernel calls (params, split, reduce) are answered as failed. */
    public NodeService(NodeRuntime runtime) {
        this(runtime, null);
    }

    /** A node that runs chunks on {@code runtime} and a job's params check, split and reduce through {@code kernelCalls}. */
    public NodeService(NodeRuntime runtime, KernelCalls kernelCalls) {
        this.runtime = runtime;
        this.kernelCalls = kernelCalls;
        reaper.scheduleWithFixedDelay(this::closeIdleJobs, 1, 1, TimeUnit.MINUTES);
    }

    /** The service of a gridexec node's Hazelcast member. */
    public static NodeService of(HazelcastInstance hazelcast) {
        NodeService service = find(hazelcast);
        if (service == null) {
            throw new IllegalStateException("member " + hazelcast.getName() + " is not a gridexec node");
        }
        return service;
    }

    /** The service, or null on a member that runs no chunks (the coordinator). */
    public static NodeService find(HazelcastInstance hazelcast) {
        return (NodeService) hazelcast.getUserContext().get(KEY);
    }

    /** The node's name. */
    public String name() {
        return runtime.name();
    }

    /** Capacity, busy workers, open jobs, warm slots per kernel, CPU load, heap and whether it drains, on this node now. */
    public NodeLoad load() {
        return runtime.load().withDraining(draining);
    }

    /** Jobs with an open session on this node. */
    public int runningJobs() {
        return sessions.size();
    }

    /** Whether the node has stopped taking work. */
    public boolean draining() {
        return draining;
    }

    /** Tells {@code observer} every chunk's run time from now on (the node's metrics). */
    public void observeChunks(ChunkObserver observer) {
        this.chunkObserver = observer;
    }

    /** Runs a batch to the end of its last chunk. */
    BatchResult run(ChunkBatch batch) {
        String jobId = batch.jobId();
        int[] indices = batch.indices();
        synchronized (drainLock) {
            if (draining) {
                return rejected(indices, "node " + name() + " is shutting down");
            }
            batchesRunning++;
        }
        try {
            if (ended.contains(jobId)) {
                return rejected(indices, "job " + jobId + " has ended");
            }
            Opened opened;
            try {
                opened = sessions.computeIfAbsent(jobId, id -> open(id, batch.task()));
            } catch (RuntimeException e) {
                LOG.warn("job {}: cannot open it on {}: {}", jobId, name(), e.toString());
                return rejected(indices, "node " + name() + " could not open the job: " + Outcomes.describe(e));
            }
            opened.lastUsedNanos = System.nanoTime();
            opened.batches.incrementAndGet();
            try {
                return runOn(opened, indices, batch.inputs());
            } finally {
                opened.batches.decrementAndGet();
                opened.lastUsedNanos = System.nanoTime();
            }
        } finally {
            synchronized (drainLock) {
                batchesRunning--;
                drainLock.notifyAll();
            }
        }
    }

    private BatchResult runOn(Opened opened, int[] indices, byte[][] inputs) {
        int n = indices.length;
        byte[] kinds = new byte[n];
        byte[][] outputs = new byte[n][];
        String[] messages = new String[n];
        long[] computeNanos = new long[n];
        List<CompletableFuture<ChunkOutcome>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            futures.add(opened.session.submitEncoded(indices[i], inputs[i])); // bytes go to the worker as they came
        }
        for (int i = 0; i < n; i++) {
            ChunkOutcome outcome = futures.get(i).join();
            computeNanos[i] = outcome.computeNanos();
            if (outcome instanceof ChunkOutcome.Done done) {
                outputs[i] = (byte[]) done.output(); // encoded on the worker (in a slot, by the slot's own classes)
                kinds[i] = BatchResult.DONE;
            } else if (outcome instanceof ChunkOutcome.Failed failed) {
                kinds[i] = failed.fatal() ? BatchResult.FATAL : BatchResult.FAILED;
                messages[i] = failed.message();
            } else {
                kinds[i] = BatchResult.CANCELLED;
                messages[i] = "stopped on " + name();
            }
        }
        chunkObserver.ran(opened.task.kernel(), opened.task.mode().wireName(), computeNanos);
        long startup = opened.startupReported.compareAndSet(false, true) ? opened.startupNanos : 0;
        return new BatchResult(indices, kinds, outputs, messages, computeNanos, startup);
    }

    /**
     * Runs one call of {@code task}'s kernel (its params check, split or reduce) on the node's pool for kernel calls,
     * for at most {@code timeout}; see {@link KernelCallRunner}. Never throws: what went wrong is the answer.
     */
    KernelAnswer call(KernelCall.Kind kind, Task task, byte[][] outputs, Duration timeout) {
        if (kernelCalls == null) {
            return KernelAnswer.failed(KernelAnswer.BUSY, "node " + name() + " runs no kernel calls");
        }
        if (draining) {
            return KernelAnswer.failed(KernelAnswer.BUSY, "node " + name() + " is shutting down");
        }
        return switch (kind) {
            case PARAMS -> callRunner.run("params", timeout, () -> kernelCalls.check(task));
            case SPLIT -> callRunner.run("split", timeout, () -> kernelCalls.split(task));
            case REDUCE -> callRunner.run("reduce", timeout, () -> kernelCalls.reduce(task, outputs));
        };
    }

    /** Ends a job here: its chunks stop at their next checkpoint and its slots go back to the pool. Idempotent. */
    public void end(String jobId) {
        ended.add(jobId);
        Opened opened = sessions.remove(jobId);
        if (opened != null) {
            opened.session.close();
        }
    }

    /**
     * Stops taking batches and waits up to {@code timeout} for the running ones to finish, so that the
     * node hands back no half-done work; batches sent after this are rejected and run elsewhere.
     *
     * @return whether every running batch finished in time
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (drainLock) {
            draining = true;
            while (batchesRunning > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(drainLock, left);
            }
            return true;
        }
    }

    /** Stops the kernel calls (their child processes), ends every job here and closes the node runtime (its workers and warm slots). */
    @Override
    public void close() {
        reaper.shutdownNow();
        callRunner.close();
        if (kernelCalls != null) {
            kernelCalls.close();
        }
        for (String jobId : List.copyOf(sessions.keySet())) {
            end(jobId);
        }
        runtime.close();
    }

    private Opened open(String jobId, byte[] taskBytes) {
        Task task = TaskCodec.decode(taskBytes);
        long start = System.nanoTime();
        JobSession session = runtime.open(jobId, task);
        LOG.info("job {}: opened on {} ({} {} workers of the node's {})", jobId, name(), session.threads(),
                task.mode().wireName(), runtime.capacity());
        return new Opened(session, task, System.nanoTime() - start);
    }

    private void closeIdleJobs() {
        long now = System.nanoTime();
        sessions.forEach((jobId, opened) -> {
            if (opened.batches.get() == 0 && now - opened.lastUsedNanos > IDLE_JOB.toNanos()) {
                LOG.info("job {}: idle on {} for {}, closing it", jobId, name(), IDLE_JOB);
                end(jobId);
            }
        });
    }

    private static BatchResult rejected(int[] indices, String why) {
        int n = indices.length;
        byte[] kinds = new byte[n];
        String[] messages = new String[n];
        java.util.Arrays.fill(kinds, BatchResult.REJECTED);
        java.util.Arrays.fill(messages, why);
        return new BatchResult(indices, kinds, new byte[n][], messages, new long[n], 0);
    }
}

package dev.gridexec.runtime;

import dev.gridexec.runtime.gil.GilModel;
import dev.gridexec.runtime.slots.SlotsModel;
import dev.gridexec.runtime.threads.ThreadsModel;
import dev.gridexec.task.Mode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's execution model on one node: worker threads, each bound to an {@link Interpreter}, taking
 * chunks from one queue in submission order. Which interpreters the threads get is all that tells
 * {@code threads}, {@code slots} and {@code gil} apart. Once closed and its last thread has stopped, it
 * closes its interpreters (a slot's class loader goes then) and completes {@link #stopped()}.
 */
public final class ExecutionModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionModel.class);

    private static final Map<Mode, ModelFactory> FACTORIES = new EnumMap<>(Map.of(
            Mode.THREADS, new ThreadsModel(),
            Mode.SLOTS, new SlotsModel(),
            Mode.GIL, new GilModel()));

    private record Pending(ChunkWork work, CompletableFuture<ChunkOutcome> result) {
    }

    private static final Pending STOP = new Pending(null, null);

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Set<Interpreter> interpreters = Collections.newSetFromMap(new IdentityHashMap<>());
    private final AtomicInteger running = new AtomicInteger();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final Startup startup;
    private boolean closed; // guarded by this

    private ExecutionModel(ModelSettings settings, JobScope job) {
        long begin = System.nanoTime();
        ModelFactory.Interpreters built = FACTORIES.get(settings.mode()).build(settings, job);
        interpreters.addAll(built.perThread());
        String prefix = "gridexec-" + settings.mode().wireName() + "-" + shortId(job.jobId()) + "-";
        for (int i = 0; i < built.perThread().size(); i++) {
            Interpreter interpreter = built.perThread().get(i);
            Thread thread = new Thread(() -> work(interpreter), prefix + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        running.set(threads.size());
        threads.forEach(Thread::start);
        this.startup = new Startup(System.nanoTime() - begin, built.slotNanos());
    }

    /** Builds and starts the model that {@code settings} names for {@code job}. */
    public static ExecutionModel start(ModelSettings settings, JobScope job) {
        return new ExecutionModel(settings, job);
    }

    /** Queues a chunk; the future completes with its outcome, on a worker thread. */
    public synchronized CompletableFuture<ChunkOutcome> submit(ChunkWork work) {
        CompletableFuture<ChunkOutcome> result = new CompletableFuture<>();
        if (closed) {
            result.complete(new ChunkOutcome.Cancelled(0));
            return result;
        }
        queue.add(new Pending(work, result));
        return result;
    }

    /** How many worker threads the model runs: the most chunks that can be inside it at once. */
    public int threads() {
        return threads.size();
    }

    /** Completes once the model is closed, its threads have all stopped and its interpreters are closed. */
    public CompletableFuture<Void> stopped() {
        return stopped.copy();
    }

    /** What building the model cost. */
    public Startup startup() {
        return startup;
    }

    /** Stops the workers once their current chunk ends; queued chunks complete as cancelled. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        for (Pending pending : left) {
            pending.result().complete(new ChunkOutcome.Cancelled(0));
        }
        for (int i = 0; i < threads.size(); i++) {
            queue.add(STOP);
        }
    }

    private void work(Interpreter interpreter) {
        try {
            runChunks(interpreter);
        } finally {
            if (running.decrementAndGet() == 0) {
                closeInterpreters();
            }
        }
    }

    private void closeInterpreters() {
        for (Interpreter interpreter : interpreters) {
            try {
                interpreter.close();
            } catch (RuntimeException e) {
                LOG.warn("closing an interpreter failed", e);
            }
        }
        interpreters.clear();
        stopped.complete(null);
    }

    private void runChunks(Interpreter interpreter) {
        while (true) {
            Pending pending;
            try {
                pending = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (pending == STOP) {
                return;
            }
            Thread.interrupted(); // a cancel aimed at the previous chunk's wait must not hit this one
            ChunkOutcome outcome;
            try {
                outcome = interpreter.run(pending.work());
            } catch (Throwable unexpected) {
                LOG.error("interpreter failed outside the kernel", unexpected);
                outcome = new ChunkOutcome.Failed(Outcomes.describe(unexpected), true, 0);
            }
            pending.result().complete(outcome);
        }
    }

    private static String shortId(String jobId) {
        return jobId.length() <= 8 ? jobId : jobId.substring(0, 8);
    }
}

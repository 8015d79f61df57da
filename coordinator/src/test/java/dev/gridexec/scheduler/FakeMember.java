package dev.gridexec.scheduler;

import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.wire.Task;
import dev.gridexec.testkernels.ProbeKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToLongFunction;
import java.util.concurrent.locks.LockSupport;

/**
 * A node for scheduler tests that runs the probe kernel's {@code state} chunks (output = chunk index) on
 * its own threads, taking {@code costNanos(chunk)} per chunk, and answers a batch only when its last chunk
 * ends (as a remote node does).
 */
final class FakeMember implements Member, AutoCloseable {

    private final String name;
    private final int threads;
    private volatile IntToLongFunction costNanos;
    private final ExecutorService workers;
    private final int capacity;
    final AtomicInteger ran = new AtomicInteger();
    /** Job ids in the order they were opened here. */
    final List<String> opened = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Jobs open here now, and the most at once. */
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger maxOpen = new AtomicInteger();
    /** While set, every chunk waits for it (at most 30 s) before it runs. */
    volatile java.util.concurrent.CountDownLatch gate;
    /** Which tasks' kernels this node can run ({@link Member#runs}); all of them unless a test says otherwise. */
    volatile java.util.function.Predicate<Task> runs = task -> true;
    /** Chunks this node never finishes (they hold a worker until the node is closed). */
    volatile java.util.function.IntPredicate hangs = chunk -> false;
    /** Chunk indices this node ran to their end, in order. */
    final List<Integer> finished = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Chunk indices submitted here, in order. */
    final List<Integer> submitted = java.util.Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);
    /** One permit per chunk run to its end here. */
    private final java.util.concurrent.Semaphore finishedPermits = new java.util.concurrent.Semaphore(0);
    /** Answers not given yet, failed at once by {@link #kill}. */
    private final List<CompletableFuture<ChunkOutcome>> unanswered = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean dead;

    FakeMember(String name, int threads, IntToLongFunction costNanos) {
        this(name, threads, 0, costNanos);
    }

    /** A node of {@code capacity} workers (0: announces none). */
    FakeMember(String name, int threads, int capacity, IntToLongFunction costNanos) {
        this.name = name;
        this.threads = threads;
        this.capacity = capacity;
        this.costNanos = costNanos;
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "fake-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Changes what each chunk costs from now on. */
    void cost(IntToLongFunction costNanos) {
        this.costNanos = costNanos;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public boolean runs(Task task) {
        return runs.test(task);
    }

    @Override
    public MemberJob open(String jobId, Task task) {
        opened.add(jobId);
        maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        return new MemberJob() {
            private boolean closed;

            private final List<Integer> queued = new ArrayList<>();
            private final List<CompletableFuture<ChunkOutcome>> results = new ArrayList<>();

            @Override
            public synchronized CompletableFuture<ChunkOutcome> submit(int index, Object input) {
                CompletableFuture<ChunkOutcome> result = new CompletableFuture<>();
                queued.add(((ProbeKernel.Input) input).chunk());
                submitted.add(index);
                results.add(result);
                unanswered.add(result);
                if (dead) { // as a remote job hands back what it can no longer send
                    result.complete(new ChunkOutcome.Refused("node " + name + " left the job before the batch was sent"));
                }
                return result;
            }

            @Override
            public boolean alive() {
                return !dead;
            }

            @Override
            public synchronized void flush() {
                List<Integer> batch = List.copyOf(queued);
                List<CompletableFuture<ChunkOutcome>> answers = List.copyOf(results);
                queued.clear();
                results.clear();
                List<CompletableFuture<ChunkOutcome>> runs = new ArrayList<>();
                for (int chunk : batch) {
                    runs.add(CompletableFuture.supplyAsync(() -> run(chunk), workers));
                }
                CompletableFuture.allOf(runs.toArray(new CompletableFuture<?>[0])).whenComplete((ignored, thrown) -> {
                    for (int i = 0; i < answers.size(); i++) {
                        answers.get(i).complete(runs.get(i).join());
                    }
                });
            }

            @Override
            public int threads() {
                return threads;
            }

            @Override
            public long startupMs() {
                return 0;
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    open.decrementAndGet();
                }
            }
        };
    }

    private ChunkOutcome run(int chunk) {
        java.util.concurrent.CountDownLatch waitFor = gate;
        if (waitFor != null) {
            try {
                waitFor.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ChunkOutcome.Cancelled(0);
            }
        }
        if (hangs.test(chunk)) {
            try {
                closing.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ChunkOutcome.Cancelled(0);
        }
        long start = System.nanoTime();
        long cost = costNanos.applyAsLong(chunk);
        long end = start + cost;
        for (long left = cost; left > 0 && !Thread.currentThread().isInterrupted(); left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        ran.incrementAndGet();
        finished.add(chunk);
        finishedPermits.release();
        return new ChunkOutcome.Done(new ProbeKernel.Output(chunk, chunk), System.nanoTime() - start);
    }

    /** Waits (at most 30 s) until {@code chunks} chunks have run to their end here. */
    void awaitFinished(int chunks) throws InterruptedException {
        if (!finishedPermits.tryAcquire(chunks, 30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " finished " + finished.size() + " chunks in 30 s, not " + chunks);
        }
        finishedPermits.release(chunks);
    }

    /**
     * The node dies as a remote one does: its jobs are no longer alive and every chunk not answered yet fails at once
     * (in this thread, so the scheduler has heard of it when this returns); what its threads finish later is ignored.
     */
    void kill() {
        dead = true;
        for (CompletableFuture<ChunkOutcome> answer : unanswered) {
            answer.completeExceptionally(new IllegalStateException("node " + name + " left the cluster"));
        }
        closing.countDown();
    }

    @Override
    public void close() {
        closing.countDown();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.gridexec.members;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that take the nodes' batch results on the coordinator (decode the outputs, complete the chunks, and so
 * dispatch the next batch). Hazelcast runs a submission's callbacks on the JDK's common pool, or, where that pool has
 * one thread (the common pool's parallelism is processors - 1: one on a 2-vCPU machine), on a new thread per callback:
 * ~50 thread starts per 48-chunk job there (docs/PERFORMANCE.md, "Where the CPU goes"). These are made once, as many
 * as the processors (at least 2), daemons, for the life of the JVM.
 */
final class BatchCallbacks {

    private static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "gridexec-batch-results-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private BatchCallbacks() {
    }

    /** Where batch results are handled. */
    static Executor executor() {
        return POOL;
    }
}

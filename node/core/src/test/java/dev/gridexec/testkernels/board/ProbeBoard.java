package dev.gridexec.testkernels.board;

import java.util.Collections;
import java.lang.ref.WeakReference;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What probe kernels observed, kept outside the kernels' package so that every slot reports to the same
 * board (slots define {@code dev.gridexec.testkernels} anew, not this package).
 */
public final class ProbeBoard {

    /** Every distinct static-state object the probe saw: one per slot, or one shared. */
    public static final Set<Object> STATES = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    public static final AtomicInteger ACTIVE = new AtomicInteger();
    public static final AtomicInteger MAX_ACTIVE = new AtomicInteger();
    public static final AtomicInteger WAITING = new AtomicInteger();
    public static final AtomicInteger MAX_WAITING = new AtomicInteger();
    public static final AtomicInteger STARTED = new AtomicInteger();
    /** Released once by every chunk that reaches the gate ({@code gate} action). */
    public static final Semaphore ENTERED = new Semaphore(0);
    /** Class loaders that defined a counting kernel, one per slot (or one shared). */
    public static final List<WeakReference<ClassLoader>> LOADERS = new CopyOnWriteArrayList<>();
    /** Chunks at the gate wait until it opens ({@code gate} action). */
    private static volatile CountDownLatch gate = new CountDownLatch(1);
    /** Attempts seen per chunk index. */
    public static final java.util.Map<Integer, Integer> ATTEMPTS = new java.util.concurrent.ConcurrentHashMap<>();

    private ProbeBoard() {
    }

    public static void reset() {
        STATES.clear();
        ACTIVE.set(0);
        MAX_ACTIVE.set(0);
        WAITING.set(0);
        MAX_WAITING.set(0);
        STARTED.set(0);
        ATTEMPTS.clear();
        ENTERED.drainPermits();
        LOADERS.clear();
        gate = new CountDownLatch(1);
    }

    /** The gate chunks wait at; open it with {@code countDown()}. */
    public static CountDownLatch gate() {
        return gate;
    }

    public static void enter(AtomicInteger counter, AtomicInteger max) {
        int now = counter.incrementAndGet();
        max.accumulateAndGet(now, Math::max);
    }
}

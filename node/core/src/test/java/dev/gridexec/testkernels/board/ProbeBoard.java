package dev.gridexec.testkernels.board;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
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
    }

    public static void enter(AtomicInteger counter, AtomicInteger max) {
        int now = counter.incrementAndGet();
        max.accumulateAndGet(now, Math::max);
    }
}

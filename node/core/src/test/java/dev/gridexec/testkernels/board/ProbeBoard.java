package dev.gridexec.testkernels.board;

import java.util.Collections;
import java.lang.ref.WeakReference;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
    public static final AtomicInteger FINISHED = new AtomicInteger();
    private static final Object SIGNAL = new Object();
    /** Attempts seen per chunk index. */
    public static final java.util.Map<Integer, Integer> ATTEMPTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Warm-ups a {@code WarmingKernel} made (one per slot a node made ahead of its jobs). */
    public static final AtomicInteger WARM_UPS = new AtomicInteger();
    /** {@code WarmingKernel} instances closed (by the slots that held them). */
    public static final AtomicInteger KERNELS_CLOSED = new AtomicInteger();
    /** While set, a {@code WarmingKernel}'s warm-up throws. */
    public static volatile boolean failWarmUp;

    private ProbeBoard() {
    }

    public static void reset() {
        STATES.clear();
        ACTIVE.set(0);
        MAX_ACTIVE.set(0);
        WAITING.set(0);
        MAX_WAITING.set(0);
        STARTED.set(0);
        FINISHED.set(0);
        ATTEMPTS.clear();
        ENTERED.drainPermits();
        LOADERS.clear();
        WARM_UPS.set(0);
        KERNELS_CLOSED.set(0);
        failWarmUp = false;
        gate = new CountDownLatch(1);
    }

    /** The gate chunks wait at; open it with {@code countDown()}. */
    public static CountDownLatch gate() {
        return gate;
    }

    /** Counts one chunk started and wakes {@link #awaitStarted}. */
    public static void started() {
        count(STARTED);
    }

    /** Counts one chunk that returned or threw (cancelled included) and wakes {@link #awaitFinished}. */
    public static void finished() {
        count(FINISHED);
    }

    /** Waits (without spinning) until at least {@code count} chunks have started; false when {@code timeout} passed first. */
    public static boolean awaitStarted(int count, Duration timeout) throws InterruptedException {
        return awaitAtLeast(STARTED, count, timeout);
    }

    /** Waits (without spinning) until at least {@code count} chunks have finished; false when {@code timeout} passed first. */
    public static boolean awaitFinished(int count, Duration timeout) throws InterruptedException {
        return awaitAtLeast(FINISHED, count, timeout);
    }

    private static void count(AtomicInteger counter) {
        synchronized (SIGNAL) {
            counter.incrementAndGet();
            SIGNAL.notifyAll();
        }
    }

    private static boolean awaitAtLeast(AtomicInteger counter, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (SIGNAL) {
            while (counter.get() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(SIGNAL, left);
            }
            return true;
        }
    }

    /** Counts one more in {@code counter}, keeps {@code max} its highest, and wakes the waits on the board. */
    public static void enter(AtomicInteger counter, AtomicInteger max) {
        synchronized (SIGNAL) {
            int now = counter.incrementAndGet();
            max.accumulateAndGet(now, Math::max);
            SIGNAL.notifyAll();
        }
    }

    /** Waits (without spinning) until at least {@code count} chunks are in a blocking wait; false when {@code timeout} passed first. */
    public static boolean awaitWaiting(int count, Duration timeout) throws InterruptedException {
        return awaitAtLeast(WAITING, count, timeout);
    }
}

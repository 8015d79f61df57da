package dev.gridexec.runtime.slots;

import dev.gridexec.catalog.ResolvedKernel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's warm slots, pooled per kernel identity (a built-in kernel's name, or an artifact's sha256 and the
 * kernel's class name), as CPython's {@code InterpreterPoolExecutor} keeps its interpreters across tasks. A
 * slots job takes idle slots of its kernel (the most recently used first) or new ones, and gives them back when
 * it ends. Idle slots go, and their class loaders with them, once unused for the idle timeout, beyond
 * {@code maxIdle} idle slots over all kernels (least recently used first), when their artifact leaves the node's
 * artifact cache, and when the pool closes. Slots of a job that asked for {@code "isolation": "job"} are the
 * job's own: new, and closed when it ends.
 */
public final class SlotPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlotPool.class);

    /** One thread for the whole JVM that sweeps every pool's idle slots. */
    private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "gridexec-slot-sweeper");
        thread.setDaemon(true);
        return thread;
    });

    private final String nodeName;
    private final int maxIdle;
    private final long idleNanos;
    private final LongSupplier clock;
    private final List<Slot> idle = new ArrayList<>(); // guarded by this; least recently given back first
    private final Map<String, Integer> live = new HashMap<>(); // guarded by this; idle + leased, per kernel
    private final ScheduledFuture<?> sweeping;
    private long serial; // guarded by this
    private boolean closed; // guarded by this

    /** A pool swept by the JVM's sweeper every half idle timeout (between 1 s and 60 s). */
    public SlotPool(String nodeName, int maxIdle, Duration idleTimeout) {
        this(nodeName, maxIdle, idleTimeout, System::nanoTime, true);
    }

    /** A pool on {@code clock}; without {@code sweep}, idle slots time out only when {@link #evictIdle()} is called. */
    SlotPool(String nodeName, int maxIdle, Duration idleTimeout, LongSupplier clock, boolean sweep) {
        this.nodeName = nodeName;
        this.maxIdle = maxIdle;
        this.idleNanos = idleTimeout.toNanos();
        this.clock = clock;
        long periodMs = Math.max(1_000, Math.min(60_000, idleTimeout.toMillis() / 2));
        this.sweeping = sweep ? SWEEPER.scheduleWithFixedDelay(this::evictIdle, periodMs, periodMs, TimeUnit.MILLISECONDS) : null;
    }

    /** The identity slots of {@code source} are pooled under. */
    static String kernelKey(ResolvedKernel source) {
        return source.artifact().map(a -> a.sha256() + "/" + source.kernelClass().getName()).orElse(source.name());
    }

    /** An idle slot of {@code kernelKey} if there is one and {@code fresh} is false, else a new, empty slot. */
    synchronized Slot take(String kernelKey, boolean fresh) {
        if (!fresh) {
            for (int i = idle.size() - 1; i >= 0; i--) {
                if (idle.get(i).kernelKey().equals(kernelKey)) {
                    return idle.remove(i);
                }
            }
        }
        live.merge(kernelKey, 1, Integer::sum);
        return new Slot(nodeName + "-slot-" + serial++, kernelKey, !fresh);
    }

    /**
     * Makes one slot of {@code source}'s kernel before any job asks for it (see {@link Slot#prebuild}) and keeps it
     * idle, warm, unless the kernel already has a slot or the pool keeps none. Says whether it made one; a kernel that
     * fails to build or warm up is logged and leaves no slot.
     */
    public boolean prewarm(ResolvedKernel source) {
        String key = kernelKey(source);
        Slot slot;
        synchronized (this) {
            if (closed || maxIdle == 0 || live.getOrDefault(key, 0) > 0) {
                return false;
            }
            slot = take(key, false);
        }
        boolean made = false;
        try {
            long nanos = slot.prebuild(source);
            made = true;
            LOG.info("{}: made a warm slot of {} in {} ms, before any job asked for one", nodeName, key, nanos / 1_000_000);
        } catch (RuntimeException | Error e) {
            LOG.warn("{}: could not make a warm slot of {} ahead of its jobs: {}", nodeName, key, e.toString());
        }
        giveBack(slot); // kept warm if built, else closed
        return made;
    }

    /** Takes back a slot its job is done with (no thread runs in it): kept warm if fit and pooled, else closed. */
    void giveBack(Slot slot) {
        boolean fit = slot.giveBack();
        List<Slot> leaving = new ArrayList<>();
        synchronized (this) {
            if (fit && slot.pooled() && !closed && maxIdle > 0) {
                slot.idleSince(clock.getAsLong());
                idle.add(slot);
                while (idle.size() > maxIdle) {
                    leaving.add(forget(idle.remove(0)));
                }
            } else {
                leaving.add(forget(slot));
            }
        }
        closeAll(leaving, "given back");
    }

    /** Closes idle slots unused for the idle timeout. */
    public void evictIdle() {
        long now = clock.getAsLong();
        closeAll(remove(slot -> now - slot.idleSinceNanos() >= idleNanos), "idle");
    }

    /** Closes the idle slots of kernels from the artifact {@code sha256} (it left the node's artifact cache). */
    public void evictArtifact(String sha256) {
        closeAll(remove(slot -> slot.kernelKey().startsWith(sha256 + "/")), "artifact evicted");
    }

    /** Warm slots (idle or leased) per kernel identity. */
    public synchronized Map<String, Integer> warmSlots() {
        return Map.copyOf(live);
    }

    /** Idle warm slots over all kernels. */
    public synchronized int idleSlots() {
        return idle.size();
    }

    /** Closes every idle slot; slots given back later are closed too. */
    @Override
    public void close() {
        List<Slot> leaving;
        synchronized (this) {
            closed = true;
            leaving = new ArrayList<>(idle);
            idle.clear();
            leaving.forEach(this::forget);
        }
        if (sweeping != null) {
            sweeping.cancel(false);
        }
        closeAll(leaving, "pool closed");
    }

    private synchronized List<Slot> remove(Predicate<Slot> leaving) {
        List<Slot> removed = new ArrayList<>();
        for (Iterator<Slot> it = idle.iterator(); it.hasNext(); ) {
            Slot slot = it.next();
            if (leaving.test(slot)) {
                it.remove();
                removed.add(forget(slot));
            }
        }
        return removed;
    }

    /** Counts a slot out of {@link #live}; caller holds the lock. */
    private Slot forget(Slot slot) {
        live.computeIfPresent(slot.kernelKey(), (key, count) -> count == 1 ? null : count - 1);
        return slot;
    }

    /** Closes slots outside the pool's lock (closing an artifact slot's loader takes the artifact cache's lock). */
    private static void closeAll(List<Slot> slots, String why) {
        for (Slot slot : slots) {
            LOG.debug("{}: closing ({})", slot.name(), why);
            slot.close();
        }
    }
}

package dev.gridexec.runtime.slots;

import dev.gridexec.artifacts.ArtifactLease;
import dev.gridexec.catalog.ResolvedKernel;
import dev.gridexec.codec.ValueCodec;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.WarmUp;
import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.runtime.ChunkWork;
import dev.gridexec.runtime.Interpreter;
import dev.gridexec.runtime.JobScope;
import dev.gridexec.runtime.Outcomes;
import dev.gridexec.runtime.RunContext;
import dev.gridexec.runtime.lock.SwitchingLock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One isolated interpreter slot, like a Python sub-interpreter with its own GIL: its own class loader and
 * kernel classes (so its own statics), its own kernel instance and codec, and its own fair lock that the
 * threads running in it contend on. Inputs enter and outputs leave as bytes; no object crosses the boundary.
 * A slot outlives jobs: a job leases it (its params are parsed inside the slot), gives it back, and the next
 * job of the same kernel finds its classes loaded and its code JIT-compiled. A kernel that throws an
 * {@link Error} leaves the slot in an unknown state, so the slot's state is thrown away and rebuilt.
 *
 * <p>The slot's loader: a built-in kernel's package is defined anew from the node's own class files
 * ({@link SlotClassLoader}); a kernel from an artifact gets a fresh loader over the artifact's jar. Either
 * way the kernel API and the runtime's libraries come from the node's loader. The loader is closed when the
 * slot is (or rebuilt).
 */
final class Slot implements Interpreter {

    private static final Logger LOG = LoggerFactory.getLogger(Slot.class);

    private final String name;
    private final String kernelKey;
    private final boolean pooled;
    // Set by lease() while no thread runs in the slot; read by the leasing job's workers (the workers' lock orders them).
    private volatile Lease lease;
    private State state; // used under the lease's lock; between leases the pool's lock orders its users
    private long idleSinceNanos; // guarded by the pool

    /** What a slot holds across jobs: everything here was made inside the slot. */
    private record State(ClassLoader loader, Kernel<Object, Object, Object, Object> kernel, ValueCodec codec) {
    }

    /** The job a slot is leased to: its kernel source, the slot lock it uses, its params as parsed inside the slot. */
    private static final class Lease {
        final ResolvedKernel source;
        final Map<String, Object> rawParams;
        final SwitchingLock lock;
        Object params; // guarded by lock

        Lease(ResolvedKernel source, Map<String, Object> rawParams, SwitchingLock lock) {
            this.source = source;
            this.rawParams = rawParams;
            this.lock = lock;
        }
    }

    /** @param pooled whether the slot may go back to the pool after its job (false: a job's own fresh slot) */
    Slot(String name, String kernelKey, boolean pooled) {
        this.name = name;
        this.kernelKey = kernelKey;
        this.pooled = pooled;
    }

    String name() {
        return name;
    }

    String kernelKey() {
        return kernelKey;
    }

    boolean pooled() {
        return pooled;
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    void idleSince(long nanos) {
        idleSinceNanos = nanos;
    }

    /**
     * Leases the slot to a job: builds its state if it has none (a new or broken slot), then parses the job's
     * params inside it. Says how long that took in nanoseconds.
     */
    long lease(ResolvedKernel source, Map<String, Object> rawParams, SwitchingLock lock) {
        Lease leased = new Lease(source, rawParams, lock);
        lock.acquire();
        try {
            long begin = System.nanoTime();
            this.lease = leased;
            if (state == null) {
                state = build(source);
            }
            leased.params = parse(state, rawParams);
            return System.nanoTime() - begin;
        } finally {
            lock.release();
        }
    }

    /**
     * Builds the slot's state before any job leases it, and warms its kernel up if it is a {@link WarmUp}: for a slot
     * no other thread can see yet. Says how long that took in nanoseconds.
     */
    long prebuild(ResolvedKernel source) {
        long begin = System.nanoTime();
        State built = build(source);
        if (built.kernel() instanceof WarmUp warm) {
            try {
                warm.warmUp();
            } catch (RuntimeException | Error e) {
                closeKernel(built.kernel());
                closeLoader(built.loader());
                throw e;
            }
        }
        state = built;
        return System.nanoTime() - begin;
    }

    /** Ends the lease (no thread runs in the slot any more); says whether the slot is fit to be leased again. */
    boolean giveBack() {
        lease = null;
        return state != null;
    }

    @Override
    public ChunkOutcome run(ChunkWork work) {
        JobScope job = work.job();
        if (job.cancellation().isCancelled()) {
            return new ChunkOutcome.Cancelled(0);
        }
        Lease leased = lease;
        ValueCodec outside = leased.source.codec();
        byte[] in;
        try {
            in = work.encoded() ? (byte[]) work.input() : outside.encode(work.input());
        } catch (RuntimeException e) {
            return new ChunkOutcome.Failed(Outcomes.describe(e), false, 0);
        }
        SwitchingLock lock = leased.lock;
        byte[] out;
        long start;
        lock.acquire();
        start = System.nanoTime();
        try {
            if (state == null) {
                state = build(leased.source);
                leased.params = parse(state, leased.rawParams);
            }
            State slot = state;
            Object input = slot.codec().decode(in, slot.kernel().inputType());
            RunContext context = new RunContext(work.index(), job.seed(), job.cancellation(), lock);
            Object output = slot.kernel().run(leased.params, input, context);
            out = slot.codec().encode(output);
        } catch (Throwable thrown) {
            if (thrown instanceof Error) {
                LOG.warn("{}: kernel {} threw {}; discarding the slot's state", name, kernelKey, thrown.toString());
                discardState();
            }
            return Outcomes.ofThrown(thrown, job.cancellation(), System.nanoTime() - start);
        } finally {
            lock.release();
        }
        long computeNanos = System.nanoTime() - start;
        if (work.encoded()) {
            return new ChunkOutcome.Done(out, computeNanos);
        }
        try {
            return new ChunkOutcome.Done(outside.decode(out, job.kernel().outputType()), computeNanos);
        } catch (RuntimeException e) {
            return new ChunkOutcome.Failed(Outcomes.describe(e), false, computeNanos);
        }
    }

    /** Closes the slot's loader; call once no thread runs in the slot any more. */
    @Override
    public void close() {
        discardState();
    }

    private void discardState() {
        if (state != null) {
            closeKernel(state.kernel());
            closeLoader(state.loader());
            state = null;
        }
    }

    /**
     * Closes the slot's kernel instance if it holds resources ({@link AutoCloseable}: python's interpreter, which its
     * engine would otherwise keep alive after the slot's loader is gone).
     */
    private void closeKernel(Object kernel) {
        if (kernel instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception | LinkageError e) {
                LOG.warn("{}: closing its kernel failed: {}", name, e.toString());
            }
        }
    }

    private State build(ResolvedKernel source) {
        ClassLoader loader = newLoader(source);
        try {
            return new State(loader, source.newInstance(loader), ValueCodec.isolated());
        } catch (RuntimeException | Error e) {
            closeLoader(loader);
            throw e;
        }
    }

    private Object parse(State slot, Map<String, Object> rawParams) {
        ParamReader reader = new ParamReader(rawParams);
        Object params = slot.kernel().params(reader);
        if (!reader.ok()) {
            throw new IllegalStateException("params rejected inside " + name + ": " + reader.problems());
        }
        return params;
    }

    /** A fresh loader over the artifact's jar for a kernel from one, else one that defines the built-in kernel's package anew. */
    private ClassLoader newLoader(ResolvedKernel source) {
        Optional<ArtifactLease> artifact = source.artifact();
        if (artifact.isPresent()) {
            return artifact.get().newSlotLoader(name);
        }
        Class<?> kernelClass = source.kernelClass();
        return new SlotClassLoader(name, kernelClass.getClassLoader(), kernelClass.getPackageName());
    }

    private void closeLoader(ClassLoader loader) {
        if (loader instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("{}: closing its class loader failed: {}", name, e.toString());
            }
        }
    }
}

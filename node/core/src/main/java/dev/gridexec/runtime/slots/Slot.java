package dev.gridexec.runtime.slots;

import dev.gridexec.artifacts.ArtifactLease;
import dev.gridexec.catalog.ResolvedKernel;
import dev.gridexec.codec.ValueCodec;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
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
 * kernel classes (so its own statics), its own codec, and its own fair lock that the slot's threads
 * contend on. Inputs enter and outputs leave as bytes; no object crosses the boundary. A kernel that
 * throws an {@link Error} leaves the slot in an unknown state, so the slot is thrown away and rebuilt.
 *
 * <p>The slot's loader: a built-in kernel's package is defined anew from the node's own class files
 * ({@link SlotClassLoader}); a kernel from an artifact gets a fresh loader over the artifact's jar. Either
 * way the kernel API and the runtime's libraries come from the node's loader. The loader is closed when the
 * slot is (or rebuilt).
 */
final class Slot implements Interpreter {

    private static final Logger LOG = LoggerFactory.getLogger(Slot.class);

    private final String name;
    private final ResolvedKernel source;
    private final Map<String, Object> rawParams;
    private final SwitchingLock lock;
    private final ValueCodec outside;
    private State state; // guarded by lock
    private long rebuilds; // guarded by lock

    /** What a slot holds: everything here was made inside the slot. */
    private record State(ClassLoader loader, Kernel<Object, Object, Object, Object> kernel, Object params,
                         ValueCodec codec) {
    }

    Slot(String name, ResolvedKernel source, Map<String, Object> rawParams, SwitchingLock lock) {
        this.name = name;
        this.source = source;
        this.outside = source.codec();
        this.rawParams = rawParams;
        this.lock = lock;
    }

    /** Builds the slot's state now, and says how long it took in nanoseconds. */
    long start() {
        lock.acquire();
        try {
            long begin = System.nanoTime();
            state = build();
            return System.nanoTime() - begin;
        } finally {
            lock.release();
        }
    }

    @Override
    public ChunkOutcome run(ChunkWork work) {
        JobScope job = work.job();
        if (job.cancellation().isCancelled()) {
            return new ChunkOutcome.Cancelled(0);
        }
        byte[] in = outside.encode(work.input());
        byte[] out;
        long start;
        lock.acquire();
        start = System.nanoTime();
        try {
            if (state == null) {
                rebuilds++;
                state = build();
            }
            State slot = state;
            Object input = slot.codec().decode(in, slot.kernel().inputType());
            RunContext context = new RunContext(work.index(), job.seed(), job.cancellation(), lock);
            Object output = slot.kernel().run(slot.params(), input, context);
            out = slot.codec().encode(output);
        } catch (Throwable thrown) {
            if (thrown instanceof Error) {
                LOG.warn("{}: kernel {} threw {}; discarding the slot", name, source.name(), thrown.toString());
                if (state != null) {
                    closeLoader(state.loader());
                    state = null;
                }
            }
            return Outcomes.ofThrown(thrown, job.cancellation(), System.nanoTime() - start);
        } finally {
            lock.release();
        }
        long computeNanos = System.nanoTime() - start;
        return new ChunkOutcome.Done(outside.decode(out, job.kernel().outputType()), computeNanos);
    }

    /** How many times the slot was rebuilt after an Error. */
    long rebuilds() {
        lock.acquire();
        try {
            return rebuilds;
        } finally {
            lock.release();
        }
    }

    /** Closes the slot's loader; call once no thread runs in the slot any more. */
    @Override
    public void close() {
        lock.acquire();
        try {
            if (state != null) {
                closeLoader(state.loader());
                state = null;
            }
        } finally {
            lock.release();
        }
    }

    private State build() {
        ClassLoader loader = newLoader();
        try {
            Kernel<Object, Object, Object, Object> kernel = source.newInstance(loader);
            ParamReader reader = new ParamReader(rawParams);
            Object params = kernel.params(reader);
            if (!reader.ok()) {
                throw new IllegalStateException("params rejected inside " + name + ": " + reader.problems());
            }
            return new State(loader, kernel, params, ValueCodec.isolated());
        } catch (RuntimeException | Error e) {
            closeLoader(loader);
            throw e;
        }
    }

    /** A fresh loader over the artifact's jar for a kernel from one, else one that defines the built-in kernel's package anew. */
    private ClassLoader newLoader() {
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

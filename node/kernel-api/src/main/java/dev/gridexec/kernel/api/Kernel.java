package dev.gridexec.kernel.api;

import java.util.List;

/**
 * A CPU-bound computation that gridexec splits into chunks, runs anywhere, and reduces in chunk order.
 *
 * <p>This is the whole contract between a kernel and the runtime:
 * <ol>
 *   <li>{@link #params} reads and validates the task's {@code params} object, reporting every problem
 *       through the {@link ParamReader} (the runtime rejects the task if any was reported, and reports
 *       params that no getter read as unknown);</li>
 *   <li>{@link #split} turns the params into chunk inputs, in chunk order (at most as many as asked);</li>
 *   <li>{@link #run} computes one chunk's output, calling {@link ChunkContext#checkpoint()} in its inner
 *       loops;</li>
 *   <li>{@link #reduce} folds the outputs, given in chunk order, into the job's result.</li>
 * </ol>
 *
 * <p>Where each runs: {@code params} when the task is submitted, and wherever an instance is made; {@code split}
 * and {@code reduce} once per job (a kernel from a jar: on a node, each of these three within the coordinator's
 * kernel-call timeout, 10 s by default; a built-in kernel: on the coordinator); {@code run} on the nodes, on many
 * threads at once. An exception from {@code split} or {@code reduce} fails the job with what was thrown; one from
 * {@code run} fails that attempt at the chunk, which is retried up to the task's {@code maxAttempts}.
 *
 * <p>Params, inputs, outputs and results are plain values: records (or classes with public fields)
 * made of primitives, strings, arrays, lists and maps of those. The runtime copies them to and from
 * bytes itself (as JSON), so kernels never write serialization code; {@link #inputType()} and
 * {@link #outputType()} tell it the classes (by default, those the kernel's class names as {@code I} and
 * {@code O}). {@link #run} may be called on any node, in any execution model,
 * any number of times for the same chunk (a retried chunk runs again), in any order: it must be a pure
 * function of its params and input, and a kernel keeps no state between calls. Randomness comes from the
 * seed ({@link SplitRequest#seed()}, {@link ChunkContext#seed()}) and the chunk index, never from the clock.
 *
 * <p>A kernel is a public class with a public no-argument constructor; the runtime makes instances as it
 * needs them (several per job), and several threads may call one instance at once. In {@code threads} and
 * {@code gil} mode its classes are loaded once per node process and shared, statics included; in
 * {@code slots} mode every slot constructs its own instance from its own class loader, so statics are the
 * slot's own. Long loops call {@link ChunkContext#checkpoint()} every few microseconds of work, and waits go
 * through {@link ChunkContext#blocking}; without them a cancelled job's chunk runs to its end and, under the
 * {@code gil}, holds the lock.
 *
 * @param <P> validated params
 * @param <I> chunk input
 * @param <O> chunk output
 * @param <R> the job's result
 */
public interface Kernel<P, I, O, R> {

    /** Reads the task's params, reporting every problem to {@code params}; the return value is ignored if any was reported. */
    P params(ParamReader params);

    /** Splits the work into at most {@code request.chunks()} chunk inputs, in chunk order; never an empty list. */
    List<I> split(P params, SplitRequest request);

    /** Computes one chunk. Long loops call {@link ChunkContext#checkpoint()}; waits go through {@link ChunkContext#blocking}. */
    O run(P params, I input, ChunkContext context) throws Exception;

    /** Folds the chunk outputs, in chunk order, into the result. */
    R reduce(P params, List<O> outputs);

    /**
     * The class of a chunk input, to decode it where the chunk runs.
     *
     * <p>By default the class given for {@code I} where this kernel's class (or one of its superclasses)
     * implements {@code Kernel<P, I, O, R>}: {@code Range} for {@code class K implements Kernel<Params, Range, Count,
     * Result>}. A kernel overrides it when {@code I} is not a plain class there (a type variable, or a generic
     * type such as {@code List<Long>}).
     *
     * @throws IllegalStateException (the default) when the class cannot be read from the type arguments
     */
    default Class<I> inputType() {
        return KernelTypes.argument(getClass(), KernelTypes.INPUT, "inputType");
    }

    /**
     * The class of a chunk output, to decode it where the outputs are reduced.
     *
     * <p>By default the class given for {@code O}, read as {@link #inputType()} reads {@code I}; a kernel
     * overrides it when {@code O} is not a plain class there.
     *
     * @throws IllegalStateException (the default) when the class cannot be read from the type arguments
     */
    default Class<O> outputType() {
        return KernelTypes.argument(getClass(), KernelTypes.OUTPUT, "outputType");
    }
}

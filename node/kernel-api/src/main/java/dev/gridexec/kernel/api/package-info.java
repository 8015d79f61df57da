/**
 * The kernel SPI: what a computation implements to run on gridexec, and all that a kernel's project
 * compiles against (this package depends on the JDK alone). The built-in kernels use it exactly as a
 * user's kernels do.
 *
 * <ul>
 *   <li>{@link dev.gridexec.kernel.api.Kernel}: the contract (params, split, run, reduce);</li>
 *   <li>{@link dev.gridexec.kernel.api.ParamReader}: reads and checks a task's {@code params}, collecting every problem;</li>
 *   <li>{@link dev.gridexec.kernel.api.SplitRequest}: how many chunks are wanted, and the task's seed (and
 *       {@code indexed}, the split of chunks that differ only by their index);</li>
 *   <li>{@link dev.gridexec.kernel.api.ChunkContext}: what a running chunk sees: its index, the seed,
 *       checkpoints, blocking sections.</li>
 * </ul>
 *
 * <p>A user's kernel ships in a jar with the task ({@code client submit task.json --jar kernels.jar}); a task
 * names its class in full, or by simple name when the jar lists it in
 * {@code META-INF/services/dev.gridexec.kernel.api.Kernel}. The jar's classes are loaded by a loader whose
 * parent is gridexec's, so this package always comes from gridexec: depend on it with scope
 * {@code provided}. The example project {@code examples/user-kernel} shows the whole path.
 */
package dev.gridexec.kernel.api;

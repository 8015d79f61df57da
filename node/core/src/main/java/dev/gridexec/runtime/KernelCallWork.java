package dev.gridexec.runtime;

import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.catalog.ResolvedKernel;
import dev.gridexec.catalog.UnresolvedKernelException;
import dev.gridexec.codec.ValueCodec;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import dev.gridexec.wire.KernelAnswer;
import dev.gridexec.wire.Problem;
import dev.gridexec.wire.Task;
import dev.gridexec.task.KernelChecks;
import dev.gridexec.task.Thrown;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way to run a job's kernel calls that are not chunks: the params check, the split and the reduce, the kernel
 * resolved by {@code kernels} (a new instance per call), the answer in plain values. The node's JVM runs them for a
 * built-in kernel (the cluster's {@code InProcessKernelCalls}), a child process of its sandbox for a jar kernel
 * ({@code SandboxMain}). What the kernel throws is the answer, never the caller's failure.
 */
public final class KernelCallWork {

    private KernelCallWork() {
    }

    /** The kernel's {@code params} (and its mode restriction) on {@code task}'s params: OK with the kernel's full name, or PROBLEMS. */
    public static KernelAnswer check(KernelResolver kernels, Task task) {
        try (ResolvedKernel kernel = kernels.resolve(task)) {
            List<Problem> problems = KernelChecks.of(kernel, task);
            return problems.isEmpty() ? KernelAnswer.checked(kernel.name()) : KernelAnswer.problems(problems);
        } catch (UnresolvedKernelException e) {
            return KernelAnswer.problems(List.of(e.problem()));
        }
    }

    /** The kernel's split of {@code task}: OK with the encoded inputs (at most {@code task.chunks()}, at least one), else FAILED. */
    public static KernelAnswer split(KernelResolver kernels, Task task) {
        try (ResolvedKernel kernel = kernels.resolve(task)) {
            Kernel<Object, Object, Object, Object> instance = kernel.newInstance();
            ParamReader reader = new ParamReader(task.params());
            Object params = instance.params(reader);
            if (!reader.ok()) {
                return KernelAnswer.failed(KernelAnswer.FAILED, "java.lang.IllegalArgumentException: params rejected: " + reader.problems());
            }
            List<Object> split = instance.split(params, new SplitRequest(task.chunks(), task.seed()));
            if (split == null || split.isEmpty() || split.size() > task.chunks()) {
                return KernelAnswer.failed(KernelAnswer.FAILED, "java.lang.IllegalStateException: split returned "
                        + (split == null ? "null" : split.size() + " chunks") + " for " + task.chunks() + " asked");
            }
            ValueCodec codec = kernel.codec();
            byte[][] inputs = new byte[split.size()][];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = codec.encode(split.get(i));
            }
            return KernelAnswer.split(kernel.name(), inputs);
        } catch (RuntimeException | Error e) {
            return KernelAnswer.failed(KernelAnswer.FAILED, Thrown.describe(e));
        }
    }

    /** The kernel's reduce of {@code outputs} (encoded, in chunk order): OK with the result as JSON text, else FAILED. */
    public static KernelAnswer reduce(KernelResolver kernels, Task task, byte[][] outputs) {
        try (ResolvedKernel kernel = kernels.resolve(task)) {
            Kernel<Object, Object, Object, Object> instance = kernel.newInstance();
            ParamReader reader = new ParamReader(task.params());
            Object params = instance.params(reader);
            ValueCodec codec = kernel.codec();
            Class<Object> type = instance.outputType();
            List<Object> decoded = new ArrayList<>(outputs.length);
            for (byte[] output : outputs) {
                decoded.add(codec.decode(output, type));
            }
            return KernelAnswer.reduced(kernel.name(), codec.resultTree(instance.reduce(params, decoded)).toString());
        } catch (RuntimeException | Error e) {
            return KernelAnswer.failed(KernelAnswer.FAILED, Thrown.describe(e));
        }
    }

    /** The answer of a call whose kernel could not be resolved: PROBLEMS for a check (its {@code problem()}), FAILED otherwise. */
    public static KernelAnswer unresolved(boolean check, UnresolvedKernelException e) {
        return check ? KernelAnswer.problems(List.of(e.problem())) : KernelAnswer.failed(KernelAnswer.FAILED, Thrown.describe(e));
    }
}

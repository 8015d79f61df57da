package dev.gridexec.cluster;

import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.catalog.ResolvedKernel;
import dev.gridexec.catalog.UnresolvedKernelException;
import dev.gridexec.codec.ValueCodec;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import dev.gridexec.task.Problem;
import dev.gridexec.task.Task;
import dev.gridexec.task.TaskReader;
import dev.gridexec.task.Thrown;
import java.util.List;

/**
 * {@link KernelCalls} in this node's JVM: the kernel resolved as the node resolves it for chunks (its artifact's
 * shared loader), a new instance per call. What the kernel throws is the answer, never this node's failure.
 */
public final class InProcessKernelCalls implements KernelCalls {

    private final KernelResolver kernels;

    public InProcessKernelCalls(KernelResolver kernels) {
        this.kernels = kernels;
    }

    @Override
    public KernelAnswer check(Task task) {
        try (ResolvedKernel kernel = kernels.resolve(task)) {
            List<Problem> problems = TaskReader.kernelProblems(kernel, task);
            return problems.isEmpty() ? KernelAnswer.checked(kernel.name()) : KernelAnswer.problems(problems);
        } catch (UnresolvedKernelException e) {
            return KernelAnswer.problems(List.of(e.problem()));
        }
    }

    @Override
    public KernelAnswer split(Task task) {
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

    @Override
    public KernelAnswer reduce(Task task, byte[][] outputs) {
        try (ResolvedKernel kernel = kernels.resolve(task)) {
            Kernel<Object, Object, Object, Object> instance = kernel.newInstance();
            ParamReader reader = new ParamReader(task.params());
            Object params = instance.params(reader);
            ValueCodec codec = kernel.codec();
            Class<Object> type = instance.outputType();
            List<Object> decoded = new java.util.ArrayList<>(outputs.length);
            for (byte[] output : outputs) {
                decoded.add(codec.decode(output, type));
            }
            return KernelAnswer.reduced(kernel.name(), codec.resultTree(instance.reduce(params, decoded)).toString());
        } catch (RuntimeException | Error e) {
            return KernelAnswer.failed(KernelAnswer.FAILED, Thrown.describe(e));
        }
    }
}

package dev.gridexec.scheduler;

import dev.gridexec.catalog.ResolvedKernel;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import dev.gridexec.task.Task;
import java.util.List;

/**
 * A job's kernel made ready to run: a new instance of its resolved kernel, the task's params as the kernel reads them,
 * and its chunk inputs as the kernel split them. Made off the job's monitor; immutable once made.
 *
 * @param kernel the kernel instance that split the job and reduces it
 * @param params the task's params as the kernel read them
 * @param inputs the chunk inputs, in chunk order
 */
record KernelSplit(Kernel<Object, Object, Object, Object> kernel, Object params, List<Object> inputs) {

    /**
     * Instantiates {@code resolved}, reads {@code task}'s params and splits the task into at most its chunks.
     *
     * @throws IllegalArgumentException when the kernel rejects the params
     * @throws IllegalStateException    when the split is empty or has more chunks than asked
     * @throws RuntimeException         whatever the kernel throws (so may an {@link Error})
     */
    static KernelSplit of(ResolvedKernel resolved, Task task) {
        Kernel<Object, Object, Object, Object> kernel = resolved.newInstance();
        ParamReader reader = new ParamReader(task.params());
        Object params = kernel.params(reader);
        if (!reader.ok()) {
            throw new IllegalArgumentException("params rejected: " + reader.problems());
        }
        List<Object> split = kernel.split(params, new SplitRequest(task.chunks(), task.seed()));
        if (split == null || split.isEmpty() || split.size() > task.chunks()) {
            throw new IllegalStateException("split returned " + (split == null ? "null" : split.size() + " chunks")
                    + " for " + task.chunks() + " asked");
        }
        return new KernelSplit(kernel, params, List.copyOf(split));
    }

    /** How many chunks the job was split into. */
    int chunks() {
        return inputs.size();
    }

    /** The kernel's result of the outputs, given in chunk order. */
    Object reduce(List<Object> outputs) {
        return kernel.reduce(params, outputs);
    }
}

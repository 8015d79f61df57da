package dev.gridexec.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.catalog.ResolvedKernel;
import dev.gridexec.codec.ValueCodec;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import dev.gridexec.wire.Task;
import java.util.List;

/**
 * A job's kernel in this process: a new instance of its resolved kernel reads the task's params, splits it and reduces
 * its outputs; inputs and outputs are the kernel's own objects. What a built-in kernel does on the coordinator (trusted
 * code), and every kernel in the embedded default, where the user's jar runs in the user's own process anyway.
 */
final class InProcessKernel implements JobKernel {

    private final ResolvedKernel resolved;

    InProcessKernel(ResolvedKernel resolved) {
        this.resolved = resolved;
    }

    /**
     * @throws IllegalArgumentException when the kernel rejects the params
     * @throws IllegalStateException    when the split is empty or has more chunks than asked
     */
    @Override
    public KernelSplit split(Task task) {
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
        ValueCodec codec = resolved.codec();
        return new Split(kernel, params, List.copyOf(split), codec, ChunkValues.of(codec, kernel.outputType()));
    }

    @Override
    public void close() {
        resolved.close();
    }

    @Override
    public String toString() {
        return resolved.toString();
    }

    /** The split of one job: the kernel instance that split it reduces it. */
    private record Split(Kernel<Object, Object, Object, Object> kernel, Object params, List<Object> inputs, ValueCodec codec,
                         ChunkValues values) implements KernelSplit {

        @Override
        public JsonNode reduce(List<Object> outputs) {
            return codec.resultTree(kernel.reduce(params, outputs));
        }
    }
}

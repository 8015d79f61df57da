package dev.gridexec.kernels;

import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import java.util.List;

/** Placeholder until the built-in kernel lands. */
public final class PiKernel implements Kernel<Object, Object, Object, Object> {
    @Override public Object params(ParamReader params) { throw new UnsupportedOperationException(); }
    @Override public List<Object> split(Object params, SplitRequest request) { throw new UnsupportedOperationException(); }
    @Override public Object run(Object params, Object input, ChunkContext context) { throw new UnsupportedOperationException(); }
    @Override public Object reduce(Object params, List<Object> outputs) { throw new UnsupportedOperationException(); }
    @Override public Class<Object> inputType() { return Object.class; }
    @Override public Class<Object> outputType() { return Object.class; }
}

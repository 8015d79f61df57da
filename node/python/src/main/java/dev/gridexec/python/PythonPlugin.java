package dev.gridexec.python;

import dev.gridexec.catalog.KernelPlugin;
import dev.gridexec.kernel.api.Kernel;
import java.util.Map;

/** Registers the {@code python} kernel in the catalog when this module is on the class path. */
public final class PythonPlugin implements KernelPlugin {

    @Override
    @SuppressWarnings("rawtypes")
    public Map<String, Class<? extends Kernel>> kernels() {
        return Map.of("python", PythonKernel.class);
    }
}

package dev.gridexec.catalog;

import dev.gridexec.kernel.api.Kernel;
import java.util.Map;

/**
 * Kernels that an optional module adds to the built-in catalog when its jar is on the class path, found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.gridexec.catalog.KernelPlugin}); the Python
 * kernel of {@code node/python} is one. node/core never depends on such a module.
 */
public interface KernelPlugin {

    /** The kernels, by the name a task uses. */
    @SuppressWarnings("rawtypes")
    Map<String, Class<? extends Kernel>> kernels();
}

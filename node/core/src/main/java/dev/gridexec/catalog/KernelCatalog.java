package dev.gridexec.catalog;

import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernels.CollatzKernel;
import dev.gridexec.kernels.MandelbrotKernel;
import dev.gridexec.kernels.MatmulKernel;
import dev.gridexec.kernels.NQueensKernel;
import dev.gridexec.kernels.PiKernel;
import dev.gridexec.kernels.PrimesKernel;
import dev.gridexec.kernels.SleepKernel;
import dev.gridexec.kernels.SpinKernel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The registry of kernel names a task may use, each bound to the kernel class that implements it. */
public final class KernelCatalog {

    private static final KernelCatalog BUILT_IN = new KernelCatalog(Map.of())
            .with("primes", PrimesKernel.class)
            .with("pi", PiKernel.class)
            .with("nqueens", NQueensKernel.class)
            .with("mandelbrot", MandelbrotKernel.class)
            .with("matmul", MatmulKernel.class)
            .with("collatz", CollatzKernel.class)
            .with("sleep", SleepKernel.class)
            .with("spin", SpinKernel.class);

    private final Map<String, KernelEntry> entries;

    private KernelCatalog(Map<String, KernelEntry> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** The kernels that ship with gridexec. */
    public static KernelCatalog builtIn() {
        return BUILT_IN;
    }

    /** This catalog plus one more kernel (tests register their probes this way). */
    @SuppressWarnings("rawtypes")
    public KernelCatalog with(String name, Class<? extends Kernel> kernelClass) {
        Map<String, KernelEntry> more = new LinkedHashMap<>(entries);
        more.put(name, new KernelEntry(name, kernelClass));
        return new KernelCatalog(more);
    }

    /** The kernel registered under {@code name}, if any. */
    public Optional<KernelEntry> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** Every registered name, in registration order. */
    public Set<String> names() {
        return entries.keySet();
    }
}

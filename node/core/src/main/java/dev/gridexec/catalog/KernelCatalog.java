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
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of kernel names a task may use, each bound to the kernel class that implements it: the
 * built-ins, plus the kernels of optional modules on the class path ({@link KernelPlugin}).
 */
public final class KernelCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(KernelCatalog.class);

    /** Kernels of optional modules: what a node or coordinator without them says when a task names one. */
    private static final Map<String, String> OPTIONAL = Map.of("python",
            "the python kernel needs the gridexec-python module on the class path (build with -Ppython on a JDK 21+)"
                    + " and a JDK 21+ to run it (the launchers use one when JAVA_HOME or GRIDEXEC_JAVA21_HOME names one)");

    private static final List<String> PLUGIN_PROBLEMS = new ArrayList<>();
    private static final KernelCatalog BUILT_IN_ONLY = new KernelCatalog(Map.of())
            .with("primes", PrimesKernel.class)
            .with("pi", PiKernel.class)
            .with("nqueens", NQueensKernel.class)
            .with("mandelbrot", MandelbrotKernel.class)
            .with("matmul", MatmulKernel.class)
            .with("collatz", CollatzKernel.class)
            .with("sleep", SleepKernel.class)
            .with("spin", SpinKernel.class);
    private static final KernelCatalog BUILT_IN = BUILT_IN_ONLY.withPlugins();

    private final Map<String, KernelEntry> entries;

    private KernelCatalog(Map<String, KernelEntry> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** The kernels that ship with gridexec. */
    public static KernelCatalog builtIn() {
        return BUILT_IN;
    }

    /** The names of kernels this process has from optional modules ({@link KernelPlugin}), in load order. */
    public static Set<String> pluginNames() {
        Set<String> names = new LinkedHashSet<>(BUILT_IN.names());
        names.removeAll(BUILT_IN_ONLY.names());
        return Collections.unmodifiableSet(names);
    }

    /** Why a kernel that gridexec knows of but this process lacks is missing (an optional module's), if it is one. */
    public static Optional<String> missingReason(String name) {
        String reason = OPTIONAL.get(name);
        if (reason == null) {
            return Optional.empty();
        }
        synchronized (PLUGIN_PROBLEMS) {
            return Optional.of(PLUGIN_PROBLEMS.isEmpty() ? reason : reason + "; here: " + String.join("; ", PLUGIN_PROBLEMS));
        }
    }

    /** This catalog plus every {@link KernelPlugin} on the class path; one that cannot load is logged and left out. */
    @SuppressWarnings("rawtypes")
    private KernelCatalog withPlugins() {
        KernelCatalog catalog = this;
        Iterator<KernelPlugin> plugins = ServiceLoader.load(KernelPlugin.class, KernelCatalog.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!plugins.hasNext()) {
                    return catalog;
                }
                for (Map.Entry<String, Class<? extends Kernel>> kernel : plugins.next().kernels().entrySet()) {
                    catalog = catalog.with(kernel.getKey(), kernel.getValue());
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                String problem = (e instanceof UnsupportedClassVersionError || e.getCause() instanceof UnsupportedClassVersionError)
                        ? "a kernel module needs a newer JDK than this Java " + Runtime.version().feature() + " (" + e.getMessage() + ")"
                        : "a kernel module could not be loaded: " + e;
                LOG.warn("{}", problem);
                synchronized (PLUGIN_PROBLEMS) {
                    PLUGIN_PROBLEMS.add(problem);
                }
            }
        }
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

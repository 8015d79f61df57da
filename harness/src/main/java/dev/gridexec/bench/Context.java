package dev.gridexec.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The machine and JVM a bench ran on, as its reports state them.
 *
 * @param processors      processors available to the JVM
 * @param cpuModel        the first "model name" of /proc/cpuinfo, null where there is none
 * @param osName          {@code os.name}
 * @param osArch          {@code os.arch}
 * @param osVersion       {@code os.version}
 * @param jvmName         {@code java.vm.name}
 * @param jvmVendor       {@code java.vm.vendor}
 * @param jvmVersion      {@code java.runtime.version}
 * @param jvmArgs         the JVM's input arguments
 * @param maxHeapMiB      the largest heap the JVM may use
 * @param gridexecVersion the client jar's version, null in a development build
 * @param startedAt       when the bench started (UTC)
 * @param loadAverage     the system load average over the minute before the bench, -1 where unknown
 */
record Context(int processors, String cpuModel, String osName, String osArch, String osVersion, String jvmName, String jvmVendor,
               String jvmVersion, List<String> jvmArgs, long maxHeapMiB, String gridexecVersion, String startedAt,
               double loadAverage) {

    Context {
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** This JVM, now. */
    static Context ofThisJvm() {
        return new Context(Runtime.getRuntime().availableProcessors(), readCpuModel(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("os.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.vm.vendor"), System.getProperty("java.runtime.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), Runtime.getRuntime().maxMemory() >> 20,
                Context.class.getPackage().getImplementationVersion(), Instant.now().toString(),
                ProcessCpu.loadAverage());
    }

    private static String readCpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse(null);
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return null;
        }
    }
}

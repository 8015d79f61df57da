package dev.gridexec.runtime.sandbox;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How a node runs kernels in child processes (the sandbox): whether jar kernels go there, each child's heap, how
 * long a chunk that ignores a cancel may go on before its child is killed, and how many idle children stay warm.
 *
 * @param jars        whether kernels from uploaded jars run in a child process (the task's mode inside it); built-in
 *                    kernels run in one only in {@code processes} mode
 * @param heap        each child's {@code -Xmx}, as the JVM writes it ({@code 512m}, {@code 2g})
 * @param cancelGrace how long a cancelled (or timed-out) chunk may run on before its child is destroyed
 * @param maxIdle     the most idle children kept warm for the next job (0: every child goes when its job ends)
 * @param idleTimeout an idle child unused this long goes
 */
public record SandboxSettings(boolean jars, String heap, Duration cancelGrace, int maxIdle, Duration idleTimeout) {

    /** The default heap of a child. */
    public static final String DEFAULT_HEAP = "512m";
    /** The default grace after a cancel. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(1);
    /** The default idle time of a warm child. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]{0,6}[kKmMgG]?");

    public SandboxSettings {
        if (heap == null || !HEAP.matcher(heap).matches()) {
            throw new IllegalArgumentException("heap must be a size like 512m or 2g, got " + heap);
        }
        if (cancelGrace.isNegative() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("cancelGrace must not be negative and idleTimeout must be positive");
        }
        if (maxIdle < 0) {
            throw new IllegalArgumentException("maxIdle must not be negative, got " + maxIdle);
        }
    }

    /** Whether {@code text} is a heap size a child accepts. */
    public static boolean validHeap(String text) {
        return text != null && HEAP.matcher(text).matches();
    }

    /** Jar kernels in children (a node process's default), the default heap, grace and warm children for {@code workers}. */
    public static SandboxSettings forNode(int workers) {
        return new SandboxSettings(true, DEFAULT_HEAP, DEFAULT_GRACE, workers, DEFAULT_IDLE_TIMEOUT);
    }

    /** Jar kernels in this process (a library's or test's runtime); {@code processes} mode still uses children. */
    public static SandboxSettings inProcess(int workers) {
        return new SandboxSettings(false, DEFAULT_HEAP, DEFAULT_GRACE, workers, DEFAULT_IDLE_TIMEOUT);
    }

    /** The same settings with jar kernels in children or not. */
    public SandboxSettings withJars(boolean inChildren) {
        return new SandboxSettings(inChildren, heap, cancelGrace, maxIdle, idleTimeout);
    }
}

package dev.gridexec.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A validated, normalised task: every field holds the value actually used.
 *
 * @param name             optional label, null when absent
 * @param kernel           the kernel's name in the catalog or, with {@code artifact}, the kernel class's fully qualified name
 * @param params           the kernel's params as a JSON-like tree (Long/BigInteger/BigDecimal/String/Boolean/List/Map)
 * @param chunks           chunks asked for (the kernel may split into fewer)
 * @param mode             execution model inside each node
 * @param workers          workers per node
 * @param nodes            members to use
 * @param threadsPerSlot   threads inside each slot ({@code slots} mode)
 * @param switchIntervalMs how long a thread may hold the gil / a slot's lock while others wait
 * @param seed             seed for kernels that draw random numbers
 * @param timeout          ISO-8601 duration after which the job fails, null for none
 * @param maxAttempts      attempts per chunk, every attempt counted however it ended
 * @param artifact         the SHA-256 of the uploaded jar that holds the kernel, null for a built-in kernel
 * @param priority         queue order: higher runs first, then submission time
 * @param isolation        whether the job's slots may be warm slots of earlier jobs of the same kernel
 */
@JsonPropertyOrder({"name", "kernel", "artifact", "params", "chunks", "mode", "workers", "nodes", "threadsPerSlot",
        "switchIntervalMs", "seed", "timeout", "maxAttempts", "priority", "isolation"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Task(
        String name,
        String kernel,
        Map<String, Object> params,
        int chunks,
        Mode mode,
        int workers,
        int nodes,
        int threadsPerSlot,
        long switchIntervalMs,
        long seed,
        String timeout,
        int maxAttempts,
        String artifact,
        int priority,
        Isolation isolation) {

    public Task {
        params = params == null ? Map.of() : params;
        isolation = isolation == null ? Isolation.KERNEL : isolation;
    }

    /** A task at the default priority (0) and isolation ({@link Isolation#KERNEL}). */
    public Task(String name, String kernel, Map<String, Object> params, int chunks, Mode mode, int workers, int nodes,
                int threadsPerSlot, long switchIntervalMs, long seed, String timeout, int maxAttempts, String artifact) {
        this(name, kernel, params, chunks, mode, workers, nodes, threadsPerSlot, switchIntervalMs, seed, timeout,
                maxAttempts, artifact, 0, Isolation.KERNEL);
    }

    /** A task of a built-in kernel (no artifact). */
    public Task(String name, String kernel, Map<String, Object> params, int chunks, Mode mode, int workers, int nodes,
                int threadsPerSlot, long switchIntervalMs, long seed, String timeout, int maxAttempts) {
        this(name, kernel, params, chunks, mode, workers, nodes, threadsPerSlot, switchIntervalMs, seed, timeout,
                maxAttempts, null);
    }

    /** The timeout as a duration, empty for none. */
    public Optional<Duration> timeoutDuration() {
        return timeout == null ? Optional.empty() : Optional.of(Duration.parse(timeout));
    }
}

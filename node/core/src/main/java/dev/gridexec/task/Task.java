package dev.gridexec.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A validated, normalised task: every field holds the value actually used.
 *
 * @param name             optional label, null when absent
 * @param kernel           the kernel's name in the catalog
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
 */
@JsonPropertyOrder({"name", "kernel", "params", "chunks", "mode", "workers", "nodes", "threadsPerSlot",
        "switchIntervalMs", "seed", "timeout", "maxAttempts"})
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
        int maxAttempts) {

    public Task {
        params = params == null ? Map.of() : params;
    }

    /** The timeout as a duration, empty for none. */
    public Optional<Duration> timeoutDuration() {
        return timeout == null ? Optional.empty() : Optional.of(Duration.parse(timeout));
    }
}

package dev.gridexec.bench;

import dev.gridexec.kernel.api.ParamProblem;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernels.PrimesKernel;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@code client bench} measures; {@link #DEFAULTS} are the command's defaults, and the
 * constants below are the task fields every run shares.
 *
 * @param limit        count the primes below this (method trial)
 * @param chunks       chunks asked of the kernel's split, for the bare loop and gridexec alike
 * @param workers      worker counts to measure, ascending, no repeats
 * @param repeats      measured rounds (each runs every configuration once)
 * @param warmup       warm-up rounds before them, excluded from the statistics
 * @param slotStartups slots to start for the slot start-up statistics (0: none)
 */
public record BenchSettings(long limit, int chunks, List<Integer> workers, int repeats, int warmup, int slotStartups) {

    /** The defaults of {@code client bench}. */
    public static final BenchSettings DEFAULTS = new BenchSettings(5_000_000L, 64, List.of(1, 2), 5, 1, 50);

    static final String KERNEL = "primes";
    static final String METHOD = "trial";
    static final int NODES = 1;
    static final int THREADS_PER_SLOT = 1;
    static final long SWITCH_INTERVAL_MS = 5;
    static final long SEED = 0;
    static final int MAX_ATTEMPTS = 1;
    /** Slots opened per session when measuring slot start-up. */
    static final int SLOTS_PER_SESSION = 10;

    /** Validates every field and reports all problems at once as an {@link IllegalArgumentException}. */
    public BenchSettings {
        List<String> problems = new ArrayList<>();
        for (ParamProblem problem : paramProblems(limit)) {
            problems.add("--" + problem.path() + ": " + problem.message());
        }
        if (chunks < 1) {
            problems.add("--chunks: must be at least 1, got " + chunks);
        }
        if (workers == null || workers.isEmpty()) {
            problems.add("--workers: at least one worker count is needed");
        } else if (workers.stream().anyMatch(w -> w == null || w < 1)) {
            problems.add("--workers: every worker count must be at least 1, got " + workers);
        }
        if (repeats < 1) {
            problems.add("--repeats: must be at least 1, got " + repeats);
        }
        if (warmup < 0) {
            problems.add("--warmup: must be at least 0, got " + warmup);
        }
        if (slotStartups < 0) {
            problems.add("--slot-startups: must be at least 0, got " + slotStartups);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        workers = workers.stream().distinct().sorted().toList();
    }

    /** These settings as {@code client bench} options, every one spelled out. */
    String options() {
        return "--limit " + limit + " --chunks " + chunks + " --workers "
                + String.join(",", workers.stream().map(String::valueOf).toList()) + " --repeats " + repeats
                + " --warmup " + warmup + " --slot-startups " + slotStartups;
    }

    /** The kernel params every run uses. */
    Map<String, Object> params() {
        return params(limit);
    }

    /** The task gridexec runs for {@code mode} with {@code workers} workers. */
    Task task(Mode mode, int workers) {
        return new Task("bench", KERNEL, params(), chunks, mode, workers, NODES, THREADS_PER_SLOT, SWITCH_INTERVAL_MS,
                SEED, null, MAX_ATTEMPTS);
    }

    /** The task fields that are not options, as the JSON report lists them. */
    static Map<String, Object> fixedTaskFields() {
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("kernel", KERNEL);
        fixed.put("method", METHOD);
        fixed.put("nodes", NODES);
        fixed.put("threadsPerSlot", THREADS_PER_SLOT);
        fixed.put("switchIntervalMs", SWITCH_INTERVAL_MS);
        fixed.put("seed", SEED);
        fixed.put("timeout", null);
        fixed.put("maxAttempts", MAX_ATTEMPTS);
        return fixed;
    }

    private static Map<String, Object> params(long limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("limit", limit);
        params.put("method", METHOD);
        return params;
    }

    private static List<ParamProblem> paramProblems(long limit) {
        ParamReader reader = new ParamReader(params(limit));
        new PrimesKernel().params(reader);
        return reader.problems();
    }
}

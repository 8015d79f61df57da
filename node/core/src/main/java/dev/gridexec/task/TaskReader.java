package dev.gridexec.task;

import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.catalog.ResolvedKernel;
import dev.gridexec.catalog.UnresolvedKernelException;
import dev.gridexec.kernel.api.ParamProblem;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.wire.Isolation;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Problem;
import dev.gridexec.wire.Task;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads task.json into a {@link Task}, or rejects it with every problem found.
 *
 * <p>The document is parsed to a tree and then each field is checked in turn, so that one pass reports
 * all that is wrong, in document order; the kernel named by {@code kernel} (a built-in name, or with
 * {@code artifact} a class in that uploaded jar) checks its own {@code params}.
 * A field the document leaves out takes its value from the {@link TaskDefaults}. docs/task.schema.json
 * describes the same format for editors and other tools.
 */
public final class TaskReader {

    public static final int MAX_CHUNKS = 1_000_000;
    public static final int MAX_WORKERS = 4096;
    public static final int MAX_NODES = 4096;
    public static final int MAX_THREADS_PER_SLOT = 256;
    public static final int MAX_SWITCH_INTERVAL_MS = 60_000;
    public static final int MAX_ATTEMPTS = 100;
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_PRIORITY = 1_000_000;
    public static final Duration MAX_TIMEOUT = Duration.ofDays(30);

    /** The fields of task.json, in the order messages list them. */
    public static final List<String> FIELDS = List.of("kernel", "artifact", "params", "chunks", "mode", "workers", "nodes",
            "threadsPerSlot", "switchIntervalMs", "seed", "timeout", "maxAttempts", "name", "priority", "isolation");

    private static final String[] MODES = Arrays.stream(Mode.values()).map(Mode::wireName).toArray(String[]::new);
    private static final String[] ISOLATIONS = Arrays.stream(Isolation.values()).map(Isolation::wireName).toArray(String[]::new);

    private final KernelResolver kernels;
    private final TaskDefaults defaults;
    private final boolean artifactKernelsHere; // false: a jar kernel is neither loaded nor asked here (a node checks it)

    /** A reader of the catalog's kernels only: a task naming an artifact is rejected as unknown. */
    public TaskReader(KernelCatalog catalog, TaskDefaults defaults) {
        this(KernelResolver.withoutArtifacts(Objects.requireNonNull(catalog, "catalog")), defaults);
    }

    /** A reader of the kernels {@code kernels} resolves: built-in names and classes in uploaded artifacts. */
    public TaskReader(KernelResolver kernels, TaskDefaults defaults) {
        this(kernels, defaults, true);
    }

    private TaskReader(KernelResolver kernels, TaskDefaults defaults, boolean artifactKernelsHere) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.artifactKernelsHere = artifactKernelsHere;
    }

    /**
     * A reader that runs no user code: a task with {@code artifact} keeps its kernel name as written and its params
     * unchecked (an object is all it asks), for a node to check with {@link KernelChecks#of} (a coordinator's API).
     */
    public static TaskReader leavingArtifactKernels(KernelResolver kernels, TaskDefaults defaults) {
        return new TaskReader(kernels, defaults, false);
    }

    /**
     * The task that {@code json} (the UTF-8 bytes of task.json) describes.
     *
     * @throws InvalidTaskException with every problem found, in document order, when the task must not run
     * @throws RuntimeException     what a built-in kernel's {@code params} throws: a bug in gridexec, not in the task
     *                              (what a kernel from an artifact throws is reported as a problem with {@code kernel})
     */
    public Task read(byte[] json) throws InvalidTaskException {
        Map<String, Object> fields = JsonValues.toMap(JsonDocument.parseObject(json));
        List<Problem> problems = new ArrayList<>();
        for (String key : fields.keySet()) {
            if (key.equals("jar")) {
                problems.add(new Problem(key, "is for the client, which uploads the jar and sends its artifact instead;"
                        + " over HTTP, POST the jar to /artifacts and set artifact to the sha256 it answers"));
            } else if (!FIELDS.contains(key)) {
                problems.add(new Problem(key, "unknown field; known: " + String.join(", ", FIELDS)));
            }
        }
        ParamReader top = new ParamReader(fields);
        String artifact = readArtifact(fields, problems);
        String kernelName;
        Map<String, Object> params;
        Mode mode = Mode.fromWireName(top.choiceParam("mode", defaults.mode().wireName(), MODES)).orElseThrow();
        boolean deferred = !artifactKernelsHere && fields.containsKey("artifact");
        try (ResolvedKernel kernel = deferred ? null : readKernel(fields, artifact, problems)) {
            kernelName = deferred ? deferredKernel(fields, artifact, problems) : kernel == null ? null : kernel.name();
            params = KernelChecks.params(fields, kernel, artifact != null, problems);
            if (!fields.containsKey("mode") || fields.get("mode") instanceof String given && Mode.fromWireName(given).isPresent()) {
                KernelChecks.refuseMode(kernel, mode, fields.containsKey("mode"), problems);
            }
        }
        int workers = top.intParam("workers", 1, MAX_WORKERS, defaults.workers());
        int nodes = top.intParam("nodes", 1, MAX_NODES, defaults.nodes());
        int chunks = top.intParam("chunks", 1, MAX_CHUNKS, TaskDefaults.chunksFor(workers, nodes));
        int threadsPerSlot = top.intParam("threadsPerSlot", 1, MAX_THREADS_PER_SLOT, defaults.threadsPerSlot());
        long switchIntervalMs = top.longParam("switchIntervalMs", 1, MAX_SWITCH_INTERVAL_MS, defaults.switchIntervalMs());
        long seed = top.longParam("seed", Long.MIN_VALUE, Long.MAX_VALUE, defaults.seed());
        int maxAttempts = top.intParam("maxAttempts", 1, MAX_ATTEMPTS, defaults.maxAttempts());
        int priority = top.intParam("priority", -MAX_PRIORITY, MAX_PRIORITY, 0);
        Isolation isolation = Isolation.fromWireName(top.choiceParam("isolation", Isolation.KERNEL.wireName(), ISOLATIONS)).orElseThrow();
        String timeout = readTimeout(fields, problems);
        String name = readName(fields, problems);
        for (ParamProblem problem : top.problems()) {
            problems.add(new Problem(problem.path(), problem.message()));
        }
        if (!problems.isEmpty()) {
            problems.sort(documentOrder(fields));
            throw new InvalidTaskException(problems);
        }
        return new Task(name, kernelName, params, chunks, mode, workers, nodes, threadsPerSlot, switchIntervalMs,
                seed, timeout, maxAttempts, artifact, priority, isolation);
    }

    /** The task that {@code json} describes. */
    public Task read(String json) throws InvalidTaskException {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The artifact's SHA-256, null when the task has none (or names it wrongly: then a problem is added). */
    private static String readArtifact(Map<String, Object> fields, List<Problem> problems) {
        if (!fields.containsKey("artifact")) {
            return null;
        }
        Object value = fields.get("artifact");
        if (value instanceof String sha256 && Artifacts.isSha256(sha256)) {
            return sha256;
        }
        problems.add(new Problem("artifact", "must be the sha256 of an uploaded jar (64 lowercase hex digits), got "
                + JsonValues.describe(value)));
        return null;
    }

    /**
     * The kernel, resolved (the caller closes it); null when there is none to ask. With an artifact field
     * that is malformed the kernel cannot be looked up, and that is the only problem reported about it.
     */
    private ResolvedKernel readKernel(Map<String, Object> fields, String artifact, List<Problem> problems) {
        boolean fromArtifact = fields.containsKey("artifact");
        String known = fromArtifact ? "" : "; known: " + String.join(", ", kernels.catalog().names());
        if (!fields.containsKey("kernel")) {
            problems.add(new Problem("kernel", "is required" + (fromArtifact ? ": the kernel class in the artifact" : known)));
            return null;
        }
        Object value = fields.get("kernel");
        if (!(value instanceof String name) || (fromArtifact && name.isBlank())) {
            problems.add(new Problem("kernel", "must be a string naming a kernel, got " + JsonValues.describe(value) + known));
            return null;
        }
        if (fromArtifact && artifact == null) {
            return null;
        }
        try {
            return kernels.resolve(name, artifact);
        } catch (UnresolvedKernelException e) {
            problems.add(e.problem());
            return null;
        }
    }

    /** The kernel name as written, for a node to resolve in the artifact; null with a problem when it is not a name. */
    private static String deferredKernel(Map<String, Object> fields, String artifact, List<Problem> problems) {
        Object value = fields.get("kernel");
        if (!fields.containsKey("kernel")) {
            problems.add(new Problem("kernel", "is required: the kernel class in the artifact"));
            return null;
        }
        if (!(value instanceof String name) || name.isBlank()) {
            problems.add(new Problem("kernel", "must be a string naming a kernel, got " + JsonValues.describe(value)));
            return null;
        }
        return artifact == null ? null : name;
    }

    /** The timeout as ISO-8601, null for none. */
    private static String readTimeout(Map<String, Object> fields, List<Problem> problems) {
        if (!fields.containsKey("timeout")) {
            return null;
        }
        Object value = fields.get("timeout");
        String expected = "must be a duration such as \"PT10M\" or \"30s\", at most 30 days";
        if (!(value instanceof String text)) {
            problems.add(new Problem("timeout", expected + ", got " + JsonValues.describe(value)
                    + (value == null ? "; leave the field out for no timeout" : "")));
            return null;
        }
        String problem;
        try {
            Duration timeout = Durations.parse(text);
            if (timeout.isZero()) {
                problem = "must be longer than zero";
            } else if (timeout.compareTo(MAX_TIMEOUT) > 0) {
                problem = "must be at most 30 days";
            } else {
                return timeout.toString();
            }
        } catch (IllegalArgumentException e) {
            problem = expected;
        } catch (ArithmeticException e) {
            problem = "must be at most 30 days";
        }
        problems.add(new Problem("timeout", problem + ", got " + JsonValues.describe(value)));
        return null;
    }

    private static String readName(Map<String, Object> fields, List<Problem> problems) {
        if (!fields.containsKey("name")) {
            return null;
        }
        Object value = fields.get("name");
        int length = value instanceof String s ? s.codePointCount(0, s.length()) : -1;
        if (length < 1 || length > MAX_NAME_LENGTH) {
            String got = length < 0 ? JsonValues.describe(value) : length == 0 ? "an empty string" : "a string of " + length + " characters";
            problems.add(new Problem("name", "must be a string of 1 to " + MAX_NAME_LENGTH + " characters, got " + got));
            return null;
        }
        return (String) value;
    }

    /**
     * Orders problems as their fields appear in the document, one level into params; problems about
     * the document itself come first and those about absent fields last.
     */
    private static Comparator<Problem> documentOrder(Map<String, Object> fields) {
        List<String> keys = List.copyOf(fields.keySet());
        List<String> paramKeys = fields.get("params") instanceof Map<?, ?> params
                ? params.keySet().stream().map(String::valueOf).toList() : List.of();
        return Comparator.<Problem>comparingInt(p -> indexOf(keys, keys.contains(p.path()) ? p.path() : head(p.path())))
                .thenComparingInt(p -> p.path().startsWith("params.") ? indexOf(paramKeys, head(p.path().substring(7))) : -1);
    }

    private static int indexOf(List<String> keys, String key) {
        if (key.equals("$")) {
            return -1;
        }
        int index = keys.indexOf(key);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    private static String head(String path) {
        int end = 0;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
            end++;
        }
        return path.substring(0, end);
    }
}

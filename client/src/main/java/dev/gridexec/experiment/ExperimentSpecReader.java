package dev.gridexec.experiment;

import static dev.gridexec.experiment.ExperimentSpec.DEFAULT_LOCAL;
import static dev.gridexec.experiment.ExperimentSpec.DEFAULT_REPEATS;
import static dev.gridexec.experiment.ExperimentSpec.DEFAULT_WARMUP;
import static dev.gridexec.experiment.ExperimentSpec.MAX_LABEL_LENGTH;
import static dev.gridexec.experiment.ExperimentSpec.MAX_LIST;
import static dev.gridexec.experiment.ExperimentSpec.MAX_LOCAL_NODES;
import static dev.gridexec.experiment.ExperimentSpec.MAX_NAME_LENGTH;
import static dev.gridexec.experiment.ExperimentSpec.MAX_REPEATS;
import static dev.gridexec.experiment.ExperimentSpec.MAX_RUNS;
import static dev.gridexec.experiment.ExperimentSpec.MAX_WARMUP;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.task.InvalidTaskException;
import dev.gridexec.task.JsonDocument;
import dev.gridexec.task.JsonValues;
import dev.gridexec.task.Mode;
import dev.gridexec.task.Problem;
import dev.gridexec.task.TaskDefaults;
import dev.gridexec.task.TaskReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads an experiment spec into an {@link ExperimentSpec}, or rejects it with every problem found, each with
 * its path ({@code runs[1].nodes[0]}, {@code task.params.limit}), in document order. The embedded task is
 * checked by {@link TaskReader} exactly as a coordinator checks task.json. docs/experiment.schema.json
 * describes the same format; the rules a schema cannot state (labels, duplicate configurations, the size of
 * the sweep) are this reader's alone.
 */
public final class ExperimentSpecReader {

    /** The fields of a spec, in the order messages list them. */
    public static final List<String> FIELDS = List.of("name", "task", "modes", "nodes", "workers", "runs", "repeats",
            "warmup", "local");
    /** The fields of one group of {@code runs}. */
    public static final List<String> RUN_FIELDS = List.of("mode", "nodes", "workers", "label");

    private static final String MODES = Arrays.stream(Mode.values()).map(m -> "\"" + m.wireName() + "\"")
            .collect(Collectors.joining(", "));
    private static final String PROCESSES_HINT = "; \"processes\" is a label, not a mode: give runs with a group"
            + " {\"mode\": \"threads\", \"nodes\": [1, 2], \"workers\": [1], \"label\": \"processes\"}";
    private static final String EITHER = "give either runs, or modes, nodes and workers (every combination runs)";

    private final KernelCatalog catalog;
    private final TaskDefaults defaults;

    public ExperimentSpecReader(KernelCatalog catalog, TaskDefaults defaults) {
        this.catalog = catalog;
        this.defaults = defaults;
    }

    /** A reader for the built-in kernels, with the defaults of a node on this machine. */
    public static ExperimentSpecReader builtIn() {
        return new ExperimentSpecReader(KernelCatalog.builtIn(),
                TaskDefaults.builtIn(Math.max(1, Runtime.getRuntime().availableProcessors()), 1));
    }

    /** A group read from the spec; {@code index} is its place in {@code runs}, -1 in the product form. */
    private record Read(int index, RunGroup group, boolean labelled) {
    }

    /**
     * The spec that {@code json} (UTF-8 bytes) describes.
     *
     * @throws InvalidExperimentException with every problem found, in document order
     */
    public ExperimentSpec read(byte[] json) throws InvalidExperimentException {
        ObjectNode document;
        try {
            document = JsonDocument.parseObject(json, "a spec");
        } catch (InvalidTaskException e) {
            throw new InvalidExperimentException(e.problems());
        }
        List<Problem> problems = new ArrayList<>();
        document.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                problems.add(new Problem(field, "unknown field; known: " + String.join(", ", FIELDS)));
            }
        });
        String name = readName(document, problems);
        ObjectNode task = readTask(document, problems);
        boolean local = readLocal(document, problems);
        int repeats = optional(document, "repeats", 1, MAX_REPEATS, DEFAULT_REPEATS, problems);
        int warmup = optional(document, "warmup", 0, MAX_WARMUP, DEFAULT_WARMUP, problems);
        int before = problems.size();
        List<RunGroup> groups = readGroups(document, local ? MAX_LOCAL_NODES : TaskReader.MAX_NODES, problems);
        if (problems.size() == before && !groups.isEmpty()) {
            int configurations = Sweep.configurations(groups).size();
            if (configurations * (warmup + repeats) > MAX_RUNS) {
                problems.add(new Problem("$", "the sweep would make " + configurations * (warmup + repeats) + " runs ("
                        + configurations + " configurations × (" + warmup + " warm-up + " + repeats + " measured rounds)),"
                        + " at most " + MAX_RUNS + " are allowed; use fewer modes, nodes, workers or rounds"));
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(documentOrder(document));
            throw new InvalidExperimentException(problems);
        }
        if (!task.has("chunks")) {
            int most = Sweep.configurations(groups).stream().mapToInt(Configuration::totalWorkers).max().orElse(1);
            task.put("chunks", TaskDefaults.chunksFor(most, 1));
        }
        return new ExperimentSpec(name, task, groups, repeats, warmup, local, document);
    }

    private static String readName(ObjectNode document, List<Problem> problems) {
        JsonNode node = document.get("name");
        String expected = "must be 1 to " + MAX_NAME_LENGTH + " letters, digits, '.', '_' or '-', starting with a letter"
                + " or digit (it names the output directory)";
        if (node == null) {
            problems.add(new Problem("name", "is required: " + expected.substring("must be ".length())));
            return null;
        }
        if (!node.isTextual() || node.textValue().length() > MAX_NAME_LENGTH || !ExperimentSpec.NAME.matcher(node.textValue()).matches()) {
            problems.add(new Problem("name", expected + ", got " + JsonValues.describeNode(node)));
            return null;
        }
        return node.textValue();
    }

    private ObjectNode readTask(ObjectNode document, List<Problem> problems) {
        JsonNode node = document.get("task");
        if (node == null) {
            problems.add(new Problem("task", "is required: a task.json object, e.g. {\"kernel\": \"primes\","
                    + " \"params\": {\"limit\": 5000000}, \"chunks\": 64}"));
            return null;
        }
        if (!(node instanceof ObjectNode object)) {
            problems.add(new Problem("task", "must be a task.json object, got " + JsonValues.describeNode(node)));
            return null;
        }
        try {
            new TaskReader(catalog, defaults).read(JsonDocument.write(object));
        } catch (InvalidTaskException e) {
            e.problems().forEach(p -> problems.add(new Problem(p.path().equals("$") ? "task" : "task." + p.path(), p.message())));
        }
        return object.deepCopy();
    }

    private static boolean readLocal(ObjectNode document, List<Problem> problems) {
        JsonNode node = document.get("local");
        if (node == null) {
            return DEFAULT_LOCAL;
        }
        if (!node.isBoolean()) {
            problems.add(new Problem("local", "must be true (start nodes on this host) or false (use --coordinator), got "
                    + JsonValues.describeNode(node)));
            return DEFAULT_LOCAL;
        }
        return node.booleanValue();
    }

    private static int optional(ObjectNode document, String field, int min, int max, int defaultValue, List<Problem> problems) {
        return document.has(field) ? integer(document.get(field), field, min, max, problems).orElse(defaultValue)
                : defaultValue;
    }

    /** The integer at {@code path} in {@code [min, max]}, checked as task.json's are (same words), or empty with a problem. */
    private static Optional<Integer> integer(JsonNode node, String path, int min, int max, List<Problem> problems) {
        Map<String, Object> holder = new HashMap<>();
        holder.put(path, JsonValues.toValue(node));
        ParamReader reader = new ParamReader(holder);
        int value = reader.intParam(path, min, max);
        reader.problems().forEach(p -> problems.add(new Problem(p.path(), p.message())));
        return reader.ok() ? Optional.of(value) : Optional.empty();
    }

    /** The groups: one per mode in the product form, else those of {@code runs}; empty when there are problems. */
    private static List<RunGroup> readGroups(ObjectNode document, int maxNodes, List<Problem> problems) {
        List<String> product = List.of("modes", "nodes", "workers");
        if (document.has("runs")) {
            product.stream().filter(document::has)
                    .forEach(field -> problems.add(new Problem(field, "cannot be combined with runs; " + EITHER)));
            return readRuns(document.get("runs"), maxNodes, problems);
        }
        product.stream().filter(field -> !document.has(field))
                .forEach(field -> problems.add(new Problem(field, "is required (or runs instead); " + EITHER)));
        if (product.stream().anyMatch(field -> !document.has(field))) {
            return List.of();
        }
        Optional<List<Mode>> modes = readModes(document.get("modes"), problems);
        Optional<List<Integer>> nodes = counts(document.get("nodes"), "nodes", TaskReader.MAX_NODES, maxNodes, problems);
        Optional<List<Integer>> workers = counts(document.get("workers"), "workers", TaskReader.MAX_WORKERS,
                TaskReader.MAX_WORKERS, problems);
        if (modes.isEmpty() || nodes.isEmpty() || workers.isEmpty()) {
            return List.of();
        }
        return modes.get().stream().map(m -> new RunGroup(m.wireName(), m, nodes.get(), workers.get())).toList();
    }

    private static Optional<List<Mode>> readModes(JsonNode node, List<Problem> problems) {
        if (!node.isArray() || node.isEmpty()) {
            problems.add(new Problem("modes", "must be a non-empty array of modes, e.g. [\"gil\", \"slots\", \"threads\"], got "
                    + JsonValues.describeNode(node)));
            return Optional.empty();
        }
        int before = problems.size();
        List<Mode> modes = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            Optional<Mode> mode = readMode(node.get(i), "modes[" + i + "]", problems);
            if (mode.isPresent() && modes.contains(mode.get())) {
                problems.add(new Problem("modes[" + i + "]", "lists \"" + mode.get().wireName() + "\" again"));
            }
            mode.ifPresent(modes::add);
        }
        return problems.size() == before ? Optional.of(modes) : Optional.empty();
    }

    private static Optional<Mode> readMode(JsonNode node, String path, List<Problem> problems) {
        Optional<Mode> mode = node.isTextual() ? Mode.fromWireName(node.textValue()) : Optional.empty();
        if (mode.isEmpty()) {
            problems.add(new Problem(path, "must be one of " + MODES + ", got " + JsonValues.describeNode(node)
                    + ("processes".equals(node.asText(null)) ? PROCESSES_HINT : "")));
        }
        return mode;
    }

    /** A list of node or worker counts: 1 to {@code max} each ({@code localMax} for nodes this client starts), no repeats. */
    private static Optional<List<Integer>> counts(JsonNode node, String path, int max, int localMax, List<Problem> problems) {
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_LIST) {
            String got = node.isArray() ? (node.isEmpty() ? "an empty array" : "an array of " + node.size()) : JsonValues.describeNode(node);
            problems.add(new Problem(path, "must be an array of 1 to " + MAX_LIST + " integers, e.g. [1, 2], got " + got));
            return Optional.empty();
        }
        int before = problems.size();
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = path + "[" + i + "]";
            Optional<Integer> value = integer(node.get(i), at, 1, max, problems);
            if (value.isEmpty()) {
                continue;
            }
            if (value.get() > localMax) {
                problems.add(new Problem(at, "must be at most " + localMax + " when local is true (each node is a JVM"
                        + " started on this host), got " + value.get()));
            } else if (values.contains(value.get())) {
                problems.add(new Problem(at, "lists " + value.get() + " again"));
            }
            values.add(value.get());
        }
        return problems.size() == before ? Optional.of(values) : Optional.empty();
    }

    private static List<RunGroup> readRuns(JsonNode node, int maxNodes, List<Problem> problems) {
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_LIST) {
            String got = node.isArray() ? (node.isEmpty() ? "an empty array" : "an array of " + node.size()) : JsonValues.describeNode(node);
            problems.add(new Problem("runs", "must be an array of 1 to " + MAX_LIST + " groups such as {\"mode\": \"threads\","
                    + " \"nodes\": [1, 2], \"workers\": [1], \"label\": \"processes\"}, got " + got));
            return List.of();
        }
        int before = problems.size();
        List<Read> groups = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            readGroup(node.get(i), i, maxNodes, problems).ifPresent(groups::add);
        }
        checkLabels(groups, problems);
        checkDuplicates(groups, problems);
        return problems.size() == before ? groups.stream().map(Read::group).toList() : List.of();
    }

    private static Optional<Read> readGroup(JsonNode node, int index, int maxNodes, List<Problem> problems) {
        String path = "runs[" + index + "]";
        if (!node.isObject()) {
            problems.add(new Problem(path, "must be an object such as {\"mode\": \"threads\", \"nodes\": [1, 2],"
                    + " \"workers\": [1], \"label\": \"processes\"}, got " + JsonValues.describeNode(node)));
            return Optional.empty();
        }
        int before = problems.size();
        node.fieldNames().forEachRemaining(field -> {
            if (!RUN_FIELDS.contains(field)) {
                problems.add(new Problem(path + "." + field, "unknown field; known: " + String.join(", ", RUN_FIELDS)));
            }
        });
        for (String field : List.of("mode", "nodes", "workers")) {
            if (!node.has(field)) {
                problems.add(new Problem(path + "." + field, field.equals("mode") ? "is required: one of " + MODES
                        : "is required: an array of " + field + " counts, e.g. [1, 2]"));
            }
        }
        Optional<Mode> mode = node.has("mode") ? readMode(node.get("mode"), path + ".mode", problems) : Optional.empty();
        Optional<List<Integer>> nodes = node.has("nodes")
                ? counts(node.get("nodes"), path + ".nodes", TaskReader.MAX_NODES, maxNodes, problems) : Optional.empty();
        Optional<List<Integer>> workers = node.has("workers")
                ? counts(node.get("workers"), path + ".workers", TaskReader.MAX_WORKERS, TaskReader.MAX_WORKERS, problems)
                : Optional.empty();
        JsonNode label = node.get("label");
        if (label != null && (!label.isTextual() || label.textValue().length() > MAX_LABEL_LENGTH
                || !ExperimentSpec.LABEL.matcher(label.textValue()).matches())) {
            problems.add(new Problem(path + ".label", "must be 1 to " + MAX_LABEL_LENGTH + " letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit, got " + JsonValues.describeNode(label)));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        String name = label == null ? mode.orElseThrow().wireName() : label.textValue();
        return Optional.of(new Read(index, new RunGroup(name, mode.orElseThrow(), nodes.orElseThrow(), workers.orElseThrow()),
                label != null));
    }

    /** A label names one line of one mode, and never another mode. */
    private static void checkLabels(List<Read> groups, List<Problem> problems) {
        Map<String, Read> first = new HashMap<>();
        for (Read read : groups) {
            RunGroup group = read.group();
            String path = "runs[" + read.index() + "].label";
            Optional<Mode> named = Mode.fromWireName(group.label());
            Read earlier = first.putIfAbsent(group.label(), read);
            if (named.isPresent() && named.get() != group.mode()) {
                problems.add(new Problem(path, "\"" + group.label() + "\" is the name of another mode; choose another label"));
            } else if (earlier != null && earlier.group().mode() != group.mode()) {
                problems.add(new Problem(read.labelled() ? path : "runs[" + read.index() + "].mode", "label \"" + group.label()
                        + "\" is already used for mode " + earlier.group().mode().wireName() + " in runs[" + earlier.index()
                        + "]; a label names the line of one mode"));
            }
        }
    }

    /** Each configuration runs once: two groups of one label must not share a node and worker count. */
    private static void checkDuplicates(List<Read> groups, List<Problem> problems) {
        Map<Configuration, Integer> seen = new HashMap<>();
        for (Read read : groups) {
            Set<String> repeated = new LinkedHashSet<>();
            Set<Integer> of = new LinkedHashSet<>();
            for (Configuration configuration : read.group().configurations()) {
                Integer earlier = seen.putIfAbsent(configuration, read.index());
                if (earlier != null) {
                    repeated.add("nodes=" + configuration.nodes() + " workers=" + configuration.workers());
                    of.add(earlier);
                }
            }
            if (!repeated.isEmpty()) {
                problems.add(new Problem("runs[" + read.index() + "]", "repeats " + String.join(", ", repeated) + " of label \""
                        + read.group().label() + "\" from " + of.stream().map(i -> "runs[" + i + "]").collect(Collectors.joining(", "))
                        + "; each configuration runs once per round"));
            }
        }
    }

    /** Problems in the order their top-level fields appear in the document; the document's own first, absent fields last. */
    private static Comparator<Problem> documentOrder(ObjectNode document) {
        List<String> keys = new ArrayList<>();
        document.fieldNames().forEachRemaining(keys::add);
        return Comparator.comparingInt(problem -> {
            String head = HEAD.split(problem.path(), 2)[0];
            if (problem.path().equals("$")) {
                return -1;
            }
            int index = keys.indexOf(head);
            return index < 0 ? Integer.MAX_VALUE : index;
        });
    }

    private static final Pattern HEAD = Pattern.compile("[.\\[]");
}

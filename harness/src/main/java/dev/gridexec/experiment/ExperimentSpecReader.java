package dev.gridexec.experiment;

import static dev.gridexec.experiment.ExperimentSpec.DEFAULT_LOCAL;
import static dev.gridexec.experiment.ExperimentSpec.DEFAULT_REPEATS;
import static dev.gridexec.experiment.ExperimentSpec.DEFAULT_WARMUP;
import static dev.gridexec.experiment.ExperimentSpec.MAX_LOCAL_NODES;
import static dev.gridexec.experiment.ExperimentSpec.MAX_NAME_LENGTH;
import static dev.gridexec.experiment.ExperimentSpec.MAX_REPEATS;
import static dev.gridexec.experiment.ExperimentSpec.MAX_RUNS;
import static dev.gridexec.experiment.ExperimentSpec.MAX_WARMUP;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.task.InvalidTaskException;
import dev.gridexec.task.JsonDocument;
import dev.gridexec.task.JsonValues;
import dev.gridexec.wire.Problem;
import dev.gridexec.task.TaskDefaults;
import dev.gridexec.task.TaskReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

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
        List<RunGroup> groups = RunGroupsReader.read(document, local ? MAX_LOCAL_NODES : TaskReader.MAX_NODES, problems);
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
        return document.has(field) ? SpecValues.integer(document.get(field), field, min, max, problems).orElse(defaultValue)
                : defaultValue;
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

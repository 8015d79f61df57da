package dev.gridexec.experiment;

import static dev.gridexec.experiment.ExperimentSpec.MAX_LABEL_LENGTH;
import static dev.gridexec.experiment.ExperimentSpec.MAX_LIST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridexec.task.JsonValues;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Problem;
import dev.gridexec.task.TaskReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the run groups of an experiment spec for {@link ExperimentSpecReader}: one group per mode in the product
 * form ({@code modes}, {@code nodes}, {@code workers}), else those of {@code runs}, whose labels must each name the
 * line of one mode and whose configurations must each run once.
 */
final class RunGroupsReader {

    private static final String EITHER = "give either runs, or modes, nodes and workers (every combination runs)";

    private RunGroupsReader() {
    }

    /** A group read from the spec; {@code index} is its place in {@code runs}, -1 in the product form. */
    private record Read(int index, RunGroup group, boolean labelled) {
    }

    /** The groups: one per mode in the product form, else those of {@code runs}; empty when there are problems. */
    static List<RunGroup> read(ObjectNode document, int maxNodes, List<Problem> problems) {
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
        Optional<List<Integer>> nodes = SpecValues.counts(document.get("nodes"), "nodes", TaskReader.MAX_NODES, maxNodes,
                problems);
        Optional<List<Integer>> workers = SpecValues.counts(document.get("workers"), "workers", TaskReader.MAX_WORKERS,
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
            Optional<Mode> mode = SpecValues.mode(node.get(i), "modes[" + i + "]", problems);
            if (mode.isPresent() && modes.contains(mode.get())) {
                problems.add(new Problem("modes[" + i + "]", "lists \"" + mode.get().wireName() + "\" again"));
            }
            mode.ifPresent(modes::add);
        }
        return problems.size() == before ? Optional.of(modes) : Optional.empty();
    }

    private static List<RunGroup> readRuns(JsonNode node, int maxNodes, List<Problem> problems) {
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_LIST) {
            String got = node.isArray() ? (node.isEmpty() ? "an empty array" : "an array of " + node.size()) : JsonValues.describeNode(node);
            problems.add(new Problem("runs", "must be an array of 1 to " + MAX_LIST + " groups such as {\"mode\": \"threads\","
                    + " \"nodes\": [1, 2], \"workers\": [1], \"label\": \"node-processes\"}, got " + got));
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
                    + " \"workers\": [1], \"label\": \"node-processes\"}, got " + JsonValues.describeNode(node)));
            return Optional.empty();
        }
        int before = problems.size();
        node.fieldNames().forEachRemaining(field -> {
            if (!ExperimentSpecReader.RUN_FIELDS.contains(field)) {
                problems.add(new Problem(path + "." + field, "unknown field; known: " + String.join(", ", ExperimentSpecReader.RUN_FIELDS)));
            }
        });
        for (String field : List.of("mode", "nodes", "workers")) {
            if (!node.has(field)) {
                problems.add(new Problem(path + "." + field, field.equals("mode") ? "is required: one of " + SpecValues.MODES
                        : "is required: an array of " + field + " counts, e.g. [1, 2]"));
            }
        }
        Optional<Mode> mode = node.has("mode") ? SpecValues.mode(node.get("mode"), path + ".mode", problems) : Optional.empty();
        Optional<List<Integer>> nodes = node.has("nodes")
                ? SpecValues.counts(node.get("nodes"), path + ".nodes", TaskReader.MAX_NODES, maxNodes, problems) : Optional.empty();
        Optional<List<Integer>> workers = node.has("workers")
                ? SpecValues.counts(node.get("workers"), path + ".workers", TaskReader.MAX_WORKERS, TaskReader.MAX_WORKERS, problems)
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
}

package dev.gridexec.experiment;

import static dev.gridexec.experiment.ExperimentSpec.MAX_LIST;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.task.JsonValues;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The checks of an experiment spec's single values: a bounded integer (in task.json's words), a mode, a list of
 * node or worker counts. Each returns the value, or empty with its problems added to the list given.
 */
final class SpecValues {

    /** The modes, quoted and separated by commas, as messages list them. */
    static final String MODES = Arrays.stream(Mode.values()).map(m -> "\"" + m.wireName() + "\"")
            .collect(Collectors.joining(", "));
    private static final String NODE_PROCESSES_HINT = "; \"node-processes\" is a label, not a mode: give runs with a group"
            + " {\"mode\": \"threads\", \"nodes\": [1, 2], \"workers\": [1], \"label\": \"node-processes\"}";

    private SpecValues() {
    }

    /** The integer at {@code path} in {@code [min, max]}, checked as task.json's are (same words), or empty with a problem. */
    static Optional<Integer> integer(JsonNode node, String path, int min, int max, List<Problem> problems) {
        Map<String, Object> holder = new HashMap<>();
        holder.put(path, JsonValues.toValue(node));
        ParamReader reader = new ParamReader(holder);
        int value = reader.intParam(path, min, max);
        reader.problems().forEach(p -> problems.add(new Problem(p.path(), p.message())));
        return reader.ok() ? Optional.of(value) : Optional.empty();
    }

    /** The mode named at {@code path}, or empty with a problem listing the modes. */
    static Optional<Mode> mode(JsonNode node, String path, List<Problem> problems) {
        Optional<Mode> mode = node.isTextual() ? Mode.fromWireName(node.textValue()) : Optional.empty();
        if (mode.isEmpty()) {
            problems.add(new Problem(path, "must be one of " + MODES + ", got " + JsonValues.describeNode(node)
                    + ("node-processes".equals(node.asText(null)) ? NODE_PROCESSES_HINT : "")));
        }
        return mode;
    }

    /** A list of node or worker counts: 1 to {@code max} each ({@code localMax} for nodes this client starts), no repeats. */
    static Optional<List<Integer>> counts(JsonNode node, String path, int max, int localMax, List<Problem> problems) {
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
}

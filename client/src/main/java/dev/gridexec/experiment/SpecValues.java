package dev.gridexec.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.task.Problem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading one JSON value of a spec: integers checked as task.json's are (same words), descriptions for messages. */
final class SpecValues {

    private SpecValues() {
    }

    /** The integer at {@code path} in {@code [min, max]}, or empty with a problem recorded. */
    static Optional<Integer> integer(JsonNode node, String path, int min, int max, List<Problem> problems) {
        Map<String, Object> holder = new HashMap<>();
        holder.put(path, value(node));
        ParamReader reader = new ParamReader(holder);
        int value = reader.intParam(path, min, max);
        reader.problems().forEach(p -> problems.add(new Problem(p.path(), p.message())));
        return reader.ok() ? Optional.of(value) : Optional.empty();
    }

    /** A node as the plain value {@link ParamReader} reads: Long, BigInteger, BigDecimal, String, Boolean, List, Map or null. */
    static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            return List.of();
        }
        return Map.of();
    }

    /** A value as the user wrote it, short: {@code "two"}, {@code 2.5}, {@code an array}. */
    static String describe(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            String s = node.textValue();
            return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        if (node.isArray()) {
            return node.isEmpty() ? "an empty array" : "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.toString();
    }
}

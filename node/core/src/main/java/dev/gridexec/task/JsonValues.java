package dev.gridexec.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jackson trees as the JSON-like Java values that kernels read: {@link Long} for integers that fit a
 * long, {@link java.math.BigInteger} for bigger ones, {@link BigDecimal} for other numbers, {@link String},
 * {@link Boolean}, unmodifiable {@link List} and insertion-ordered {@link Map}, and {@code null}.
 */
public final class JsonValues {

    private JsonValues() {
    }

    /** An object node as an unmodifiable map, keys in document order. */
    public static Map<String, Object> toMap(JsonNode object) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            map.put(field.getKey(), toValue(field.getValue()));
        }
        return Collections.unmodifiableMap(map);
    }

    /** Any node as a plain value; a missing node ({@code null} included) as {@code null}. */
    public static Object toValue(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            return toMap(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(toValue(element)));
            return Collections.unmodifiableList(list);
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
        return null;
    }

    /** A value as the user wrote it, short: {@code "two"}, {@code 2.5}, {@code an array}; as ParamReader words it. */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return value.toString();
    }

    /** A node as the user wrote it, short, in the words of {@link #describe(Object)}. */
    public static String describeNode(JsonNode node) {
        return describe(toValue(node));
    }
}

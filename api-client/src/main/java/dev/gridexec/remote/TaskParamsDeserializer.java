package dev.gridexec.remote;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a task's {@code params} as the coordinator's TaskReader holds them: {@link Long} (or
 * {@link java.math.BigInteger}) for integers, {@link java.math.BigDecimal} straight from the text for
 * other numbers, String, Boolean, List, Map. So a record read back writes the same JSON, digit for digit.
 */
final class TaskParamsDeserializer extends StdDeserializer<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    TaskParamsDeserializer() {
        super(Map.class);
    }

    @Override
    public Map<String, Object> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.isExpectedStartObjectToken()) {
            return context.reportInputMismatch(this, "task params must be an object, got %s", parser.currentToken());
        }
        return object(parser, context);
    }

    private Map<String, Object> object(JsonParser parser, DeserializationContext context) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            parser.nextToken();
            map.put(name, value(parser, context));
        }
        return Collections.unmodifiableMap(map);
    }

    private Object value(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                return object(parser, context);
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser, context));
                }
                return Collections.unmodifiableList(list);
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDecimalValue();
            case VALUE_STRING:
                return parser.getText();
            case VALUE_TRUE:
            case VALUE_FALSE:
                return parser.getBooleanValue();
            case VALUE_NULL:
                return null;
            default:
                return context.handleUnexpectedToken(Object.class, parser);
        }
    }
}

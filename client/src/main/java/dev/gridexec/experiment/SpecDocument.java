package dev.gridexec.experiment;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridexec.task.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bytes of an experiment spec as a Jackson tree whose root is an object, read as strictly as task.json
 * is (no byte-order mark, UTF-8 only, no duplicate keys, nothing after the object), or the one problem that
 * stops it from being read. Numbers keep the form they were written in, so messages quote them.
 */
final class SpecDocument {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

    private SpecDocument() {
    }

    static ObjectNode parseObject(byte[] bytes) throws InvalidExperimentException {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF) || startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE)) {
            throw invalid("starts with a byte-order mark; save the file as UTF-8 without one");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("is not UTF-8 text (a binary file?); save the file as UTF-8");
        }
        if (text.isBlank()) {
            throw invalid("is empty; expected a JSON object");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid(syntax(e));
        }
        if (root instanceof ObjectNode object) {
            return object;
        }
        throw invalid("must be a JSON object, got " + SpecValues.describe(root));
    }

    private static String syntax(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String at = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        String message = e.getOriginalMessage();
        if (message.startsWith("Duplicate field ") && e.getProcessor() instanceof JsonParser parser) {
            return "has a duplicate key \"" + parser.getParsingContext().getCurrentName() + "\"" + at
                    + "; a key may appear only once";
        }
        if (message.startsWith("Trailing token")) {
            return "has content after the JSON object" + at + "; a spec is a single JSON object";
        }
        return "is not valid JSON" + at + ": " + message.replaceAll("\\s+", " ");
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static InvalidExperimentException invalid(String message) {
        return new InvalidExperimentException(List.of(new Problem("$", message)));
    }
}

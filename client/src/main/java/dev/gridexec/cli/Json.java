package dev.gridexec.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The client's one place that makes ObjectMappers: documents the user wrote, and records and results to print. */
final class Json {

    /**
     * Task files and experiment specs: numbers kept exactly as written (1E+400 stays 1E+400), a field given twice
     * refused, so that the coordinator judges what the user wrote.
     */
    static final ObjectMapper DOCUMENTS = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** Job records and results, as the client reads them from a coordinator: plain trees. */
    static final ObjectMapper PLAIN = new ObjectMapper();

    /** Records, lists of them and results for people and scripts: indented. */
    static final ObjectWriter INDENTED = PLAIN.writerWithDefaultPrettyPrinter();

    private Json() {
    }
}

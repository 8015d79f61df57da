package dev.gridexec.experiment;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;

/**
 * The harness's one {@link ObjectMapper} (experiment runs' task documents, report.json, {@code client bench --json})
 * and the one style its JSON is written in for people and programs alike.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The mapper; shared and thread-safe, never to be reconfigured. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A generator writing to {@code out} in the reports' style: two-space indents, one field or element per line,
     * {@code "name": value}, big decimals written plain; closing it leaves {@code out} open.
     */
    public static JsonGenerator generator(Writer out) throws IOException {
        JsonGenerator json = MAPPER.getFactory().createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        json.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n")));
        return json;
    }

    /** {@code value} (records, lists, maps, trees) as one document in that style, and a newline. */
    public static void write(Object value, Writer out) throws IOException {
        try (JsonGenerator json = generator(out)) {
            MAPPER.writeValue(json, value);
        }
        out.write('\n');
    }
}

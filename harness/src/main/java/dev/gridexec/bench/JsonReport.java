package dev.gridexec.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;

/** The bench result as one JSON document: context, settings, every raw sample, summaries and warnings. */
final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static void print(BenchResult result, PrintWriter out) throws IOException {
        out.println(JSON.writeValueAsString(result));
    }
}

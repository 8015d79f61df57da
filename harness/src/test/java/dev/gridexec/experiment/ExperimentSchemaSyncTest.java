package dev.gridexec.experiment;

import static dev.gridexec.experiment.ExperimentSpec.DEFAULT_LOCAL;
import static dev.gridexec.experiment.ExperimentSpec.DEFAULT_REPEATS;
import static dev.gridexec.experiment.ExperimentSpec.DEFAULT_WARMUP;
import static dev.gridexec.experiment.ExperimentSpec.LABEL;
import static dev.gridexec.experiment.ExperimentSpec.MAX_LABEL_LENGTH;
import static dev.gridexec.experiment.ExperimentSpec.MAX_LIST;
import static dev.gridexec.experiment.ExperimentSpec.MAX_LOCAL_NODES;
import static dev.gridexec.experiment.ExperimentSpec.MAX_NAME_LENGTH;
import static dev.gridexec.experiment.ExperimentSpec.MAX_REPEATS;
import static dev.gridexec.experiment.ExperimentSpec.MAX_WARMUP;
import static dev.gridexec.experiment.ExperimentSpec.NAME;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gridexec.task.TaskReader;
import dev.gridexec.testsupport.SchemaSyncContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/experiment.schema.json, examples/experiments/*.json and {@link ExperimentSpecReader} in step:
 * what one accepts the others accept, what one rejects the others reject, except for the rules the reader
 * alone can check (they are listed in the schema's description and tested in {@link ExperimentSpecReaderTest}).
 */
class ExperimentSchemaSyncTest extends SchemaSyncContract {

    private static final String TASK = "\"task\": {\"kernel\": \"primes\", \"params\": {\"limit\": 1000}, \"chunks\": 8}";
    private static final String PRODUCT = "\"modes\": [\"threads\"], \"nodes\": [1], \"workers\": [1]";
    private static final String GROUP = "{\"mode\": \"threads\", \"nodes\": [1], \"workers\": [1]}";

    ExperimentSchemaSyncTest() {
        super("experiment.schema.json", "examples/experiments");
    }

    @Override
    protected void assertReaderAccepts(String json) throws Exception {
        assertThat(ExperimentSpecReaderTest.READER.read(json.getBytes(StandardCharsets.UTF_8)).configurations()).isNotEmpty();
    }

    @Override
    protected void assertReaderRejects(String json) {
        assertThat(catchThrowableOfType(InvalidExperimentException.class,
                () -> ExperimentSpecReaderTest.READER.read(json.getBytes(StandardCharsets.UTF_8)))).as("reader").isNotNull();
    }

    /** An example is read, and named after its file. */
    @Override
    protected void assertReaderAcceptsExample(String fileName, String json) throws Exception {
        ExperimentSpec spec = ExperimentSpecReaderTest.READER.read(json.getBytes(StandardCharsets.UTF_8));
        assertThat(spec.name() + ".json").isEqualTo(fileName);
    }

    /** A line for each property of the schema: its default and bounds. */
    @Override
    protected Map<String, Object> schemaValues() {
        String nodesOfLocal = "/else/properties/nodes/items/maximum";
        String nodesOfLocalRuns = "/else/properties/runs/items/properties/nodes/items/maximum";
        return Map.ofEntries(
                entry("/properties/repeats/default", DEFAULT_REPEATS), entry("/properties/repeats/maximum", MAX_REPEATS),
                entry("/properties/warmup/default", DEFAULT_WARMUP), entry("/properties/warmup/maximum", MAX_WARMUP),
                entry("/properties/local/default", DEFAULT_LOCAL),
                entry("/properties/name/maxLength", MAX_NAME_LENGTH),
                entry("/properties/name/pattern", "^" + NAME.pattern() + "$"),
                entry("/$defs/runGroup/properties/label/maxLength", MAX_LABEL_LENGTH),
                entry("/$defs/runGroup/properties/label/pattern", "^" + LABEL.pattern() + "$"),
                entry("/$defs/nodeCounts/items/maximum", TaskReader.MAX_NODES), entry("/$defs/nodeCounts/maxItems", MAX_LIST),
                entry("/$defs/workerCounts/items/maximum", TaskReader.MAX_WORKERS), entry("/$defs/workerCounts/maxItems", MAX_LIST),
                entry("/properties/runs/maxItems", MAX_LIST),
                entry(nodesOfLocal, MAX_LOCAL_NODES), entry(nodesOfLocalRuns, MAX_LOCAL_NODES));
    }

    @Test
    void theSchemaListsTheReadersFields() {
        assertThat(propertyNames("/properties")).containsExactlyElementsOf(ExperimentSpecReader.FIELDS);
        assertThat(propertyNames("/$defs/runGroup/properties")).containsExactlyElementsOf(ExperimentSpecReader.RUN_FIELDS);
    }

    @Test
    void thereAreTheExamplesTheIssueAsksFor() throws IOException {
        assertThat(examples()).contains("talk.json", "talk-16.json", "isolation.json", "io.json");
    }

    @Override
    protected Stream<String> invalidDocuments() {
        String head = "{\"name\": \"n\", " + TASK + ", ";
        Stream<String> whole = Stream.of("[]", "{}", "{\"name\": \"n\", " + PRODUCT + "}", "{" + TASK + ", " + PRODUCT + "}",
                head + "\"local\": true}", head + "\"modes\": [\"threads\"], \"nodes\": [1]}",
                head + PRODUCT + ", \"runs\": [" + GROUP + "]}", head + "\"nodes\": [1], \"runs\": [" + GROUP + "]}");
        Stream<String> fields = Stream.of("\"colour\": 1", "\"repeats\": 0", "\"repeats\": 101", "\"repeats\": 1.5",
                "\"warmup\": -1", "\"warmup\": 101", "\"local\": \"yes\"", "\"local\": null")
                .map(field -> head + PRODUCT + ", " + field + "}");
        Stream<String> names = Stream.of("\"\"", "\"a b\"", "\"../up\"", "\".hidden\"", "\"" + "x".repeat(101) + "\"", "3")
                .map(name -> "{\"name\": " + name + ", " + TASK + ", " + PRODUCT + "}");
        Stream<String> tasks = Stream.of("{\"kernel\": \"nope\"}", "{\"kernel\": \"primes\"}", "1",
                "{\"kernel\": \"primes\", \"params\": {\"limit\": 1}}",
                "{\"kernel\": \"primes\", \"params\": {\"limit\": 10}, \"workers\": 0}",
                "{\"kernel\": \"primes\", \"params\": {\"limit\": 10}, \"foo\": 0}")
                .map(task -> "{\"name\": \"n\", \"task\": " + task + ", " + PRODUCT + "}");
        Stream<String> sweeps = Stream.of(
                "\"modes\": [], \"nodes\": [1], \"workers\": [1]",
                "\"modes\": [\"node-processes\"], \"nodes\": [1], \"workers\": [1]",
                "\"modes\": [\"gil\", \"gil\"], \"nodes\": [1], \"workers\": [1]",
                "\"modes\": \"gil\", \"nodes\": [1], \"workers\": [1]",
                "\"modes\": [\"gil\"], \"nodes\": [], \"workers\": [1]",
                "\"modes\": [\"gil\"], \"nodes\": [0], \"workers\": [1]",
                "\"modes\": [\"gil\"], \"nodes\": [1, 1], \"workers\": [1]",
                "\"modes\": [\"gil\"], \"nodes\": [65], \"workers\": [1]",
                "\"modes\": [\"gil\"], \"nodes\": [4097], \"workers\": [1], \"local\": false",
                "\"modes\": [\"gil\"], \"nodes\": [1.5], \"workers\": [1]",
                "\"modes\": [\"gil\"], \"nodes\": [1], \"workers\": [0]",
                "\"modes\": [\"gil\"], \"nodes\": [1], \"workers\": [4097]",
                "\"modes\": [\"gil\"], \"nodes\": [1], \"workers\": [\"2\"]",
                "\"modes\": [\"gil\"], \"nodes\": [1], \"workers\": ["
                        + String.join(", ", Stream.iterate(1, w -> w + 1).limit(65).map(String::valueOf).toList()) + "]",
                "\"runs\": []", "\"runs\": {}", "\"runs\": [7]", "\"runs\": [{}]",
                "\"runs\": [{\"mode\": \"threads\", \"nodes\": [1]}]",
                "\"runs\": [{\"mode\": \"node-processes\", \"nodes\": [1], \"workers\": [1]}]",
                "\"runs\": [{\"mode\": \"threads\", \"nodes\": [1], \"workers\": [1], \"x\": 1}]",
                "\"runs\": [{\"mode\": \"threads\", \"nodes\": [1], \"workers\": [1], \"label\": \"\"}]",
                "\"runs\": [{\"mode\": \"threads\", \"nodes\": [1], \"workers\": [1], \"label\": \"a,b\"}]",
                "\"runs\": [{\"mode\": \"threads\", \"nodes\": [1], \"workers\": [1], \"label\": \"" + "p".repeat(41) + "\"}]",
                "\"runs\": [{\"mode\": \"threads\", \"nodes\": [65], \"workers\": [1]}]")
                .map(sweep -> head + sweep + "}");
        return Stream.of(whole, fields, names, tasks, sweeps).flatMap(documents -> documents);
    }

    @Override
    protected Stream<String> validDocuments() {
        return Stream.of(
                "{\"name\": \"n\", " + TASK + ", " + PRODUCT + "}",
                "{\"name\": \"a.B_9-x\", " + TASK + ", \"modes\": [\"gil\", \"slots\", \"threads\"], \"nodes\": [1, 64],"
                        + " \"workers\": [1, 4096], \"repeats\": 1, \"warmup\": 0, \"local\": true}",
                "{\"name\": \"n\", " + TASK + ", \"modes\": [\"gil\"], \"nodes\": [4096], \"workers\": [1], \"repeats\": 100,"
                        + " \"warmup\": 10, \"local\": false}",
                "{\"name\": \"n\", \"task\": {\"kernel\": \"sleep\", \"params\": {\"millis\": 1}, \"mode\": \"gil\", \"nodes\": 3,"
                        + " \"workers\": 9, \"timeout\": \"30s\"}, \"runs\": [" + GROUP + "]}",
                "{\"name\": \"n\", " + TASK + ", \"runs\": [" + GROUP + ", {\"mode\": \"threads\", \"nodes\": [1, 2], \"workers\": [1],"
                        + " \"label\": \"node-processes\"}, {\"mode\": \"gil\", \"nodes\": [2], \"workers\": [2.0]}]}",
                "{\"name\": \"" + "x".repeat(100) + "\", " + TASK + ", \"runs\": [{\"mode\": \"slots\", \"nodes\": [1],"
                        + " \"workers\": [1], \"label\": \"" + "p".repeat(40) + "\"}]}");
    }
}

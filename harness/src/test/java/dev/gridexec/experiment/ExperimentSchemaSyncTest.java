package dev.gridexec.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.task.TaskReader;
import dev.gridexec.testsupport.SchemaDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps docs/experiment.schema.json, examples/experiments/*.json and {@link ExperimentSpecReader} in step:
 * what one accepts the others accept, what one rejects the others reject, except for the rules the reader
 * alone can check (they are listed in the schema's description and tested in {@link ExperimentSpecReaderTest}).
 */
class ExperimentSchemaSyncTest {

    private static final SchemaDocs SCHEMA = SchemaDocs.of("experiment.schema.json");
    private static final JsonNode SCHEMA_NODE = SCHEMA.node();

    private static final String TASK = "\"task\": {\"kernel\": \"primes\", \"params\": {\"limit\": 1000}, \"chunks\": 8}";
    private static final String PRODUCT = "\"modes\": [\"threads\"], \"nodes\": [1], \"workers\": [1]";
    private static final String GROUP = "{\"mode\": \"threads\", \"nodes\": [1], \"workers\": [1]}";

    private static Set<String> schemaErrors(String json) {
        return SCHEMA.errors(json);
    }

    private static List<String> properties(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Stream<String> examples() throws IOException {
        return SchemaDocs.jsonFiles("examples/experiments");
    }

    @Test
    void theSchemaIsAValidDraft202012Schema() {
        assertThat(SCHEMA.metaSchemaErrors()).isEmpty();
    }

    @Test
    void theSchemaListsTheReadersFields() {
        assertThat(properties(SCHEMA_NODE.get("properties"))).containsExactlyElementsOf(ExperimentSpecReader.FIELDS);
        assertThat(properties(SCHEMA_NODE.at("/$defs/runGroup/properties"))).containsExactlyElementsOf(ExperimentSpecReader.RUN_FIELDS);
    }

    @Test
    void theSchemaDefaultsAndBoundsAreTheSpecsOwn() {
        assertThat(SCHEMA_NODE.at("/properties/repeats/default").asInt()).isEqualTo(ExperimentSpec.DEFAULT_REPEATS);
        assertThat(SCHEMA_NODE.at("/properties/repeats/maximum").asInt()).isEqualTo(ExperimentSpec.MAX_REPEATS);
        assertThat(SCHEMA_NODE.at("/properties/warmup/default").asInt()).isEqualTo(ExperimentSpec.DEFAULT_WARMUP);
        assertThat(SCHEMA_NODE.at("/properties/warmup/maximum").asInt()).isEqualTo(ExperimentSpec.MAX_WARMUP);
        assertThat(SCHEMA_NODE.at("/properties/local/default").asBoolean()).isEqualTo(ExperimentSpec.DEFAULT_LOCAL);
        assertThat(SCHEMA_NODE.at("/properties/name/maxLength").asInt()).isEqualTo(ExperimentSpec.MAX_NAME_LENGTH);
        assertThat(SCHEMA_NODE.at("/properties/name/pattern").asText()).isEqualTo("^" + ExperimentSpec.NAME.pattern() + "$");
        assertThat(SCHEMA_NODE.at("/$defs/runGroup/properties/label/maxLength").asInt()).isEqualTo(ExperimentSpec.MAX_LABEL_LENGTH);
        assertThat(SCHEMA_NODE.at("/$defs/runGroup/properties/label/pattern").asText())
                .isEqualTo("^" + ExperimentSpec.LABEL.pattern() + "$");
        assertThat(SCHEMA_NODE.at("/$defs/nodeCounts/items/maximum").asInt()).isEqualTo(TaskReader.MAX_NODES);
        assertThat(SCHEMA_NODE.at("/$defs/workerCounts/items/maximum").asInt()).isEqualTo(TaskReader.MAX_WORKERS);
        assertThat(SCHEMA_NODE.at("/$defs/nodeCounts/maxItems").asInt()).isEqualTo(ExperimentSpec.MAX_LIST);
        assertThat(SCHEMA_NODE.at("/$defs/workerCounts/maxItems").asInt()).isEqualTo(ExperimentSpec.MAX_LIST);
        assertThat(SCHEMA_NODE.at("/properties/runs/maxItems").asInt()).isEqualTo(ExperimentSpec.MAX_LIST);
        assertThat(SCHEMA_NODE.at("/else/properties/nodes/items/maximum").asInt()).isEqualTo(ExperimentSpec.MAX_LOCAL_NODES);
        assertThat(SCHEMA_NODE.at("/else/properties/runs/items/properties/nodes/items/maximum").asInt())
                .isEqualTo(ExperimentSpec.MAX_LOCAL_NODES);
    }

    @Test
    void thereAreTheExamplesTheIssueAsksFor() throws IOException {
        assertThat(examples()).contains("talk.json", "talk-16.json", "isolation.json", "io.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleValidatesAgainstTheSchemaAndIsAcceptedByTheReader(String example) throws Exception {
        Path file = SchemaDocs.ROOT.resolve("examples/experiments").resolve(example);
        assertThat(schemaErrors(Files.readString(file))).isEmpty();
        ExperimentSpec spec = ExperimentSpecReaderTest.READER.read(Files.readAllBytes(file));
        assertThat(spec.name() + ".json").isEqualTo(example);
    }

    static Stream<String> invalidDocuments() {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDocuments")
    void invalidDocumentsAreRejectedByTheSchemaAndTheReader(String json) {
        assertThat(schemaErrors(json)).as("schema errors").isNotEmpty();
        assertThat(catchThrowableOfType(InvalidExperimentException.class,
                () -> ExperimentSpecReaderTest.READER.read(json.getBytes(StandardCharsets.UTF_8)))).as("reader").isNotNull();
    }

    static Stream<String> validDocuments() {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("validDocuments")
    void validDocumentsAreAcceptedByTheSchemaAndTheReader(String json) throws Exception {
        assertThat(schemaErrors(json)).as("schema errors").isEmpty();
        assertThat(ExperimentSpecReaderTest.READER.read(json.getBytes(StandardCharsets.UTF_8)).configurations()).isNotEmpty();
    }
}

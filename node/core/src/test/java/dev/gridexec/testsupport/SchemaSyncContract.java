package dev.gridexec.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every schema-sync test checks of a JSON schema under docs/, the examples written against it and the reader of
 * such documents: the schema is a valid schema, every example validates and is read, every document one of them
 * rejects the other rejects too, every document one accepts the other accepts, and the schema's defaults and bounds
 * are the reader's constants. A subclass names the schema and the examples' folder, says how its reader takes a
 * document, and gives the documents; a schema's own checks stay in the subclass.
 *
 * <p>One instance serves all of a class's tests ({@link TestInstance.Lifecycle#PER_CLASS}), so that the documents are
 * the subclass's methods, checked by the compiler, rather than static methods found by name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SchemaSyncContract {

    /** The schema. */
    protected final SchemaDocs schema;
    private final String examplesFolder;

    /** @param schemaFile the schema under docs/; @param examplesFolder its examples' folder, relative to the root */
    protected SchemaSyncContract(String schemaFile, String examplesFolder) {
        this.schema = SchemaDocs.of(schemaFile);
        this.examplesFolder = examplesFolder;
    }

    /** Fails unless the reader accepts {@code json} and makes of it what it should. */
    protected abstract void assertReaderAccepts(String json) throws Exception;

    /** Fails unless the reader rejects {@code json} with its own exception for bad input. */
    protected abstract void assertReaderRejects(String json);

    /** Fails unless the reader accepts the example {@code fileName} ({@code json}) as it should. */
    protected abstract void assertReaderAcceptsExample(String fileName, String json) throws Exception;

    /** Documents the schema and the reader both reject. */
    protected abstract Stream<String> invalidDocuments();

    /** Documents the schema and the reader both accept. */
    protected abstract Stream<String> validDocuments();

    /** The schema's defaults and bounds, by JSON pointer, with the reader's constant each must equal. */
    protected abstract Map<String, Object> schemaValues();

    /** The names of the properties of the schema's object at {@code pointer}, in the schema's order. */
    protected final List<String> propertyNames(String pointer) {
        List<String> names = new ArrayList<>();
        schema.node().at(pointer).fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The examples' file names, sorted. */
    protected final Stream<String> examples() throws IOException {
        return SchemaDocs.jsonFiles(examplesFolder);
    }

    @Test
    void theSchemaIsAValidDraft202012Schema() {
        assertThat(schema.metaSchemaErrors()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleValidatesAgainstTheSchemaAndIsAcceptedByTheReader(String example) throws Exception {
        String json = Files.readString(SchemaDocs.ROOT.resolve(examplesFolder).resolve(example));
        assertThat(schema.errors(json)).as("schema errors").isEmpty();
        assertReaderAcceptsExample(example, json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDocuments")
    void invalidDocumentsAreRejectedByTheSchemaAndTheReader(String json) {
        assertThat(schema.errors(json)).as("schema errors").isNotEmpty();
        assertReaderRejects(json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validDocuments")
    void validDocumentsAreAcceptedByTheSchemaAndTheReader(String json) throws Exception {
        assertThat(schema.errors(json)).as("schema errors").isEmpty();
        assertReaderAccepts(json);
    }

    Stream<Arguments> schemaValueCases() {
        return schemaValues().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(value -> Arguments.of(value.getKey(), value.getValue()));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("schemaValueCases")
    void theSchemasDefaultsAndBoundsAreTheReadersOwn(String pointer, Object expected) {
        JsonNode value = schema.node().at(pointer);
        assertThat(value.isValueNode()).as("%s is in the schema", pointer).isTrue();
        assertThat(value.asText()).isEqualTo(String.valueOf(expected));
    }

    /** The file {@code name} of the examples' folder. */
    protected final Path example(String name) {
        return SchemaDocs.ROOT.resolve(examplesFolder).resolve(name);
    }
}

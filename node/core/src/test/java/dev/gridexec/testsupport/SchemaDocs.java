package dev.gridexec.testsupport;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One JSON schema under docs/ as the schema-sync tests read it: its tree, the errors it finds in a document,
 * and the files of an examples folder. {@code $ref}s to {@code https://gridexec.dev/schemas/} resolve to docs/,
 * never to the network.
 */
public final class SchemaDocs {

    /** The repository root: the nearest folder above the test's working directory that holds docs/ and pom.xml. */
    public static final Path ROOT = root();
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final String PREFIX = "https://gridexec.dev/schemas/";

    private final JsonNode node;
    private final JsonSchema schema;

    private SchemaDocs(String file) {
        Path docs = ROOT.resolve("docs");
        this.node = readTree(docs.resolve(file));
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(PREFIX, docs.toUri().toString())));
        this.schema = factory.getSchema(SchemaLocation.of(PREFIX + file));
    }

    /** The schema docs/{@code file}, e.g. {@code task.schema.json}. */
    public static SchemaDocs of(String file) {
        return new SchemaDocs(file);
    }

    /** The schema's own tree. */
    public JsonNode node() {
        return node;
    }

    /** What the schema finds wrong with {@code json}; empty when it validates. */
    public Set<String> errors(String json) {
        try {
            return schema.validate(MAPPER.readTree(json)).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the draft 2020-12 meta-schema finds wrong with this schema; empty when it is a valid schema. */
    public Set<ValidationMessage> metaSchemaErrors() {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        return meta.validate(node);
    }

    /** The names of the .json files in {@code folder} (relative to the root), sorted. */
    public static Stream<String> jsonFiles(String folder) throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve(folder))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().toList().stream();
        }
    }

    /** A JSON file's tree, numbers as written. */
    public static JsonNode readTree(Path path) {
        try {
            return MAPPER.readTree(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (docs/ and pom.xml) above " + Path.of("").toAbsolutePath());
    }
}

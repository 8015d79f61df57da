package dev.gridexec.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class OpenApiDocumentTest extends ApiPerTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private JsonNode doc;

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.startWithToken("a-token-the-document-does-not-need");
        HttpResponse<String> response = api.get("/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        doc = ApiFixture.json(response);
    }

    /** "/jobs/:id" as OpenAPI writes it: "/jobs/{id}". */
    private static String openApiPath(String vertxPath) {
        return vertxPath.replaceAll(":([A-Za-z]+)", "{$1}");
    }

    @Test
    void isOpenApi31AndListsTheIssuesRoutes() {
        assertThat(doc.get("openapi").asText()).startsWith("3.1");
        List<String> paths = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/jobs", "/jobs/{id}", "/jobs/{id}/events", "/nodes", "/artifacts", "/metrics", "/openapi.json", "/");
    }

    @Test
    void describesEveryOperationTheRouterServesAndNothingElse() {
        Set<String> served = new TreeSet<>();
        Set<String> servedPaths = new TreeSet<>();
        for (Route route : api.verticle().routes()) {
            if (route.getPath() == null) {
                continue; // the token check and the failure handler: every path
            }
            String path = openApiPath(route.getPath());
            servedPaths.add(path);
            Set<HttpMethod> methods = route.methods();
            if (methods != null) {
                methods.forEach(m -> served.add(m.name().toLowerCase(Locale.ROOT) + " " + path));
            }
        }
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    documented.add(method + " " + path.getKey());
                }
            });
        }

        assertThat(documented).as("operations in /openapi.json").isEqualTo(served);
        assertThat(doc.get("paths").size()).as("paths in /openapi.json").isEqualTo(servedPaths.size());
    }

    @Test
    void everyDocumentedExampleValidatesAgainstItsSchema() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        List<String> checked = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        walk(doc, "", (pointer, mediaType) -> {
            JsonNode examples = mediaType.get("examples");
            if (examples == null || !mediaType.has("schema")) {
                return;
            }
            // The whole document is the schema's root, so that $refs into #/components resolve.
            ObjectNode root = ((ObjectNode) doc).deepCopy();
            root.put("$ref", "#" + pointer + "/schema");
            JsonSchema schema = factory.getSchema(root);
            examples.fields().forEachRemaining(example -> {
                String where = pointer + "/examples/" + example.getKey();
                checked.add(where);
                JsonNode value = example.getValue().get("value");
                if (value.isTextual() && !mediaType.get("schema").has("$ref")) {
                    return; // text bodies (event stream, metrics): a string schema, nothing more to hold them to
                }
                Set<ValidationMessage> errors = schema.validate(value);
                errors.forEach(e -> problems.add(where + ": " + e.getMessage()));
            });
        });

        assertThat(checked).as("examples found").hasSizeGreaterThan(15);
        assertThat(problems).as("examples that do not validate").isEmpty();
    }

    @Test
    void theTaskDocumentSchemaIsDocsTaskSchemaJson() throws Exception {
        JsonNode file = ApiFixture.JSON.readTree(Files.readString(Path.of("..", "docs", "task.schema.json")));
        ObjectNode expected = ((ObjectNode) file).deepCopy();
        expected.remove(List.of("$schema", "$id"));
        String rewritten = ApiFixture.JSON.writeValueAsString(expected)
                .replace("\"#/$defs/", "\"#/components/schemas/TaskDocument/$defs/");

        assertThat(doc.get("components").get("schemas").get("TaskDocument")).isEqualTo(ApiFixture.JSON.readTree(rewritten));
    }

    @Test
    void theDocumentNeedsNoTokenButTheApiDoes() throws Exception {
        assertThat(api.get("/openapi.json").statusCode()).isEqualTo(200);
        assertThat(api.get("/nodes").statusCode()).isEqualTo(401);
        assertThat(doc.get("paths").get("/openapi.json").get("get").get("security")).isEmpty();
    }

    private interface MediaTypeVisitor {
        void visit(String pointer, JsonNode mediaType);
    }

    /** Visits every media type object ({@code .../content/<type>}) with its JSON pointer. */
    private static void walk(JsonNode node, String pointer, MediaTypeVisitor visitor) {
        if (!node.isObject()) {
            return;
        }
        node.fields().forEachRemaining(field -> {
            String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
            if (field.getKey().equals("content") && field.getValue().isObject()) {
                field.getValue().fields().forEachRemaining(type -> visitor.visit(
                        child + "/" + type.getKey().replace("~", "~0").replace("/", "~1"), type.getValue()));
            } else {
                walk(field.getValue(), child, visitor);
            }
        });
    }
}

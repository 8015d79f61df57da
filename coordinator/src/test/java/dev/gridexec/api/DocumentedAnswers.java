package dev.gridexec.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Holds real answers of the API to what /openapi.json says of their route and status: the status is documented,
 * the body's media type is one the document lists, every header it documents is sent, and a JSON body validates
 * against the documented schema ($refs into #/components resolved). Collects the problems instead of stopping
 * at the first one, so that one run shows all the drift.
 */
final class DocumentedAnswers {

    /** What one answer looked like on the wire. */
    record Answer(int status, String contentType, Function<String, Optional<String>> header, String body) {
    }

    private final JsonNode doc;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<String, JsonSchema> schemas = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final TreeSet<String> checked = new TreeSet<>();

    DocumentedAnswers(JsonNode doc) {
        this.doc = doc;
    }

    /** The problems found so far, one line each. */
    List<String> problems() {
        return problems;
    }

    /** The "METHOD path status" checked so far. */
    TreeSet<String> checked() {
        return checked;
    }

    /** Checks {@code answer} of {@code method} on the documented {@code path} ("/jobs/{id}"). */
    void check(String method, String path, Answer answer) {
        String where = method.toUpperCase(Locale.ROOT) + " " + path + " " + answer.status();
        checked.add(where);
        String pathPointer = "/paths/" + path.replace("~", "~0").replace("/", "~1");
        String operation = pathPointer + "/" + method.toLowerCase(Locale.ROOT);
        if (doc.at(operation).isMissingNode() && answer.status() == 405) {
            // a method the path does not take: each of its operations documents that 405
            for (Iterator<String> methods = doc.at(pathPointer).fieldNames(); methods.hasNext(); ) {
                String other = pathPointer + "/" + methods.next();
                if (doc.at(other).has("responses")) {
                    operation = other;
                }
            }
        }
        if (doc.at(operation).isMissingNode()) {
            problems.add(where + ": the operation is not documented");
            return;
        }
        String pointer = operation + "/responses/" + answer.status();
        JsonNode response = doc.at(pointer);
        if (response.isMissingNode()) {
            problems.add(where + ": status not documented (body " + shorten(answer.body()) + ")");
            return;
        }
        if (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
            response = doc.at(pointer);
        }
        for (Iterator<String> names = response.path("headers").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (answer.header().apply(name).isEmpty()) {
                problems.add(where + ": documented header " + name + " is not sent");
            }
        }
        String type = answer.contentType() == null ? "" : answer.contentType().toLowerCase(Locale.ROOT);
        String mediaType = null;
        for (Iterator<String> types = response.path("content").fieldNames(); types.hasNext(); ) {
            String documented = types.next();
            if (documented.equals("*/*") || type.startsWith(documented)) {
                mediaType = documented;
            }
        }
        if (mediaType == null) {
            problems.add(where + ": Content-Type '" + type + "' is not documented (" + response.path("content") + ")");
            return;
        }
        if (!mediaType.equals("application/json")) {
            return; // event streams, metrics and the dashboard are text: checkBody validates what such a text carries
        }
        checkBody(where, pointer + "/content/application~1json/schema", answer.body());
    }

    /** Checks that {@code json} validates against the schema at {@code schemaPointer} of the document. */
    void checkBody(String where, String schemaPointer, String json) {
        JsonNode value;
        try {
            value = ApiFixture.JSON.readTree(json);
        } catch (IOException e) {
            problems.add(where + ": the body is not JSON: " + shorten(json));
            return;
        }
        if (doc.at(schemaPointer).isMissingNode()) {
            problems.add(where + ": no schema at " + schemaPointer);
            return;
        }
        JsonSchema schema = schemas.computeIfAbsent(schemaPointer, p -> {
            // The whole document is the schema's root, so that $refs into #/components resolve.
            ObjectNode root = ((ObjectNode) doc).deepCopy();
            root.put("$ref", "#" + p);
            return factory.getSchema(root);
        });
        schema.validate(value).forEach(e -> problems.add(where + ": " + e.getMessage() + " in " + shorten(json)));
    }

    private static String shorten(String text) {
        return text == null ? "null" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}

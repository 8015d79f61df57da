package dev.gridexec.task;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridexec.wire.Json;
import dev.gridexec.wire.Problem;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The bytes of a JSON document turned into a Jackson tree whose root is an object, or into the one
 * problem that stops the document from being read at all (an empty file, a byte-order mark, binary
 * content, malformed JSON, a duplicate key, content after the object, a root that is not an object).
 */
public final class JsonDocument {

    private static final ObjectMapper MAPPER = Json.documents();

    /** Jackson's location suffix, which names a redacted source: "[Source: ...; line: 1, column: 1]". */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)]");
    /** " (code 120)" after a quoted character. */
    private static final Pattern CHARACTER_CODE = Pattern.compile(" \\(code \\d+\\)");
    /** "Non-standard token 'NaN': enable `JsonReadFeature...` to allow". */
    private static final Pattern NON_STANDARD = Pattern.compile("Non-standard token ('[^']*'): enable `[^`]*` to allow");
    /** "(1000, from `StreamReadConstraints.getMaxNumberLength()`)". */
    private static final Pattern CONSTRAINT = Pattern.compile("(\\(\\d+), from `[^`]*`\\)");
    private static final Pattern BACKTICKED = Pattern.compile("`[^`]*`");

    private JsonDocument() {
    }

    /** The task document's root object. */
    static ObjectNode parseObject(byte[] bytes) throws InvalidTaskException {
        return parseObject(bytes, "a task");
    }

    /**
     * The document's root object; {@code what} names the document in messages ("a task", "a spec").
     *
     * @throws InvalidTaskException with the one problem (path {@code $}, or the duplicate key's) that stops it being read
     */
    public static ObjectNode parseObject(byte[] bytes, String what) throws InvalidTaskException {
        String text = decode(bytes);
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (StreamConstraintsException e) {
            throw invalid(new Problem("$", "is not valid JSON: " + plainWords(e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            throw invalid(syntaxProblem(e, what));
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(new Problem("$", "is not valid JSON: it holds a number too large to read"));
        }
        if (root instanceof ObjectNode object) {
            List<Problem> notText = TextCheck.problems(object);
            if (!notText.isEmpty()) {
                throw new InvalidTaskException(notText);
            }
            return object;
        }
        throw invalid(new Problem("$", "must be a JSON object, got " + JsonValues.describe(JsonValues.toValue(root))));
    }

    /** A tree as compact UTF-8 JSON, numbers as they were read. */
    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
    }

    /** The bytes as text, once they are known to be UTF-8 without a byte-order mark or control bytes. */
    private static String decode(byte[] bytes) throws InvalidTaskException {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF) || startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE)) {
            throw invalid(new Problem("$", "starts with a byte-order mark; save the file as UTF-8 without one"));
        }
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                String what = b == 0 ? "a NUL byte" : String.format("control byte 0x%02X", b);
                throw invalid(new Problem("$", "is not JSON text: it holds " + what + " at " + position(bytes, i)
                        + " (a binary file?)"));
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw invalid(new Problem("$", "is not JSON text: invalid UTF-8 at " + position(bytes, in.position())
                    + "; save the file as UTF-8"));
        }
        decoder.flush(out);
        String text = out.flip().toString();
        if (text.isBlank()) {
            throw invalid(new Problem("$", "is empty; expected a JSON object"));
        }
        return text;
    }

    private static Problem syntaxProblem(JsonProcessingException e, String what) {
        JsonLocation location = e.getLocation();
        String at = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        JsonStreamContext context = e.getProcessor() instanceof JsonParser parser ? parser.getParsingContext() : null;
        String message = e.getOriginalMessage();
        if (context != null && message.startsWith("Duplicate field ")) {
            return new Problem(pathOf(context), "duplicate key" + at + "; a key may appear only once");
        }
        boolean afterRoot = context != null && context.inRoot() && context.getEntryCount() > 1;
        if (afterRoot || (e instanceof MismatchedInputException && message.startsWith("Trailing token"))) {
            return new Problem("$", "has content after the JSON object" + at + "; " + what + " is a single JSON object");
        }
        String detail = SOURCE.matcher(message).replaceAll("line $1, column $2").replace('\n', ' ');
        return new Problem("$", "is not valid JSON" + at + ": " + plainWords(detail));
    }

    /** A parser's message without the parser's own vocabulary: character codes, feature and class names. */
    static String plainWords(String message) {
        String plain = CHARACTER_CODE.matcher(message).replaceAll("");
        plain = NON_STANDARD.matcher(plain).replaceAll("$1 is not allowed in JSON");
        plain = CONSTRAINT.matcher(plain).replaceAll("$1)");
        plain = plain.replace("(JSON String, Number, Array, Object or token 'null', 'true' or 'false')", "a JSON value");
        return BACKTICKED.matcher(plain).replaceAll("");
    }

    /** The dotted path of the key a parser is at: {@code params.limit}, {@code a[1].b}. */
    private static String pathOf(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                path.insert(0, "[" + c.getCurrentIndex() + "]");
            } else {
                path.insert(0, (c.getParent().inRoot() ? "" : ".") + c.getCurrentName());
            }
        }
        return path.length() == 0 ? "$" : path.toString();
    }

    /** "line 2, column 5" for byte {@code offset}, counting characters (not bytes) within the line. */
    private static String position(byte[] bytes, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                column = 1;
            } else if ((bytes[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return "line " + line + ", column " + column;
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

    private static InvalidTaskException invalid(Problem problem) {
        return new InvalidTaskException(List.of(problem));
    }
}

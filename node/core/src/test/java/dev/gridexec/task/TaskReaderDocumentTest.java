package dev.gridexec.task;

import static dev.gridexec.task.TaskReaders.assertOneProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.wire.Problem;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Documents that cannot be read as a task at all: each gets one problem, about the document or a key. */
class TaskReaderDocumentTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[] a, String b) {
        byte[] tail = b.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + tail.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(tail, 0, out, a.length, tail.length);
        return out;
    }

    @Test
    void anEmptyFileIsRejectedAsEmpty() {
        assertOneProblem(new byte[0], "$", "is empty; expected a JSON object");
    }

    @Test
    void aFileOfOnlyWhitespaceIsRejectedAsEmpty() {
        assertOneProblem(" \n\t\r\n", "$", "is empty; expected a JSON object");
    }

    @Test
    void aUtf8ByteOrderMarkIsRejectedWithHowToSaveTheFile() {
        assertOneProblem(concat(bytes(0xEF, 0xBB, 0xBF), "{\"kernel\":\"probe\"}"), "$",
                "starts with a byte-order mark; save the file as UTF-8 without one");
    }

    @Test
    void aUtf16FileIsRejectedForItsByteOrderMark() {
        byte[] utf16 = "{\"kernel\":\"probe\"}".getBytes(StandardCharsets.UTF_16LE);
        assertOneProblem(concat(bytes(0xFF, 0xFE), new String(utf16, StandardCharsets.ISO_8859_1)), "$",
                "starts with a byte-order mark");
    }

    @Test
    void nulBytesAreRejectedAsNotJsonText() {
        assertOneProblem(concat("{\"kernel\":".getBytes(StandardCharsets.UTF_8), "\u0000\"probe\"}"), "$",
                "is not JSON text: it holds a NUL byte at line 1, column 11");
    }

    @Test
    void binaryGarbageIsRejectedAsNotJsonText() {
        byte[] png = bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R');
        assertOneProblem(png, "$", "is not JSON text: it holds control byte 0x1A at line 2, column 1");
    }

    @Test
    void invalidUtf8IsRejectedWithWhereItIs() {
        byte[] latin1 = "{\"kernel\": \"probe\",\n \"name\": \"café\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertOneProblem(latin1, "$", "is not JSON text: invalid UTF-8 at line 2, column 14");
    }

    @Test
    void malformedJsonIsRejectedWithLineAndColumn() {
        Problem problem = assertOneProblem("{\n  \"kernel\": \"probe\",\n}", "$", "is not valid JSON at line 3, column 1: ");
        assertThat(problem.message()).contains("Unexpected character ('}'").doesNotContain("Source", "REDACTED");
    }

    @Test
    void anUnclosedObjectIsRejectedAsMalformed() {
        Problem problem = assertOneProblem("{\"kernel\": \"probe\"", "$", "is not valid JSON at line 1, column 19: ");
        assertThat(problem.message()).contains("end-of-input").contains("start marker at line 1, column 1")
                .doesNotContain("Source", "REDACTED");
    }

    @Test
    void singleQuotesAndCommentsAreNotJson() {
        assertOneProblem("{'kernel': 'probe'}", "$", "is not valid JSON at line 1, column 2");
        assertOneProblem("{\"kernel\": \"probe\" // the probe\n}", "$", "is not valid JSON at line 1, column 20");
    }

    @Test
    void anArrayAtTheRootIsRejected() {
        assertOneProblem("[{\"kernel\": \"probe\"}]", "$", "must be a JSON object, got an array");
    }

    @Test
    void otherValuesAtTheRootAreRejected() {
        assertOneProblem("\"probe\"", "$", "must be a JSON object, got \"probe\"");
        assertOneProblem("42", "$", "must be a JSON object, got 42");
        assertOneProblem("null", "$", "must be a JSON object, got null");
        assertOneProblem("true", "$", "must be a JSON object, got true");
    }

    @Test
    void aDuplicateFieldIsRejectedAtItsPath() {
        assertOneProblem("{\"kernel\": \"probe\",\n \"workers\": 2,\n \"workers\": 3}", "workers",
                "duplicate key at line 3, column 11; a key may appear only once");
    }

    @Test
    void aDuplicateParamIsRejectedAtItsPath() {
        assertOneProblem("{\"kernel\": \"probe\", \"params\": {\"limit\": 10, \"limit\": 20}}", "params.limit",
                "duplicate key");
    }

    @Test
    void aSecondObjectAfterTheTaskIsRejected() {
        assertOneProblem("{\"kernel\": \"probe\"}\n{}", "$",
                "has content after the JSON object at line 2, column 1; a task is a single JSON object");
    }

    @Test
    void trailingWordsAfterTheTaskAreRejected() {
        assertOneProblem("{\"kernel\": \"probe\"} oops", "$", "has content after the JSON object at line 1, column ");
        assertOneProblem("{\"kernel\": \"probe\"} 5", "$", "has content after the JSON object");
    }

    @Test
    void trailingWhitespaceIsFine() throws InvalidTaskException {
        assertThat(TaskReaders.READER.read("{\"kernel\": \"probe\", \"params\": {\"limit\": 10}}\n\n  ").kernel())
                .isEqualTo("probe");
    }
}

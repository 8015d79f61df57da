package dev.gridexec.api;

import static dev.gridexec.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of bad request gets its JSON error, and the server goes on serving. */
@Timeout(60)
class BadInputTest extends PlainApiPerTest {

    static Stream<Arguments> invalidTasks() {
        byte[] bom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, JobRoutesTest.PRIMES.getBytes(StandardCharsets.UTF_8));
        byte[] garbage = {0x00, 0x01, (byte) 0xFF, (byte) 0xFE, 0x7F, 0x10, 0x00, (byte) 0x89, 'P', 'N', 'G'};
        return Stream.of(
                Arguments.of("malformed JSON", bytes("{\"kernel\": \"primes\","), List.of("$")),
                Arguments.of("empty body", new byte[0], List.of("$")),
                Arguments.of("blank body", bytes("  \n "), List.of("$")),
                Arguments.of("array root", bytes("[{\"kernel\":\"primes\"}]"), List.of("$")),
                Arguments.of("unknown field", bytes("{\"kernel\":\"primes\",\"params\":{\"limit\":100},\"colour\":\"red\"}"), List.of("colour")),
                Arguments.of("unknown kernel", bytes("{\"kernel\":\"fibonacci\"}"), List.of("kernel")),
                Arguments.of("out-of-range param", bytes("{\"kernel\":\"primes\",\"params\":{\"limit\":-5}}"), List.of("params.limit")),
                Arguments.of("several problems at once",
                        bytes("{\"kernel\":\"primes\",\"params\":{\"limit\":1,\"speed\":9},\"chunks\":0,\"workers\":\"two\"}"),
                        List.of("params.limit", "params.speed", "chunks", "workers")),
                Arguments.of("byte-order mark", bom, List.of("$")),
                Arguments.of("binary garbage", garbage, List.of("$")),
                Arguments.of("invalid UTF-8", new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}, List.of("$")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTasks")
    void invalidTaskIs400WithEveryProblemAndItsPath(String what, byte[] body, List<String> paths) throws Exception {
        HttpResponse<String> response = api.post("/jobs", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode errors = json(response).get("errors");
        List<String> got = new ArrayList<>();
        errors.forEach(error -> {
            got.add(error.get("path").asText());
            assertThat(error.get("message").asText()).isNotBlank();
        });
        assertThat(got).containsExactlyInAnyOrderElementsOf(paths);
        assertThat(api.get("/jobs").body()).isEqualTo("{\"jobs\":[],\"next\":null}");
        assertGoodJobStillSucceeds();
    }

    @Test
    void postWithoutAnyBodyIs400ForTheDocument() throws Exception {
        HttpResponse<String> response = api.send(api.request("/jobs").POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").get(0).get("path").asText()).isEqualTo("$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "text/plain", "application/octet-stream"})
    void taskIsReadAsJsonWhateverItsContentType(String contentType) throws Exception {
        // Larger than a form attribute may be, and with a % that form decoding would reject.
        String task = "{\"kernel\":\"primes\",\"params\":{\"limit\":100000},\"chunks\":8,\"name\":\"100% primes\"}";
        ApiFixture roomy = ApiFixture.start(1 << 20, () -> List.of(ApiFixture.LOCAL_NODE), Function.identity());
        try {
            HttpResponse<String> response = roomy.send(roomy.request("/jobs")
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(padded(task, 20_000))).build());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            JsonNode record = roomy.awaitEnd(json(response).get("id").asText());
            assertThat(record.get("task").get("name").asText()).isEqualTo("100% primes");
            assertThat(record.get("result").get("count").asLong()).isEqualTo(9592);
        } finally {
            roomy.close();
        }
    }

    @Test
    void bodyOverTheLimitIs413AndTheServerGoesOnServing() throws Exception {
        byte[] big = paddedTask(10_000);

        HttpResponse<String> response = api.post("/jobs", big);

        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode error = json(response).get("errors").get(0);
        assertThat(error.get("path").asText()).isEqualTo("$");
        assertThat(error.get("message").asText()).contains("4096 bytes");
        assertGoodJobStillSucceeds();
    }

    /** POSTs {@code body} to /jobs as a stream, so without a Content-Length (sent in chunks). */
    private HttpResponse<String> postChunked(byte[] body) throws Exception {
        return api.send(api.request("/jobs")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
    }

    @Test
    void chunkedBodyOverTheLimitWithoutContentLengthIs413AndTheServerGoesOnServing() throws Exception {
        HttpResponse<String> response = postChunked(paddedTask(200_000));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("errors").get(0).get("path").asText()).isEqualTo("$");
        assertGoodJobStillSucceeds();
    }

    @Test
    void chunkedBodyWithinTheLimitIsAccepted() throws Exception {
        HttpResponse<String> response = postChunked(paddedTask(3_000));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Test
    void connectionThatSent413ChunksCarriesTheNextRequest() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), api.verticle().actualPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder chunks = new StringBuilder();
            String piece = " ".repeat(1000);
            for (int i = 0; i < 10; i++) {
                chunks.append(Integer.toHexString(piece.length())).append("\r\n").append(piece).append("\r\n");
            }
            chunks.append("0\r\n\r\n");
            out.write(("POST /jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks
                    + "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            InputStream in = socket.getInputStream();
            String first = RawHttp.readResponse(in);
            String second = RawHttp.readResponse(in);

            assertThat(first).startsWith("HTTP/1.1 413 ").contains("\"errors\"");
            assertThat(second).startsWith("HTTP/1.1 200 ").endsWith("{\"status\":\"UP\"}");
        }
    }

    private void assertGoodJobStillSucceeds() throws Exception {
        JsonNode record = api.awaitEnd(api.submit(JobRoutesTest.PRIMES).get("id").asText());
        assertThat(record.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(record.get("result").get("count").asLong()).isEqualTo(9592);
    }

    /** A valid primes task padded with spaces to {@code size} bytes. */
    private static byte[] paddedTask(int size) {
        return padded(JobRoutesTest.PRIMES, size);
    }

    private static byte[] padded(String json, int size) {
        byte[] task = bytes(json);
        byte[] padded = Arrays.copyOf(task, size);
        Arrays.fill(padded, task.length, size, (byte) ' ');
        return padded;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}

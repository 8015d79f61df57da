package dev.gridexec.api;

import static dev.gridexec.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Every error the API sends is a JSON body in the project's words, whatever went wrong (bad escapes, over-long
 * request lines, strings no text may hold), and a client's mistake never logs a stack trace.
 */
@Timeout(60)
class ErrorBodiesTest {

    private ApiFixture api;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void start() throws Exception {
        logged.start();
        root().addAppender(logged);
        api = ApiFixture.start();
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
        root().detachAppender(logged);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /jobs/%", "GET /jobs/%zz", "GET /jobs/%zz/events", "DELETE /jobs/%E0%A4", "GET /%",
            "GET /jobs/a%2", "GET /nodes%"})
    void badPercentEscapeIs400JsonWithoutAStackTrace(String request) throws Exception {
        String response = exchange(request + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(status(response)).as(response).isIn(400, 404);
        assertJsonError(response);
        assertNoStackTraceLogged();
    }

    @Test
    void overlongRequestLineIs414Json() throws Exception {
        String response = exchange("GET /jobs/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(status(response)).as(response).isEqualTo(414);
        assertThat(assertJsonError(response).get("message").asText()).contains("too long");
        assertNoStackTraceLogged();
    }

    @Test
    void overlongHeadersAre431Json() throws Exception {
        String response = exchange("GET /jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Junk: " + "b".repeat(20_000) + "\r\n\r\n");

        assertThat(status(response)).as(response).isEqualTo(431);
        assertJsonError(response);
        assertNoStackTraceLogged();
    }

    @Test
    void garbageRequestLineIs400Json() throws Exception {
        String response = exchange("GET /jobs NOT-HTTP\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(status(response)).as(response).isEqualTo(400);
        assertJsonError(response);
        assertNoStackTraceLogged();
    }

    static Stream<Arguments> textNoStringMayHold() {
        return Stream.of(
                Arguments.of("{\"kernel\":\"primes\",\"params\":{\"limit\":100},\"name\":\"a\\u0000b\"}", "name"),
                Arguments.of("{\"kernel\":\"primes\",\"params\":{\"limit\":100},\"name\":\"a\\ud800\"}", "name"),
                Arguments.of("{\"kernel\":\"primes\",\"params\":{\"limit\":100},\"name\":\"\\udc00x\"}", "name"),
                Arguments.of("{\"kernel\":\"pri\\u0000mes\",\"params\":{\"limit\":100}}", "kernel"),
                Arguments.of("{\"kernel\":\"primes\",\"params\":{\"limit\":100,\"tag\":[\"ok\",\"\\u0000\"]}}", "params.tag[1]"),
                Arguments.of("{\"kernel\":\"primes\",\"params\":{\"limit\":100,\"x\\ud800\":1}}", "params.x\\ud800"));
    }

    @ParameterizedTest
    @MethodSource("textNoStringMayHold")
    void nulOrLoneSurrogateInATaskStringIs400NamingTheField(String task, String path) throws Exception {
        HttpResponse<String> response = api.post("/jobs", task);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = json(response).get("errors").get(0);
        assertThat(error.get("path").asText()).isEqualTo(path);
        assertThat(error.get("message").asText()).containsAnyOf("NUL", "surrogate");
        assertThat(api.get("/jobs").body()).isEqualTo("{\"jobs\":[],\"next\":null}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{x:1}", "{\"kernel\":tru}", "{\"kernel\":NaN}", "{\"chunks\":1e99999999999}",
            "{\"chunks\":\"\\q\"}", "{\"chunks\":[1 2]}", "{\"chunks\":1.}", "{'kernel':1}"})
    void malformedJsonIsExplainedWithoutJacksonInternals(String task) throws Exception {
        HttpResponse<String> response = api.post("/jobs", task);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        String message = json(response).get("errors").get(0).get("message").asText();
        assertThat(message).startsWith("is not valid JSON").doesNotContain("`", "(code ", "Feature", "java.", "Source:",
                "JSON String, Number");
        assertNoStackTraceLogged();
    }

    @Test
    void deeplyNestedOrOverlongNumbersAre400WithoutJacksonInternals() throws Exception {
        for (String task : List.of("{\"params\":" + "[".repeat(1500) + "}", "{\"chunks\":" + "1".repeat(2000) + "}")) {
            HttpResponse<String> response = api.post("/jobs", task);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(json(response).get("errors").get(0).get("message").asText()).doesNotContain("`", "StreamRead");
        }
    }

    private JsonNode assertJsonError(String response) throws Exception {
        assertThat(response).containsIgnoringCase("content-type: application/json");
        JsonNode body = ApiFixture.JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
        JsonNode error = body.get("errors").get(0);
        assertThat(error.get("path").asText()).isNotBlank();
        assertThat(error.get("message").asText()).isNotBlank();
        return error;
    }

    private void assertNoStackTraceLogged() {
        List<String> traces = new ArrayList<>();
        for (ILoggingEvent event : logged.list) {
            if (event.getThrowableProxy() != null) {
                traces.add(event.getFormattedMessage() + ": " + event.getThrowableProxy().getClassName());
            }
        }
        assertThat(traces).as("log events with a stack trace").isEmpty();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** Sends raw request bytes and reads until the server closes or one response with its body has arrived. */
    private String exchange(String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), api.verticle().actualPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return head.toString(StandardCharsets.ISO_8859_1);
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            int length = text.lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                    .mapToInt(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim())).findFirst().orElse(0);
            return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }

    private static int status(String response) {
        return response.length() < 12 ? -1 : Integer.parseInt(response.substring(9, 12));
    }
}

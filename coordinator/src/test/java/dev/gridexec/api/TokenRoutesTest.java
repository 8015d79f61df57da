package dev.gridexec.api;

import static dev.gridexec.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.slf4j.LoggerFactory;

/** With a token configured, every route but the health checks needs {@code Authorization: Bearer <token>}. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TokenRoutesTest extends ApiPerTest {

    static final String TOKEN = "s3cr3t-t0ken-0123456789abcdef";
    private static final String BEARER = "Bearer " + TOKEN;

    /** Every protected route, an unknown path and a wrong method included, as {method, path, body}. */
    static Stream<Arguments> protectedRoutes() {
        return Stream.of(
                Arguments.of("POST", "/jobs", JobRoutesTest.PRIMES),
                Arguments.of("GET", "/jobs", null),
                Arguments.of("GET", "/jobs/some-id", null),
                Arguments.of("DELETE", "/jobs/some-id", null),
                Arguments.of("GET", "/jobs/some-id/events", null),
                Arguments.of("GET", "/nodes", null),
                Arguments.of("PUT", "/jobs", "{}"),
                Arguments.of("GET", "/nothing", null),
                Arguments.of("GET", "/health/../jobs", null));
    }

    /** Every way to get the header wrong, as {what, header value or null for none}. */
    static Stream<Arguments> refusedHeaders() {
        return Stream.of(
                Arguments.of("no header", null),
                Arguments.of("wrong token", "Bearer wrong-token-0123456789abcdef"),
                Arguments.of("the token with one character more", BEARER + "x"),
                Arguments.of("a prefix of the token", BEARER.substring(0, BEARER.length() - 1)),
                Arguments.of("the token without the scheme", TOKEN),
                Arguments.of("another scheme", "Basic " + TOKEN),
                Arguments.of("the scheme alone", "Bearer"),
                Arguments.of("two words after the scheme", BEARER + " more"));
    }

    static Stream<Arguments> everyRouteWithEveryRefusedHeader() {
        return protectedRoutes().flatMap(route -> refusedHeaders().map(header -> Arguments.of(
                route.get()[0], route.get()[1], route.get()[2], header.get()[0], header.get()[1])));
    }

    @ParameterizedTest(name = "{0} {1}: {3}")
    @MethodSource("everyRouteWithEveryRefusedHeader")
    void protectedRouteIs401WithoutTheRightToken(String method, String path, String body, String what, String header)
            throws Exception {
        api = ApiFixture.startWithToken(TOKEN);

        HttpResponse<String> response = api.send(request(method, path, body, header));

        assertRefused(response);
        assertThat(api.service().list()).as("nothing was submitted").isEmpty();
    }

    @Test
    void bodyOverTheLimitIs401Not413WithoutTheToken() throws Exception {
        api = ApiFixture.startWithToken(TOKEN);
        byte[] big = new byte[200_000];
        Arrays.fill(big, (byte) ' ');

        HttpResponse<String> response = api.post("/jobs", big);

        assertRefused(response);
        assertThat(api.send(request("GET", "/jobs", null, BEARER)).statusCode()).as("the server goes on serving").isEqualTo(200);
    }

    @Test
    void uploadExpectingContinueIsRefusedBeforeItsBodyIsSent() throws Exception {
        api = ApiFixture.startWithToken(TOKEN);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), api.verticle().actualPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 67108864\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String head = RawHttp.readHead(socket.getInputStream());

            assertThat(head).as("the answer to the headers alone, no 100 Continue first").startsWith("HTTP/1.1 401 ")
                    .containsIgnoringCase("www-authenticate: Bearer");
        }
    }

    @Test
    void eventStreamIs401WithoutTheTokenAndAStreamWithIt() throws Exception {
        api = ApiFixture.startWithToken(TOKEN);
        String id = json(api.send(request("POST", "/jobs", JobRoutesTest.PRIMES, BEARER))).get("id").asText();

        assertRefused(api.send(request("GET", "/jobs/" + id + "/events", null, null)));
        HttpResponse<Stream<String>> stream = api.http().send(api.request("/jobs/" + id + "/events")
                .header("Authorization", BEARER).GET().build(), HttpResponse.BodyHandlers.ofLines());

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        try (Stream<String> lines = stream.body()) {
            assertThat(lines.filter(line -> line.startsWith("event: ")).toList()).first().isEqualTo("event: state");
        }
    }

    @Test
    void rightTokenOpensEveryRoute() throws Exception {
        api = ApiFixture.startWithToken(TOKEN);

        HttpResponse<String> submitted = api.send(request("POST", "/jobs", JobRoutesTest.PRIMES, BEARER));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = json(submitted).get("id").asText();

        assertThat(api.send(request("GET", "/jobs", null, BEARER)).statusCode()).isEqualTo(200);
        assertThat(api.send(request("GET", "/jobs/" + id, null, BEARER)).statusCode()).isEqualTo(200);
        assertThat(api.send(request("GET", "/nodes", null, BEARER)).statusCode()).isEqualTo(200);
        assertThat(api.send(request("DELETE", "/jobs/" + id, null, BEARER)).statusCode()).isEqualTo(200);
        assertThat(api.send(request("GET", "/jobs/no-such-job", null, BEARER)).statusCode()).isEqualTo(404);
        assertThat(api.send(request("PUT", "/jobs", "{}", BEARER)).statusCode()).isEqualTo(405);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer ", "BEARER ", "Bearer   "})
    void schemeIsCaseInsensitiveAndSpacesBeforeTheTokenAreAllowed(String scheme) throws Exception {
        api = ApiFixture.startWithToken(TOKEN);

        assertThat(api.send(request("GET", "/jobs", null, scheme + TOKEN)).statusCode()).isEqualTo(200);
    }

    @Test
    void overTheBodyLimitWithTheTokenIsStill413() throws Exception {
        api = ApiFixture.startWithToken(TOKEN);
        byte[] big = new byte[10_000];
        Arrays.fill(big, (byte) ' ');

        HttpResponse<String> response = api.send(api.request("/jobs").header("Authorization", BEARER)
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health/live", "/health/ready"})
    void healthChecksNeedNoToken(String path) throws Exception {
        api = ApiFixture.startWithToken(TOKEN);

        HttpResponse<String> response = api.get(path);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void withoutATokenConfiguredNoHeaderIsNeededAndAnyIsIgnored() throws Exception {
        api = ApiFixture.start(4096, () -> List.of(ApiFixture.LOCAL_NODE), Function.identity());

        JsonNode record = api.submit(JobRoutesTest.PRIMES);
        assertThat(api.get("/jobs").statusCode()).isEqualTo(200);
        assertThat(api.send(request("GET", "/nodes", null, "Bearer whatever")).statusCode()).isEqualTo(200);
        assertThat(api.awaitEnd(record.get("id").asText()).get("state").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void neitherTheTokenNorTheHeaderIsLoggedOrAnswered() throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        List<Logger> loggers = Stream.of("dev.gridexec", "io.vertx", "io.netty")
                .map(name -> (Logger) LoggerFactory.getLogger(name)).toList();
        for (Logger logger : loggers) { // everything, to the list only
            logger.setLevel(Level.TRACE);
            logger.setAdditive(false);
            logger.addAppender(logged);
        }
        try {
            api = ApiFixture.startWithToken(TOKEN);
            String wrong = "Bearer wrong-token-0123456789abcdef";
            List<HttpResponse<String>> responses = List.of(
                    api.send(request("GET", "/jobs", null, wrong)),
                    api.send(request("GET", "/nothing", null, wrong)),
                    api.send(request("POST", "/jobs", "{", BEARER)),
                    api.send(request("GET", "/jobs", null, BEARER)));

            assertThat(responses).allSatisfy(r -> assertThat(r.body()).doesNotContain(TOKEN, "wrong-token"));
        } finally {
            for (Logger logger : loggers) {
                logger.detachAppender(logged);
                logger.setAdditive(true);
                logger.setLevel(null);
            }
        }
        assertThat(logged.list).as("the refusals are logged at debug").isNotEmpty();
        assertThat(logged.list).allSatisfy(event -> assertThat(event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage()))
                .doesNotContain(TOKEN, "wrong-token"));
    }

    private HttpRequest request(String method, String path, String body, String authorization) {
        HttpRequest.Builder builder = api.request("").uri(api.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.build();
    }

    private static void assertRefused(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        JsonNode error = json(response).get("errors").get(0);
        assertThat(error.get("path").asText()).isEqualTo("$");
        assertThat(error.get("message").asText()).isNotBlank().doesNotContain(TOKEN);
    }
}

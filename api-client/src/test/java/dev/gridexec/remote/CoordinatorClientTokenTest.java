package dev.gridexec.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's side of the API token: the header on every call, and what a 401 becomes. */
@Timeout(30)
class CoordinatorClientTokenTest extends AgainstFakeCoordinator {

    private static final String TOKEN = "client-side-token-0123456789";
    private static final byte[] TASK = "{\"kernel\":\"primes\"}".getBytes(StandardCharsets.UTF_8);

    /** Every call the client makes, the event stream included. */
    private static final List<ThrowingConsumer<CoordinatorClient>> EVERY_CALL = List.of(
            client -> client.submit(TASK),
            client -> client.job("j1"),
            client -> client.jobs(100, null),
            client -> client.cancel("j1"),
            client -> client.nodes(),
            client -> client.follow("j1", new JobEvents() {
            }).await());

    @Test
    void everyCallCarriesTheBearerTokenTheEventStreamIncluded() throws Throwable {
        fake.requireToken(TOKEN)
                .answer("POST", "/jobs", 202, TestRecords.queued("j1"))
                .answer("GET", "/jobs/j1", 200, TestRecords.running("j1", 1))
                .answer("GET", "/jobs", 200, Map.of("jobs", List.of(TestRecords.running("j1", 1))))
                .answer("DELETE", "/jobs/j1", 200, TestRecords.cancelled("j1"))
                .answer("GET", "/nodes", 200, List.of())
                .events("/jobs/j1/events", stream -> stream.event("end", TestRecords.succeeded("j1")));
        CoordinatorClient client = new CoordinatorClient(CoordinatorClient.parseUrl(fake.url()), Optional.of(TOKEN));

        for (ThrowingConsumer<CoordinatorClient> call : EVERY_CALL) {
            call.accept(client);
        }

        assertThat(fake.requests()).hasSize(EVERY_CALL.size())
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN));
        assertThat(fake.received("GET", "/jobs/j1/events")).isTrue();
    }

    @Test
    void withoutATokenNoAuthorizationHeaderIsSent() throws Exception {
        fake.answer("GET", "/nodes", 200, List.of());

        new CoordinatorClient(CoordinatorClient.parseUrl(fake.url())).nodes();

        assertThat(fake.requests()).singleElement().satisfies(r -> assertThat(r.authorization()).isNull());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "wrong-token-0123456789abcdef"})
    void everyCallRefusedWith401IsTokenRefusedCarryingTheCoordinatorsMessage(String sent) {
        fake.requireToken(TOKEN);
        CoordinatorClient client = new CoordinatorClient(CoordinatorClient.parseUrl(fake.url()),
                sent.isEmpty() ? Optional.empty() : Optional.of(sent));

        for (ThrowingConsumer<CoordinatorClient> call : EVERY_CALL) {
            assertThatThrownBy(() -> call.accept(client)).isInstanceOf(TokenRefusedException.class)
                    .hasMessage("the coordinator at " + fake.url() + " answered HTTP 401: $: the token is not valid");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two words", "line\nbreak", "caf\u00e9-token-0123456789"})
    void tokenThatAHeaderCannotCarryIsRefusedWithoutQuotingIt(String token) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CoordinatorClient(CoordinatorClient.parseUrl(fake.url()), Optional.of(token)))
                .withMessage("the token must be printable ASCII characters without spaces");
        assertThat(fake.requests()).isEmpty();
    }
}

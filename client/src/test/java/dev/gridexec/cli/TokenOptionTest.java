package dev.gridexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.remote.FakeCoordinator;
import dev.gridexec.remote.TestRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command sends the API token from {@code --token} or {@code GRIDEXEC_TOKEN}, and a refused token exits 2. */
@Timeout(60)
class TokenOptionTest {

    private static final String TOKEN = "cli-token-0123456789abcdef";
    private static final String REFUSED = "the coordinator refused the request: it needs a valid token (--token or GRIDEXEC_TOKEN)";

    @TempDir
    static Path dir;

    private FakeCoordinator fake;

    @BeforeEach
    void start() throws Exception {
        fake = FakeCoordinator.start().requireToken(TOKEN)
                .answer("POST", "/jobs", 202, TestRecords.queued("j1"))
                .answer("GET", "/jobs/j1", 200, TestRecords.succeeded("j1"))
                .answer("GET", "/jobs", 200, java.util.Map.of("jobs", List.of(TestRecords.succeeded("j1"))))
                .answer("DELETE", "/jobs/j1", 200, TestRecords.cancelled("j1"))
                .answer("GET", "/nodes", 200, List.of())
                .events("/jobs/j1/events", stream -> stream.event("state", TestRecords.running("j1", 0))
                        .event("end", TestRecords.succeeded("j1")));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    static Stream<List<String>> everyCommand() throws Exception {
        Path task = Files.writeString(dir.resolve("task.json"), "{\"kernel\":\"primes\"}", StandardCharsets.UTF_8);
        return Stream.of(List.of("submit", task.toString()), List.of("status", "j1"), List.of("result", "j1"),
                List.of("cancel", "j1"), List.of("list"), List.of("nodes"),
                List.of("bench-dispatch", "--chunks", "1", "--repeats", "1", "--latency-jobs", "1", "--warmup", "0"));
    }

    private Cli cli(String token) {
        Map<String, String> environment = new HashMap<>();
        environment.put(CoordinatorOptions.ENV, fake.url());
        if (token != null) {
            environment.put(CoordinatorOptions.TOKEN_ENV, token);
        }
        return new Cli(environment, new ManualInterrupts());
    }

    private static String[] args(List<String> command, String... more) {
        return Stream.concat(command.stream(), Stream.of(more)).toArray(String[]::new);
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void everyCommandSendsTheTokenFromTheEnvironmentOnEveryRequest(List<String> command) {
        Cli.Run run = cli(TOKEN).run(args(command));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(fake.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN));
        if (command.get(0).equals("submit")) {
            assertThat(fake.received("GET", "/jobs/j1/events")).as("the event stream too").isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void tokenFlagWinsOverTheEnvironment(List<String> command) {
        Cli.Run run = cli("stale-token-from-the-environment").run(args(command, "--token", TOKEN));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(fake.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN));
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void wrongTokenExitsTwoSayingATokenIsNeeded(List<String> command) {
        Cli.Run run = cli("wrong-token-0123456789abcdef").run(args(command));

        assertThat(run.exit()).isEqualTo(Main.INVALID);
        assertThat(run.err()).contains("error: " + REFUSED, "answered HTTP 401: $: the token is not valid")
                .doesNotContain("wrong-token", "Exception", "\tat ");
        assertThat(fake.requests()).as("it gives up at the first refusal").hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void noTokenExitsTwoSayingATokenIsNeeded(List<String> command) {
        Cli.Run run = cli(null).run(args(command));

        assertThat(run.exit()).isEqualTo(Main.INVALID);
        assertThat(run.err()).contains(REFUSED);
        assertThat(fake.requests()).singleElement().satisfies(r -> assertThat(r.authorization()).isNull());
    }

    @Test
    void blankTokenInTheEnvironmentSendsNone() {
        Cli.Run run = cli("  ").run("nodes");

        assertThat(run.exit()).isEqualTo(Main.INVALID);
        assertThat(fake.requests()).singleElement().satisfies(r -> assertThat(r.authorization()).isNull());
    }

    @Test
    void tokenIsTrimmed() {
        Cli.Run run = cli(" " + TOKEN + "\n").run("nodes");

        assertThat(run.exit()).as(run.err()).isZero();
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void emptyTokenFlagOrAnUnsendableTokenIsAUsageErrorThatDoesNotQuoteIt(List<String> command) {
        Cli.Run empty = cli(TOKEN).run(args(command, "--token", ""));
        Cli.Run spaced = cli("secret with spaces").run(args(command));

        assertThat(empty.exit()).isEqualTo(Main.INVALID);
        assertThat(empty.err()).contains("--token must not be empty");
        assertThat(spaced.exit()).isEqualTo(Main.INVALID);
        assertThat(spaced.err()).contains("the token must be printable ASCII characters without spaces (--token or GRIDEXEC_TOKEN)")
                .doesNotContain("secret with spaces");
        assertThat(fake.requests()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void everyCommandHasHelpNamingTheTokenOptionAndItsVariable(List<String> command) {
        Cli.Run run = Cli.withoutEnvironment().run(command.get(0), "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--token=TOKEN", "GRIDEXEC_TOKEN");
    }
}

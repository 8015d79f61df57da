package dev.gridexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.remote.FakeCoordinator;
import dev.gridexec.remote.TestRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which coordinator a command talks to, and what happens when there is none or it cannot be reached. */
@Timeout(30)
class CoordinatorOptionsTest {

    @TempDir
    static Path dir;

    static Stream<List<String>> everyCommand() throws Exception {
        Path task = Files.writeString(dir.resolve("task.json"), "{\"kernel\":\"primes\"}", StandardCharsets.UTF_8);
        return Stream.of(List.of("submit", task.toString()), List.of("status", "j1"), List.of("result", "j1"),
                List.of("cancel", "j1"), List.of("list"), List.of("nodes"));
    }

    static Stream<List<String>> everyCommandButSubmit() throws Exception {
        return everyCommand().skip(1);
    }

    private static String[] args(List<String> command, String... more) {
        return Stream.concat(command.stream(), Stream.of(more)).toArray(String[]::new);
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void unreachableCoordinatorExitsThreeNamingTheUrl(List<String> command) throws Exception {
        String url = FakeCoordinator.closedPortUrl();

        Cli.Run run = Cli.withoutEnvironment().run(args(command, "--coordinator", url));

        assertThat(run.exit()).as(run.err()).isEqualTo(Main.UNREACHABLE);
        assertThat(run.err()).contains("cannot reach the coordinator at " + url + ": connection refused")
                .doesNotContain("Exception", "\tat ");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void unreachableCoordinatorFromTheEnvironmentExitsThreeToo(List<String> command) throws Exception {
        String url = FakeCoordinator.closedPortUrl();

        Cli.Run run = Cli.withCoordinatorInEnvironment(url).run(args(command));

        assertThat(run.exit()).as(run.err()).isEqualTo(Main.UNREACHABLE);
        assertThat(run.err()).contains(url);
    }

    @ParameterizedTest
    @MethodSource("everyCommandButSubmit")
    void withoutACoordinatorCommandsExitTwoSayingHowToNameOne(List<String> command) {
        Cli.Run run = Cli.withoutEnvironment().run(args(command));

        assertThat(run.exit()).isEqualTo(Main.INVALID);
        assertThat(run.err()).contains("no coordinator: pass --coordinator URL or set GRIDEXEC_COORDINATOR");
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void urlWithoutSchemeIsAUsageError(List<String> command) {
        Cli.Run run = Cli.withoutEnvironment().run(args(command, "--coordinator", "localhost:8080"));

        assertThat(run.exit()).isEqualTo(Main.INVALID);
        assertThat(run.err()).contains("did you mean http://localhost:8080");
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void everyCommandHasHelpNamingTheCoordinatorOptionAndJson(List<String> command) {
        Cli.Run run = Cli.withoutEnvironment().run(command.get(0), "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--coordinator=URL", "GRIDEXEC_COORDINATOR", "--json", "Exit codes:");
    }

    @Test
    void environmentNamesTheCoordinatorWhenNoFlagIsGiven() throws Exception {
        try (FakeCoordinator fake = FakeCoordinator.start()) {
            fake.answer("GET", "/jobs/j1", 200, TestRecords.running("j1", 1));

            Cli.Run run = Cli.withCoordinatorInEnvironment(fake.url()).run("status", "j1");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(fake.received("GET", "/jobs/j1")).isTrue();
        }
    }

    @Test
    void flagWinsOverTheEnvironment() throws Exception {
        try (FakeCoordinator fake = FakeCoordinator.start()) {
            fake.answer("GET", "/nodes", 200, List.of());

            Cli.Run run = Cli.withCoordinatorInEnvironment(FakeCoordinator.closedPortUrl())
                    .run("nodes", "--coordinator", fake.url());

            assertThat(run.exit()).as(run.err()).isZero();
        }
    }

    @Test
    void topLevelHelpListsEveryCommandAndExitCodeThree() {
        Cli.Run run = Cli.withoutEnvironment().run("--help");

        assertThat(run.out()).contains("submit", "status", "result", "cancel", "list", "nodes",
                "3   the coordinator cannot be reached");
    }
}

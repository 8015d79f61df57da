package dev.gridexec.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gridexec.api.ApiToken;
import dev.gridexec.settings.InvalidSettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The coordinator's settings, the API token above all: where it comes from, what is refused, and that it never shows. */
class CoordinatorSettingsTest {

    private static final String FROM_FILE = "token-from-the-settings-file";
    private static final String FROM_ENV = "token-from-the-environment";
    private static final String FROM_FLAG = "token-from-the-command-line";
    private static final String FROM_TOKEN_FILE = "token-from-a-token-file-0123";

    @TempDir
    Path dir;

    @Test
    void noTokenUnlessOneIsConfigured() throws Exception {
        CoordinatorSettings settings = CoordinatorSettings.resolve(Map.of(), Map.of());

        assertThat(settings.token()).isEmpty();
        assertThat(settings.api().token()).isEmpty();
        assertThat(settings.httpPort()).isEqualTo(8080);
    }

    @Test
    void kernelCallAndLiveTimeoutsDefaultTo10And4SecondsAndAreSettings() throws Exception {
        CoordinatorSettings defaults = CoordinatorSettings.resolve(Map.of(), Map.of());
        CoordinatorSettings set = CoordinatorSettings.resolve(Map.of("kernel-call-timeout", "2s", "live-timeout", "1500ms"), Map.of());

        assertThat(defaults.scheduling().kernelCallTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(defaults.api().liveTimeout()).isEqualTo(java.time.Duration.ofSeconds(4));
        assertThat(set.scheduling().kernelCallTimeout()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(set.api().liveTimeout()).isEqualTo(java.time.Duration.ofMillis(1500));
    }

    @Test
    void tokenFlagBeatsEnvironmentWhichBeatsTheSettingsFile() throws Exception {
        Path config = Files.writeString(dir.resolve("coordinator.properties"), "token=" + FROM_FILE + "\n");

        assertThat(token(Map.of("config", config.toString()), Map.of())).isEqualTo(ApiToken.of(FROM_FILE));
        assertThat(token(Map.of("config", config.toString()), Map.of("GRIDEXEC_TOKEN", FROM_ENV))).isEqualTo(ApiToken.of(FROM_ENV));
        assertThat(token(Map.of("config", config.toString(), "token", FROM_FLAG), Map.of("GRIDEXEC_TOKEN", FROM_ENV)))
                .isEqualTo(ApiToken.of(FROM_FLAG));
    }

    @Test
    void tokenFileIsReadAndTrimmed() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "  " + FROM_TOKEN_FILE + "\n\n");

        assertThat(token(Map.of("token-file", file.toString()), Map.of())).isEqualTo(ApiToken.of(FROM_TOKEN_FILE));
        assertThat(token(Map.of(), Map.of("GRIDEXEC_TOKEN_FILE", file.toString()))).isEqualTo(ApiToken.of(FROM_TOKEN_FILE));
    }

    @Test
    void tokenAndTokenFileAreOneSettingWhereTheHigherSourceWins() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), FROM_TOKEN_FILE);

        assertThat(token(Map.of("token-file", file.toString()), Map.of("GRIDEXEC_TOKEN", FROM_ENV)))
                .isEqualTo(ApiToken.of(FROM_TOKEN_FILE));
        assertThat(token(Map.of("token", FROM_FLAG), Map.of("GRIDEXEC_TOKEN_FILE", file.toString())))
                .isEqualTo(ApiToken.of(FROM_FLAG));
    }

    @Test
    void tokenAndTokenFileFromTheSameSourceAreAnError() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), FROM_TOKEN_FILE);

        assertThatThrownBy(() -> CoordinatorSettings.resolve(Map.of(),
                Map.of("GRIDEXEC_TOKEN", FROM_ENV, "GRIDEXEC_TOKEN_FILE", file.toString())))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("token, token-file: give one of them, not both")
                        .doesNotContain(FROM_ENV, FROM_TOKEN_FILE));
    }

    @Test
    void tooShortOrEmptyTokenIsRejectedWithItsOriginButNotItsValue() {
        assertThatThrownBy(() -> CoordinatorSettings.resolve(Map.of(), Map.of("GRIDEXEC_TOKEN", "hunter2-hunter2")))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> {
                    assertThat(e.problems()).containsExactly(
                            "token: must be 16 to 4096 characters long, got 15 characters (from environment variable GRIDEXEC_TOKEN)");
                    assertThat(e.getMessage()).doesNotContain("hunter2");
                });
        assertThatThrownBy(() -> CoordinatorSettings.resolve(Map.of("token", " "), Map.of()))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
                        .containsExactly("token: must not be empty (from flag --token)"));
    }

    @Test
    void tokenWithSpacesIsRejectedWithoutQuotingIt() {
        assertThatThrownBy(() -> CoordinatorSettings.resolve(Map.of("token", "correct horse battery staple"), Map.of()))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("token: must be printable ASCII characters without spaces")
                        .doesNotContain("horse"));
    }

    @Test
    void emptyShortMissingOrOversizedTokenFileIsRejectedNamingTheFile() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        Path shortOne = Files.writeString(dir.resolve("short"), "hunter2\n");
        Path huge = Files.write(dir.resolve("huge"), new byte[100_000]);
        Path missing = dir.resolve("missing");

        assertThat(problems(Map.of("token-file", empty.toString())))
                .containsExactly("token: must not be empty (from file " + empty + ", named by flag --token-file)");
        assertThat(problems(Map.of("token-file", shortOne.toString()))).singleElement().asString()
                .startsWith("token: must be 16 to 4096 characters long").doesNotContain("hunter2");
        assertThat(problems(Map.of("token-file", missing.toString())))
                .containsExactly("token-file: " + missing + " does not exist (from flag --token-file)");
        assertThat(problems(Map.of("token-file", huge.toString()))).singleElement().asString()
                .startsWith("token-file: " + huge + " is larger than 65536 bytes");
    }

    @Test
    void toStringSaysWhetherATokenIsSetButNeverWhich() throws Exception {
        CoordinatorSettings settings = CoordinatorSettings.resolve(Map.of("token", FROM_FLAG), Map.of());

        assertThat(settings.toString()).contains("token=(set)", "name=coordinator").doesNotContain(FROM_FLAG);
        assertThat(settings.api().toString()).contains("token=(set)").doesNotContain(FROM_FLAG);
        assertThat(CoordinatorSettings.resolve(Map.of(), Map.of()).toString()).contains("token=(none)");
    }

    private static ApiToken token(Map<String, String> flags, Map<String, String> env) throws InvalidSettingsException {
        return CoordinatorSettings.resolve(flags, env).token().orElseThrow();
    }

    /** The problems {@link CoordinatorSettings#resolve} reports for {@code flags}; fails when it reports none. */
    private static java.util.List<String> problems(Map<String, String> flags) {
        try {
            CoordinatorSettings.resolve(flags, Map.of());
        } catch (InvalidSettingsException e) {
            return e.problems();
        }
        throw new AssertionError("no problem with " + flags);
    }

    @Test
    void theArtifactLimitIs64MibUnlessSetAndFlagsWinOverTheEnvironment() throws Exception {
        assertThat(CoordinatorSettings.resolve(Map.of(), Map.of()).maxArtifactBytes()).isEqualTo(64 * 1024 * 1024);
        assertThat(CoordinatorSettings.resolve(Map.of(), Map.of("GRIDEXEC_MAX_ARTIFACT_BYTES", "2048")).maxArtifactBytes())
                .isEqualTo(2048);
        assertThat(CoordinatorSettings.resolve(Map.of("max-artifact-bytes", "4096"), Map.of("GRIDEXEC_MAX_ARTIFACT_BYTES", "2048"))
                .maxArtifactBytes()).isEqualTo(4096);
    }

    @Test
    void schedulingDefaultsToAutotunedDispatchAndAThousandQueuedJobs() throws Exception {
        dev.gridexec.scheduler.SchedulerSettings scheduling = CoordinatorSettings.resolve(Map.of(), Map.of()).scheduling();
        assertThat(scheduling.dispatch().name()).isEqualTo("autotuned");
        assertThat(scheduling.maxQueuedJobs()).isEqualTo(1_000);
        assertThat(scheduling.maxQueuedChunks()).isGreaterThanOrEqualTo(1_000_000);
        assertThat(CoordinatorSettings.resolve(Map.of("dispatch", "proportional", "max-queued-jobs", "5"), Map.of()).scheduling())
                .satisfies(s -> {
                    assertThat(s.dispatch().name()).isEqualTo("proportional");
                    assertThat(s.maxQueuedJobs()).isEqualTo(5);
                });
    }

    /** A setting out of its range or not of its kind is reported naming it (and, where given, saying why: ';' between parts). */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "max-artifact-bytes | 10     | must be an integer between 1024 and 1073741824",
            "dispatch           | greedy | dispatch: greedy is not a credit policy;autotuned, proportional, fixed",
            "straggler-factor   | 0.5    |",
            "straggler-factor   | fast   |",
            "unresponsive-after | 0s     |",
            "straggler-floor    | soon   |"})
    void aBadSettingIsReportedNamingIt(String setting, String value, String why) {
        String reported = String.join("\n", problems(Map.of(setting, value)));
        assertThat(reported).contains(setting);
        if (why != null) {
            assertThat(reported).contains(why.split(";"));
        }
    }

    @Test
    void stragglerSettingsHaveDefaultsAndAreSet() throws Exception {
        assertThat(CoordinatorSettings.resolve(Map.of(), Map.of()).scheduling().stragglers())
                .isEqualTo(dev.gridexec.scheduler.StragglerPolicy.defaults());
        dev.gridexec.scheduler.StragglerPolicy set = CoordinatorSettings.resolve(Map.of("straggler-factor", "3.5",
                "straggler-floor", "1s", "unresponsive-after", "10s"), Map.of()).scheduling().stragglers();
        assertThat(set.factor()).isEqualTo(3.5);
        assertThat(set.floor()).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(set.unresponsive()).isEqualTo(java.time.Duration.ofSeconds(10)); // bad values: aBadSettingIsReportedNamingIt
    }
}

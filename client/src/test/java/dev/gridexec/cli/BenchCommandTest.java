package dev.gridexec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.cli.Cli.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class BenchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TINY = Map.of("--limit", "20000", "--repeats", "1", "--warmup", "0",
            "--slot-startups", "3");
    private static final long PRIMES_BELOW_20000 = 2262;

    private static Run client(String... args) {
        return Cli.inThisProcessEnvironment(args);
    }

    /** {@code bench} with tiny settings, {@code overrides} (option, value pairs, or a lone flag last) winning. */
    private static String[] bench(String... overrides) {
        Map<String, String> options = new TreeMap<>(TINY);
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < overrides.length; i++) {
            if (i + 1 < overrides.length && !overrides[i + 1].startsWith("--")) {
                options.put(overrides[i], overrides[++i]);
            } else {
                flags.add(overrides[i]);
            }
        }
        List<String> args = new ArrayList<>(List.of("bench"));
        options.forEach((name, value) -> args.addAll(List.of(name, value)));
        args.addAll(flags);
        return args.toArray(String[]::new);
    }

    @Test
    void benchPrintsEveryConfigurationAndTheCountEveryRunAgreedOn() {
        Run run = client(bench());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("every run counted " + PRIMES_BELOW_20000,
                "client bench --limit 20000 --chunks 64 --workers 1,2 --repeats 1 --warmup 0 --slot-startups 3",
                "slot start-up: 3 slots", "processors");
        for (String model : List.of("bare", "threads", "slots", "gil")) {
            for (int workers : List.of(1, 2)) {
                assertThat(run.out()).containsPattern("(?m)^" + model + " +" + workers + " +\\d+\\.\\d ");
            }
        }
        assertThat(run.out()).contains("WARNING: only 1 measured repeat");
        assertThat(run.err()).contains("bench: round 1/1", "bench: slot start-up");
        assertThat(run.out()).doesNotContain("bench: round");
    }

    @Test
    void jsonCarriesTheContextSettingsAndEveryRawSample() throws Exception {
        Run run = client(bench("--json", "--repeats", "2", "--warmup", "1", "--workers", "2,1"));
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("count").asLong()).isEqualTo(PRIMES_BELOW_20000);
        assertThat(result.get("context").get("processors").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(result.get("context").get("jvmVersion").asText()).isEqualTo(System.getProperty("java.runtime.version"));
        assertThat(result.get("settings").get("limit").asLong()).isEqualTo(20_000);
        assertThat(result.get("settings").get("repeats").asInt()).isEqualTo(2);
        assertThat(JSON.convertValue(result.get("settings").get("workers"), int[].class)).containsExactly(1, 2);
        assertThat(result.get("taskFields").get("switchIntervalMs").asLong()).isEqualTo(5);
        JsonNode configurations = result.get("configurations");
        assertThat(configurations).hasSize(8);
        for (JsonNode c : configurations) {
            assertThat(c.get("samplesMs")).as(c.toString()).hasSize(2);
            assertThat(c.get("warmupMs")).as(c.toString()).hasSize(1);
            assertThat(c.get("medianMs").isNumber()).isTrue();
            assertThat(c.get("cv").isNumber()).isTrue();
        }
        assertThat(configurations.get(0).get("model").asText()).isEqualTo("bare");
        assertThat(configurations.get(0).get("startupMs").isNull()).isTrue();
        assertThat(configurations.get(4).get("model").asText()).isEqualTo("slots");
        assertThat(configurations.get(4).get("startupMs")).hasSize(2);
        assertThat(configurations.get(4).get("vsBare").isNumber()).isTrue();
        JsonNode startup = result.get("slotStartup");
        assertThat(startup.get("samplesMs")).hasSize(3);
        assertThat(startup.get("firstMs").asDouble()).isEqualTo(startup.get("samplesMs").get(0).asDouble());
        assertThat(startup.get("medianMs").isNumber()).isTrue();
        assertThat(result.get("warnings").isArray()).isTrue();
    }

    @Test
    void noSlotStartupsLeavesThemOut() throws Exception {
        Run run = client(bench("--slot-startups", "0", "--workers", "1", "--json"));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out()).get("slotStartup").isNull()).isTrue();
    }

    @Test
    void invalidOptionsExitTwoNamingEveryProblem() {
        Run run = client("bench", "--limit", "1", "--workers", "0,2", "--repeats", "0", "--warmup", "-1");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--limit: must be between 2", "--workers:", "--repeats:", "--warmup:");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void helpShowsTheDefaults() {
        Run run = client("bench", "--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--limit=N", "(default: 5000000)", "(default: 64)", "--slot-startups", "--json");
        assertThat(client("--help").out()).contains("bench");
    }
}

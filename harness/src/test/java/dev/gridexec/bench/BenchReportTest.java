package dev.gridexec.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.experiment.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BenchReportTest {

    private static final String GOLDEN = """
            gridexec bench: primes below 5000000 by trial division, 64 chunks; every run counted 348513
            machine   2 processors (Test CPU), Linux 6.1 amd64; load average 0.25 before the bench
            jvm       OpenJDK 64-Bit Server VM 17.0.15+6 (Debian), max heap 6028 MiB, args -Xmx6g
            settings  client bench --limit 5000000 --chunks 64 --workers 1,2 --repeats 3 --warmup 1 --slot-startups 3
            task      kernel primes, method trial, nodes 1, threadsPerSlot 1, switchIntervalMs 5, seed 0, timeout none, maxAttempts 1
            order     %s; 1 warm-up round excluded

            model  workers  median ms  min ms  max ms     cv  speedup  vs bare  cpu/wall
            bare         1     1000.5  1000.0  1001.0   0.0%%    1.00x        -      1.00
            bare         2      520.0   500.0   600.0  10.5%%    1.92x        -      1.50
            slots        1     1020.0  1010.0  1030.0   1.0%%    1.00x    0.98x       n/a
            slots        2      540.0   530.0   550.0   1.9%%    1.89x    0.96x      1.95

            speedup: the same model's 1-worker median / this median.  vs bare: the bare loop's median at the same workers / this median (>= 1.00x: gridexec as fast as the bare loop).
            cpu/wall: the process's CPU time over wall time in the measured runs; below the busy workers (1 for gil) when other processes took the CPU.
            bare: plain threads, inline trial loop, no framework.  gridexec: wall time from its job record, slot start-up included.
            slot start-up: 3 slots, 10 per session: first 12.50 ms (pays class loading once); the other 2: median 1.25 ms, p90 1.50 ms
            WARNING: cv above 10%%, the samples spread widely, compare these medians with care: bare x2 10.5%%
            WARNING: the process used fewer CPUs than the workers could (cpu/wall of usable): other processes took CPU time, so these ran slower than this machine can: bare x2 1.50 of 2
            """.formatted(Rounds.ORDER);

    private static Configuration row(String model, int workers, double median, double min, double max, double cv,
                                     double speedup, Double vsBare, Double cpuPerWall) {
        return new Configuration(model, workers, List.of(), List.of(min, median, max), null, null, median, min, max, cv,
                speedup, vsBare, cpuPerWall);
    }

    private static BenchResult result() {
        Context context = new Context(2, "Test CPU", "Linux", "amd64", "6.1", "OpenJDK 64-Bit Server VM", "Debian",
                "17.0.15+6", List.of("-Xmx6g"), 6028, null, "2025-01-01T00:00:00Z", 0.25);
        BenchSettings settings = new BenchSettings(5_000_000, 64, List.of(1, 2), 3, 1, 3);
        List<Configuration> rows = List.of(
                row("bare", 1, 1000.5, 1000, 1001, 0.0004, 1, null, 1.0),
                row("bare", 2, 520, 500, 600, 0.105, 1000.5 / 520, null, 1.5),
                row("slots", 1, 1020, 1010, 1030, 0.0098, 1, 1000.5 / 1020, null),
                row("slots", 2, 540, 530, 550, 0.0186, 1020.0 / 540, 520.0 / 540, 1.95));
        return BenchResult.of(context, settings, new Rounds.Measured(348_513, rows), SlotStartup.of(List.of(12.5, 1.0, 1.5)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "de-DE", "tr-TR", "ar-EG"})
    void tablePrintsTheSameUnderEveryDefaultLocale(String tag) {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag(tag));
        try {
            StringWriter out = new StringWriter();
            BenchReport.printTable(result(), new PrintWriter(out, true));
            assertThat(out.toString().replace(System.lineSeparator(), "\n")).isEqualTo(GOLDEN);
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void jsonIsTheWholeResultInReportJsonsStyle() throws Exception {
        StringWriter out = new StringWriter();
        BenchReport.printJson(result(), new PrintWriter(out, true));
        assertThat(out.toString()).contains("\n  \"count\": 348513,\n").endsWith("}\n");
        JsonNode json = Json.mapper().readTree(out.toString());
        assertThat(json.get("settings").get("limit").asLong()).isEqualTo(5_000_000);
        assertThat(json.get("configurations")).hasSize(4);
        assertThat(json.get("configurations").get(1).get("samplesMs")).hasSize(3);
        assertThat(json.get("slotStartup").get("firstMs").asDouble()).isEqualTo(12.5);
        assertThat(json.get("warnings")).hasSize(2);
    }
}

package dev.gridexec.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.experiment.Configuration;
import dev.gridexec.experiment.ExperimentReport;
import dev.gridexec.experiment.Sample;
import dev.gridexec.wire.Mode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The files of an experiment against golden files, under default locales with both decimal points and commas. */
class ReportFilesTest {

    /** Each report file with its golden file, under each default locale (decimal points and commas). */
    static Stream<Arguments> filesUnderLocales() {
        Map<String, ReportFormat> files = new LinkedHashMap<>();
        files.put("runs.csv", ReportFormat.RUNS_CSV);
        files.put("summary.csv", ReportFormat.SUMMARY_CSV);
        files.put("report.json", ReportFormat.JSON);
        files.put("report.md", ReportFormat.MARKDOWN);
        return files.entrySet().stream().flatMap(file -> Stream.of("und", "en-US", "de-DE", "tr-TR")
                .map(locale -> Arguments.of(file.getKey(), file.getValue(), locale)));
    }

    @ParameterizedTest(name = "{0} under {2}")
    @MethodSource("filesUnderLocales")
    void eachFileMatchesItsGoldenFileWhateverTheDefaultLocale(String golden, ReportFormat format, String locale) {
        Golden.check(golden, Golden.underDefaultLocale(locale, () -> Fixtures.write(format, Fixtures.talk())));
    }

    @Test
    void csvQuotesLabelsThatHoldCommasQuotesOrLineBreaks() {
        Configuration odd = new Configuration("big, \"odd\"\nlabel", Mode.THREADS, 1, 1);
        ExperimentReport report = Fixtures.measured(odd, Fixtures.ms(100, 100));

        String runs = Fixtures.write(ReportFormat.RUNS_CSV, report);
        String summary = Fixtures.write(ReportFormat.SUMMARY_CSV, report);

        assertThat(runs).contains("\n\"big, \"\"odd\"\"\nlabel\",threads,1,1,1,measure,1,100,100,0.00,0,16,0\n");
        assertThat(summary).endsWith("\n\"big, \"\"odd\"\"\nlabel\",threads,1,1,1,100.00,1.00,1.00,1.00,,0.000\n");
    }

    @Test
    void reportJsonCarriesTheContextTheSpecEverySampleAndEverySummary() throws IOException {
        ExperimentReport report = Fixtures.talk();

        JsonNode json = new ObjectMapper().readTree(Fixtures.write(ReportFormat.JSON, report));

        assertThat(json.path("context").path("processors").asInt()).isEqualTo(2);
        assertThat(json.path("context").path("command").size()).isEqualTo(6);
        assertThat(json.path("spec")).isEqualTo(report.spec());
        assertThat(json.path("samples").size()).isEqualTo(report.samples().size());
        assertThat(json.path("samples").get(0).path("phase").asText()).isEqualTo("warmup");
        assertThat(json.path("summaries").size()).isEqualTo(8);
        assertThat(json.path("skipped").get(0).path("reason").asText()).isEqualTo("needs 3 nodes, the cluster has 2");
        assertThat(json.path("warnings").size()).isEqualTo(3);
    }

    @Test
    void emptyValuesAreNullInJsonAndEmptyInCsv() throws IOException {
        Configuration alone = new Configuration("node-processes", Mode.THREADS, 2, 1);
        ExperimentReport report = Fixtures.measured(alone, Fixtures.ms(500));

        JsonNode summary = new ObjectMapper().readTree(Fixtures.write(ReportFormat.JSON, report)).path("summaries")
                .get(0);

        assertThat(summary.path("medianWallMs").decimalValue()).isEqualByComparingTo("500.00");
        assertThat(summary.path("speedup").isNull()).isTrue();
        assertThat(summary.path("karpFlatt").isNull()).isTrue();
        assertThat(summary.path("cv").isNull()).isTrue();
        assertThat(Fixtures.write(ReportFormat.SUMMARY_CSV, report))
                .endsWith("\nnode-processes,threads,2,1,2,500.00,,,,,\n");
    }

    @Test
    void writeAllCreatesTheDirectoryWithEveryFileInUtf8(@TempDir Path temp) throws IOException {
        Path directory = temp.resolve("experiments/talk-1");

        Reports.writeAll(Fixtures.talk(), directory);

        try (var files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("runs.csv", "summary.csv", "report.json", "report.svg", "report.md");
        }
        for (ReportFormat format : ReportFormat.values()) {
            assertThat(Files.readString(directory.resolve(format.fileName()), StandardCharsets.UTF_8))
                    .isEqualTo(Fixtures.write(format, Fixtures.talk()));
        }
    }

    @Test
    void runsCsvHasOneRowPerSampleWarmupsIncluded() {
        ExperimentReport report = Fixtures.talk();

        List<String> lines = Fixtures.write(ReportFormat.RUNS_CSV, report).lines().toList();

        assertThat(lines).hasSize(1 + report.samples().size());
        assertThat(lines.get(0)).isEqualTo("label,mode,nodes,workers,totalWorkers,phase,repeat,wallMs,computeMs,"
                + "overheadMs,startupMs,chunks,retried");
        assertThat(lines).filteredOn(l -> l.contains(",warmup,")).hasSize(8);
        assertThat(report.samples()).filteredOn(s -> s.phase() == Sample.Phase.WARMUP).hasSize(8);
    }
}

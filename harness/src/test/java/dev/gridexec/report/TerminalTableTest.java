package dev.gridexec.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.experiment.ExperimentReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TerminalTableTest {

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "de-DE"})
    void tableFollowsTheDefaultLocaleItIsGivenAndMatchesItsGoldenFile(String tag) {
        String table = Golden.underDefaultLocale(tag, () -> table(Fixtures.talk(), Locale.getDefault()));

        Golden.check("table-" + tag + ".txt", table);
    }

    @Test
    void underAGermanLocaleTheTableUsesDecimalCommasWhileTheCsvFilesDoNot() {
        ExperimentReport report = Fixtures.talk();

        String table = Golden.underDefaultLocale("de-DE", () -> table(report, Locale.getDefault()));
        String summary = Golden.underDefaultLocale("de-DE", () -> Fixtures.write(ReportFormat.SUMMARY_CSV, report));
        String runs = Golden.underDefaultLocale("de-DE", () -> Fixtures.write(ReportFormat.RUNS_CSV, report));

        assertThat(table).contains("  970,0  ", "  1,04  ", "  0,921  ", "  10,5%  NOISY");
        assertThat(summary).contains("\ngil,gil,1,2,2,970.00,1.04,1.02,0.52,0.921,0.010\n");
        assertThat(runs).contains("\ngil,gil,1,2,2,warmup,1,991,981,500.50,0,16,0\n");
    }

    @Test
    void everySkippedConfigurationAndEveryWarningGetsAWarningLine() {
        ExperimentReport report = Fixtures.talk();

        String table = table(report, Locale.ROOT);

        assertThat(table.lines().filter(l -> l.startsWith("WARNING: ")))
                .hasSize(report.skipped().size() + Summaries.of(report).warnings().size())
                .first().isEqualTo("WARNING: skipped node-processes (threads) 3 nodes × 1 worker: needs 3 nodes, the"
                        + " cluster has 2");
    }

    @Test
    void moreWorkersThanTheProcessorsIsSaidNotHidden() {
        ExperimentReport report = Fixtures.measured(Fixtures.THREADS_1, Fixtures.ms(1000, 1000),
                new dev.gridexec.experiment.Configuration("threads", dev.gridexec.wire.Mode.THREADS, 1, 4),
                Fixtures.ms(400, 400));

        assertThat(table(report, Locale.ROOT)).contains("WARNING: more total workers than the 2 processors of this"
                + " host, which the local node processes share: threads 1 node × 4 workers;");
    }

    private static String table(ExperimentReport report, Locale locale) {
        StringWriter out = new StringWriter();
        Reports.printTable(report, new PrintWriter(out), locale);
        return out.toString().replace(System.lineSeparator(), "\n");
    }
}

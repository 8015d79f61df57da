package dev.gridexec.report;

import dev.gridexec.experiment.Configuration;
import dev.gridexec.experiment.ExperimentContext;
import dev.gridexec.experiment.ExperimentReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The summary table for the terminal: context, one row per configuration, the legend, then WARNING lines. */
final class TableReport {

    private static final String NONE = "-";
    private static final String[] HEADER = {"label", "mode", "nodes", "workers", "median ms", "speedup", "efficiency",
        "Karp–Flatt", "cv", ""};
    /** Left-aligned columns; the others are numbers, right-aligned. */
    private static final boolean[] TEXT = {true, true, false, false, false, false, false, false, false, true};

    private TableReport() {
    }

    static void print(ExperimentReport report, PrintWriter out, Locale locale) {
        Summaries summaries = Summaries.of(report);
        ExperimentContext c = report.context();
        out.println(Texts.name(report.spec()) + ": " + Texts.task(report.spec()) + "; " + Texts.repeats(report));
        out.println(Texts.machine(c) + "; nodes: " + Texts.coordinator(c));
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Summary s : summaries.rows()) {
            Configuration k = s.configuration();
            rows.add(new String[] {k.label(), k.mode().wireName(), String.format(locale, "%d", k.nodes()),
                String.format(locale, "%d", k.workers()), Texts.number(s.medianWallMs(), 1, locale),
                Texts.number(s.speedup(), 2, locale, NONE), Texts.number(s.efficiency(), 2, locale, NONE),
                Texts.number(s.karpFlatt(), 3, locale, NONE), Texts.percent(s.cv(), locale, NONE),
                s.noisy() ? "NOISY" : ""});
        }
        TextTable.print(rows, TEXT, out);
        out.println();
        out.println("speedup: the same label's 1 node × 1 worker median / this median.  efficiency: speedup / total"
                + " workers.");
        out.println("Karp–Flatt: the serial fraction the speedup implies (0 = perfectly parallel, 1 = no speedup).");
        out.println("cv: sample standard deviation / mean of the measured repeats; NOISY above 10%.");
        for (ExperimentReport.Skipped skipped : report.skipped()) {
            out.println("WARNING: " + Texts.skipped(skipped));
        }
        for (String warning : summaries.warnings()) {
            out.println("WARNING: " + warning);
        }
        out.flush();
    }
}

package dev.gridexec.report;

import dev.gridexec.experiment.Configuration;
import dev.gridexec.experiment.ExperimentContext;
import dev.gridexec.experiment.ExperimentReport;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.md}: a heading, the context, the table (NOISY flags, WARNING rows for skipped configurations), the
 * picture ({@code report.svg} beside it), the warnings and how to read the columns; for pasting into an issue or a
 * paper. Numbers as in the terminal table, with {@code .} decimals whatever the locale.
 */
final class MarkdownReport implements Reporter {

    private static final String NONE = "—";

    @Override
    public void write(ExperimentReport report, Writer out) throws IOException {
        Summaries summaries = Summaries.of(report);
        ExperimentContext c = report.context();
        StringBuilder md = new StringBuilder();
        md.append("# Scaling experiment: ").append(escape(Texts.name(report.spec()))).append("\n\n");
        md.append("- **Task:** ").append(escape(Texts.task(report.spec()))).append('\n');
        md.append("- **Repeats:** ").append(escape(Texts.repeats(report))).append('\n');
        md.append("- **Machine:** ").append(escape(Texts.machine(c))).append('\n');
        md.append("- **Nodes:** ").append(escape(Texts.coordinator(c))).append('\n');
        md.append("- **gridexec:** ").append(escape(c.gridexecVersion())).append(", started ")
                .append(escape(c.startedAt())).append('\n');
        String command = String.join(" ", c.command() == null ? List.of() : c.command());
        md.append("- **Command:** ").append(command.isBlank() ? NONE : code(command)).append("\n\n");

        md.append("| label | mode | nodes | workers | total workers | median ms | speedup | vs best 1×1 | efficiency"
                + " | Karp–Flatt | cv | note |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row row : rows(report, summaries)) {
            Configuration k = row.configuration();
            md.append("| ").append(escape(k.label())).append(" | ").append(k.mode().wireName())
                    .append(" | ").append(k.nodes()).append(" | ").append(k.workers())
                    .append(" | ").append(k.totalWorkers()).append(" | ");
            if (row.summary() != null) {
                Summary s = row.summary();
                md.append(Texts.number(s.medianWallMs(), 1, Locale.ROOT)).append(" | ")
                        .append(Texts.number(s.speedup(), 2, Locale.ROOT, NONE)).append(" | ")
                        .append(Texts.number(s.speedupVsBest1(), 2, Locale.ROOT, NONE)).append(" | ")
                        .append(Texts.number(s.efficiency(), 2, Locale.ROOT, NONE)).append(" | ")
                        .append(Texts.number(s.karpFlatt(), 3, Locale.ROOT, NONE)).append(" | ")
                        .append(Texts.percent(s.cv(), Locale.ROOT, NONE)).append(" | ")
                        .append(s.noisy() ? "NOISY" : "").append(" |\n");
            } else {
                md.append((NONE + " | ").repeat(6)).append("**WARNING** skipped: ")
                        .append(escape(row.skipped().reason())).append(" |\n");
            }
        }
        md.append('\n');
        md.append("![speedup](").append(ReportFormat.SVG.fileName()).append(")\n\n");

        md.append("## Warnings\n\n");
        if (report.skipped().isEmpty() && summaries.warnings().isEmpty()) {
            md.append("None.\n");
        }
        for (ExperimentReport.Skipped skipped : report.skipped()) {
            md.append("- WARNING: ").append(escape(Texts.skipped(skipped))).append('\n');
        }
        for (String warning : summaries.warnings()) {
            md.append("- WARNING: ").append(escape(warning)).append('\n');
        }
        md.append('\n');

        md.append("## How to read the columns\n\n");
        md.append("- **median ms**: median wall time of the measured repeats, from the job records; warm-ups excluded.\n");
        md.append("- **speedup**: the same label's 1 node × 1 worker median / this median; ").append(NONE)
                .append(" when that baseline did not run (never estimated).\n");
        md.append("- **vs best 1×1**: the fastest 1 node × 1 worker median of any label / this median, to compare"
                + " labels with each other.\n");
        md.append("- **efficiency**: speedup / total workers; 1.00 is linear scaling.\n");
        md.append("- **Karp–Flatt**: (1/speedup − 1/p) / (1 − 1/p) with p = total workers, the serial fraction the"
                + " speedup implies: 0 is perfectly parallel, 1 is no speedup at all; if it grows with p, overhead"
                + " rather than serial work limits the scaling.\n");
        md.append("- **cv**: sample standard deviation (n − 1) / mean of the measured wall times; NOISY above 10%.\n");
        md.append("- **WARNING** rows: configurations that did not run, and why.\n");
        md.append("- Beside this file: runs.csv (every run, warm-ups included), summary.csv (this table),"
                + " report.json (all of it, with the context and the spec).\n");
        out.write(md.toString());
    }

    /** Summaries and skipped configurations, merged in report order. */
    static List<Row> rows(ExperimentReport report, Summaries summaries) {
        List<Row> rows = new ArrayList<>();
        summaries.rows().forEach(s -> rows.add(new Row(s.configuration(), s, null)));
        report.skipped().forEach(s -> rows.add(new Row(s.configuration(), null, s)));
        Comparator<Configuration> order = Summaries.order(report);
        rows.sort(Comparator.comparing(Row::configuration, order));
        return rows;
    }

    /** A table row: a configuration with either its summary or why it was skipped. */
    record Row(Configuration configuration, Summary summary, ExperimentReport.Skipped skipped) {
    }

    /** {@code text} with the characters Markdown would read as markup escaped, on one line. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char ch : (text == null ? "" : text).toCharArray()) {
            if ("\\`*_[]<>|~&#".indexOf(ch) >= 0) {
                escaped.append('\\').append(ch);
            } else if (ch == '\n' || ch == '\r') {
                escaped.append(' ');
            } else {
                escaped.append(ch);
            }
        }
        return escaped.toString();
    }

    /** {@code text} as an inline code span, fenced with more backticks than it holds in a row. */
    static String code(String text) {
        String line = text.replace('\n', ' ').replace('\r', ' ');
        int longest = 0;
        int run = 0;
        for (char ch : line.toCharArray()) {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String pad = line.startsWith("`") || line.endsWith("`") ? " " : "";
        return fence + pad + line + pad + fence;
    }
}

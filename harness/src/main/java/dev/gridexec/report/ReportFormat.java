package dev.gridexec.report;

import java.util.function.Supplier;

/** The files an experiment writes, each with the reporter that makes it (Caffeine simulator style). */
public enum ReportFormat {
    /** One row per run, warm-ups included. */
    RUNS_CSV("runs.csv", RunsCsv::new),
    /** One row per configuration: medians, speedups, efficiency, Karp–Flatt, cv. */
    SUMMARY_CSV("summary.csv", SummaryCsv::new),
    /** Everything: context, spec, samples, summaries, skipped configurations, warnings. */
    JSON("report.json", JsonReport::new),
    /** Speedup against total workers, one line per label, with the ideal line. */
    SVG("report.svg", SvgReport::new),
    /** The table, the picture and the warnings, for pasting into an issue or a paper. */
    MARKDOWN("report.md", MarkdownReport::new);

    private final String fileName;
    private final Supplier<Reporter> factory;

    ReportFormat(String fileName, Supplier<Reporter> factory) {
        this.fileName = fileName;
        this.factory = factory;
    }

    /** The file's name in the output directory. */
    public String fileName() {
        return fileName;
    }

    /** The reporter for this format. */
    public Reporter reporter() {
        return factory.get();
    }
}

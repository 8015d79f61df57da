package dev.gridexec.report;

/** The files an experiment writes, each with the reporter that makes it (Caffeine simulator style). */
public enum ReportFormat {
    RUNS_CSV("runs.csv"),
    SUMMARY_CSV("summary.csv"),
    JSON("report.json"),
    SVG("report.svg"),
    MARKDOWN("report.md");

    private final String fileName;

    ReportFormat(String fileName) {
        this.fileName = fileName;
    }

    /** The file's name in the output directory. */
    public String fileName() {
        return fileName;
    }

    /** The reporter for this format. */
    public Reporter reporter() {
        throw new UnsupportedOperationException("reporters are being written"); // replaced by the report package
    }
}

package dev.gridexec.report;

import dev.gridexec.experiment.ExperimentReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** Writes every report file of an experiment, and its table for the terminal. */
public final class Reports {

    private Reports() {
    }

    /** Writes every {@link ReportFormat} into {@code directory} (created if missing). */
    public static void writeAll(ExperimentReport report, Path directory) throws IOException {
        throw new UnsupportedOperationException("reporters are being written"); // replaced by the report package
    }

    /** The summary table for people, numbers formatted for {@code locale}, NOISY and WARNING rows included. */
    public static void printTable(ExperimentReport report, PrintWriter out, Locale locale) {
        throw new UnsupportedOperationException("reporters are being written"); // replaced by the report package
    }
}

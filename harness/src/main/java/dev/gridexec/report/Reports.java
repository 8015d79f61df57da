package dev.gridexec.report;

import dev.gridexec.experiment.ExperimentReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes every report file of an experiment, and its table for the terminal. */
public final class Reports {

    private Reports() {
    }

    /** Writes every {@link ReportFormat} into {@code directory} (created if missing), in UTF-8. */
    public static void writeAll(ExperimentReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        for (ReportFormat format : ReportFormat.values()) {
            try (Writer out = Files.newBufferedWriter(directory.resolve(format.fileName()), StandardCharsets.UTF_8)) {
                format.reporter().write(report, out);
            }
        }
    }

    /**
     * Any other report document (records, lists, maps: {@code client bench --json}) in report.json's JSON style, on
     * {@code out}, flushed.
     */
    public static void printJson(Object document, PrintWriter out) throws IOException {
        JsonReport.writeDocument(document, out);
        out.flush();
    }

    /** The summary table for people, numbers formatted for {@code locale}, NOISY and WARNING rows included. */
    public static void printTable(ExperimentReport report, PrintWriter out, Locale locale) {
        TableReport.print(report, out, locale);
    }
}

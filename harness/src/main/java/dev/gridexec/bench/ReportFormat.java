package dev.gridexec.bench;

import java.io.IOException;
import java.io.PrintWriter;

/** The ways {@code client bench} can print its result: a table for people, JSON for programs. */
public enum ReportFormat {
    TABLE(TableReport::print),
    JSON(JsonReport::print);

    /** Prints a bench result. */
    @FunctionalInterface
    interface Reporter {
        void print(BenchResult result, PrintWriter out) throws IOException;
    }

    private final Reporter reporter;

    ReportFormat(Reporter reporter) {
        this.reporter = reporter;
    }

    /** Prints {@code result} to {@code out} in this format. */
    public void print(BenchResult result, PrintWriter out) throws IOException {
        reporter.print(result, out);
        out.flush();
    }
}

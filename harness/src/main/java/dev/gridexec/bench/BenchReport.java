package dev.gridexec.bench;

import dev.gridexec.report.Reports;
import dev.gridexec.report.TextTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code client bench} prints, through the report family's writers: a table for people (context first, then
 * one row per configuration in the experiment's table renderer, then warnings), or the whole result as JSON.
 */
public final class BenchReport {

    private static final String[] HEADER = {"model", "workers", "median ms", "min ms", "max ms", "cv", "speedup",
        "vs bare", "cpu/wall"};
    /** The model is text, left-aligned; the others are numbers, right-aligned. */
    private static final boolean[] TEXT = {true, false, false, false, false, false, false, false, false};

    private BenchReport() {
    }

    /** The whole result, raw samples included, in report.json's JSON style: what {@code --json} prints. */
    public static void printJson(BenchResult result, PrintWriter out) throws IOException {
        Reports.printJson(result, out);
    }

    /** The table for people. */
    public static void printTable(BenchResult result, PrintWriter out) {
        Context c = result.context();
        BenchSettings s = result.settings();
        out.printf(Locale.ROOT, "gridexec bench: primes below %d by trial division, %d chunks; every run counted %d%n",
                s.limit(), s.chunks(), result.count());
        out.printf(Locale.ROOT, "machine   %d processors%s, %s %s %s; load average %s before the bench%n",
                c.processors(), c.cpuModel() == null ? "" : " (" + c.cpuModel() + ")", c.osName(), c.osVersion(),
                c.osArch(), c.loadAverage() < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", c.loadAverage()));
        out.printf(Locale.ROOT, "jvm       %s %s (%s), max heap %d MiB%s%n", c.jvmName(), c.jvmVersion(), c.jvmVendor(),
                c.maxHeapMiB(), c.jvmArgs().isEmpty() ? "" : ", args " + String.join(" ", c.jvmArgs()));
        out.printf(Locale.ROOT, "settings  client bench %s%n", s.options());
        StringBuilder fields = new StringBuilder();
        result.taskFields().forEach((name, value) -> fields.append(fields.length() == 0 ? "" : ", ")
                .append(name).append(' ').append(value == null ? "none" : value));
        out.printf(Locale.ROOT, "task      %s%n", fields);
        out.printf(Locale.ROOT, "order     %s; %d warm-up round%s excluded%n", result.order(), s.warmup(),
                s.warmup() == 1 ? "" : "s");
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Configuration row : result.configurations()) {
            rows.add(new String[] {row.model(), String.valueOf(row.workers()), ms(row.medianMs()), ms(row.minMs()),
                ms(row.maxMs()), row.cv() == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * row.cv()),
                times(row.speedup()), row.bare() ? "-" : times(row.vsBare()),
                row.cpuPerWall() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", row.cpuPerWall())});
        }
        TextTable.print(rows, TEXT, out);
        out.println();
        out.println("speedup: the same model's 1-worker median / this median.  vs bare: the bare loop's median at the"
                + " same workers / this median (>= 1.00x: gridexec as fast as the bare loop).");
        out.println("cpu/wall: the process's CPU time over wall time in the measured runs; below the busy workers"
                + " (1 for gil) when other processes took the CPU.");
        out.println("bare: plain threads, inline trial loop, no framework.  gridexec: wall time from its job record,"
                + " slot start-up included.");
        SlotStartup startup = result.slotStartup();
        if (startup != null) {
            out.printf(Locale.ROOT, "slot start-up: %d slot%s, %d per session: first %.2f ms (pays class loading once)",
                    startup.slots(), startup.slots() == 1 ? "" : "s", startup.perSession(), startup.firstMs());
            if (startup.medianMs() != null) {
                out.printf(Locale.ROOT, "; the other %d: median %.2f ms, p90 %.2f ms", startup.slots() - 1,
                        startup.medianMs(), startup.p90Ms());
            }
            out.println();
        }
        for (String warning : result.warnings()) {
            out.println("WARNING: " + warning);
        }
        out.flush();
    }

    private static String ms(double ms) {
        return String.format(Locale.ROOT, "%.1f", ms);
    }

    private static String times(Double ratio) {
        return ratio == null ? "n/a" : String.format(Locale.ROOT, "%.2fx", ratio);
    }
}

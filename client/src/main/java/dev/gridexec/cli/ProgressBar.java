package dev.gridexec.cli;

import dev.gridexec.scheduler.JobProgress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Chunks done / total with an ETA on stderr: redrawn in place on a terminal, a plain line every few
 * seconds elsewhere (logs, CI). Throttled, so a job of a million chunks costs nothing to watch.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final long intervalNanos;
    private long lastDrawn = System.nanoTime();
    private boolean drawn;

    ProgressBar(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = terminal ? 100_000_000L : 2_000_000_000L;
    }

    synchronized void update(JobProgress progress) {
        long now = System.nanoTime();
        if (now - lastDrawn < intervalNanos && progress.done() < progress.total()) {
            return;
        }
        if (!terminal && progress.done() >= progress.total() && !drawn) {
            return; // a short job in a log needs no progress line
        }
        lastDrawn = now;
        drawn = true;
        String line = render(progress);
        if (terminal) {
            out.print("\r" + line);
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the bar's line so that what follows starts clean; again, it does nothing. */
    synchronized void finish() {
        if (terminal && drawn) {
            out.println();
            out.flush();
        }
        drawn = false;
    }

    static String render(JobProgress progress) {
        int total = Math.max(1, progress.total());
        double fraction = Math.min(1.0, progress.done() / (double) total);
        int filled = (int) Math.round(fraction * WIDTH);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        String eta = "--";
        if (progress.done() > 0 && progress.done() < total) {
            long remainingMs = (long) (progress.elapsedMs() * (total - progress.done()) / (double) progress.done());
            eta = seconds(remainingMs);
        } else if (progress.done() >= total) {
            eta = "0s";
        }
        String retried = progress.retried() > 0 ? ", " + progress.retried() + " retried" : "";
        return String.format(Locale.ROOT, "[%s] %d/%d chunks %3d%%  elapsed %s  ETA %s%s",
                bar, progress.done(), progress.total(), Math.round(fraction * 100), seconds(progress.elapsedMs()), eta, retried);
    }

    private static String seconds(long ms) {
        return ms < 60_000 ? String.format(Locale.ROOT, "%.1fs", ms / 1000.0)
                : String.format(Locale.ROOT, "%dm%02ds", ms / 60_000, (ms / 1000) % 60);
    }
}

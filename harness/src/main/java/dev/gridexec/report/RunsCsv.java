package dev.gridexec.report;

import dev.gridexec.experiment.Configuration;
import dev.gridexec.experiment.ExperimentReport;
import dev.gridexec.experiment.Sample;
import java.io.IOException;
import java.io.Writer;

/** {@code runs.csv}: one row per run, warm-ups included, in the order they ran. */
final class RunsCsv implements Reporter {

    static final String[] COLUMNS = {"label", "mode", "nodes", "workers", "totalWorkers", "phase", "repeat", "wallMs",
        "computeMs", "overheadMs", "startupMs", "chunks", "retried"};

    @Override
    public void write(ExperimentReport report, Writer out) throws IOException {
        Csv csv = new Csv(out).row(COLUMNS);
        for (Sample s : report.samples()) {
            Configuration c = s.configuration();
            csv.row(c.label(), c.mode().wireName(), Integer.toString(c.nodes()), Integer.toString(c.workers()),
                    Integer.toString(c.totalWorkers()), s.phase().wireName(), Integer.toString(s.repeat()),
                    Long.toString(s.wallMs()), Long.toString(s.computeMs()), Csv.number(s.overheadMs(), Texts.RATIO_SCALE),
                    Long.toString(s.startupMs()), Integer.toString(s.chunks()), Integer.toString(s.retried()));
        }
    }
}

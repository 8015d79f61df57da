package dev.gridexec.report;

import dev.gridexec.experiment.Configuration;
import dev.gridexec.experiment.ExperimentReport;
import java.io.IOException;
import java.io.Writer;

/** {@code summary.csv}: one row per configuration with measured repeats, in {@link Summaries} order. */
final class SummaryCsv implements Reporter {

    static final String[] COLUMNS = {"label", "mode", "nodes", "workers", "totalWorkers", "medianWallMs", "speedup",
        "speedupVsBest1", "efficiency", "karpFlatt", "cv"};

    @Override
    public void write(ExperimentReport report, Writer out) throws IOException {
        Csv csv = new Csv(out).row(COLUMNS);
        for (Summary s : Summaries.of(report).rows()) {
            Configuration c = s.configuration();
            csv.row(c.label(), c.mode().wireName(), Integer.toString(c.nodes()), Integer.toString(c.workers()),
                    Integer.toString(c.totalWorkers()), Csv.number(s.medianWallMs(), Texts.RATIO_SCALE),
                    Csv.number(s.speedup(), Texts.RATIO_SCALE), Csv.number(s.speedupVsBest1(), Texts.RATIO_SCALE),
                    Csv.number(s.efficiency(), Texts.RATIO_SCALE), Csv.number(s.karpFlatt(), Texts.FINE_SCALE),
                    Csv.number(s.cv(), Texts.FINE_SCALE));
        }
    }
}

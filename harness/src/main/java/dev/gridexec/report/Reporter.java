package dev.gridexec.report;

import dev.gridexec.experiment.ExperimentReport;
import java.io.IOException;
import java.io.Writer;

/** Writes an experiment's report in one format. */
public interface Reporter {

    void write(ExperimentReport report, Writer out) throws IOException;
}

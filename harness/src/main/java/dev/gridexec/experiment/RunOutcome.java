package dev.gridexec.experiment;

import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import java.util.List;

/** How one run of a sweep ended: its job completed, with timings from its record, or it did not. */
public sealed interface RunOutcome {

    /**
     * The job SUCCEEDED.
     *
     * @param wallMs    {@code timing.wallMs}
     * @param computeMs {@code timing.computeMs}
     * @param startupMs {@code timing.startupMs}
     * @param chunks    {@code chunks.total}
     * @param retried   {@code chunks.retried}
     * @param warnings  the job's warnings (fewer nodes than asked, ...)
     */
    record Completed(long wallMs, long computeMs, long startupMs, int chunks, int retried, List<String> warnings)
            implements RunOutcome {
        public Completed {
            warnings = List.copyOf(warnings);
        }
    }

    /** The job failed, was cancelled or was refused; {@code reason} says how. */
    record Failed(String reason) implements RunOutcome {
    }

    /** The outcome a job's final record describes. */
    static RunOutcome of(JobRecord record) {
        if (record.state() == JobState.SUCCEEDED) {
            return new Completed(record.timing().wallMs(), record.timing().computeMs(), record.timing().startupMs(),
                    record.chunks().total(), record.chunks().retried(), record.warnings());
        }
        String error = record.error() == null ? "" : " (" + record.error().reason() + ": " + record.error().message() + ")";
        return new Failed("job " + record.id() + " ended " + record.state() + error);
    }
}

package dev.gridexec.experiment;

import java.util.Optional;

/**
 * What running a sweep gave: the report (with whatever ran), the runs that failed, and why the sweep stopped
 * early, if it did.
 *
 * @param report     everything measured, warnings and skipped configurations included
 * @param failedRuns runs whose job did not succeed
 * @param stoppedBy  why the sweep stopped before its end (the coordinator could not be reached), if it did
 */
public record ExperimentOutcome(ExperimentReport report, int failedRuns, Optional<String> stoppedBy) {

    /** Whether every run that was to be made was made and completed (skipped configurations aside). */
    public boolean complete() {
        return failedRuns == 0 && stoppedBy.isEmpty();
    }
}

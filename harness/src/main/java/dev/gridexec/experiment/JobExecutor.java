package dev.gridexec.experiment;

import dev.gridexec.remote.CoordinatorUnreachableException;

/** Runs one job of a sweep to its end (the coordinator in the real thing, a stand-in in tests). */
@FunctionalInterface
public interface JobExecutor {

    /**
     * Submits {@code task} (task.json bytes, the configuration already applied) and waits for the job's end.
     *
     * @throws CoordinatorUnreachableException when the coordinator cannot be reached: the sweep stops there
     */
    RunOutcome run(Configuration configuration, byte[] task) throws CoordinatorUnreachableException, InterruptedException;
}

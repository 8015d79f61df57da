package dev.gridexec.runtime.gil;

import dev.gridexec.runtime.Interpreters;
import dev.gridexec.runtime.JobScope;
import dev.gridexec.runtime.ModelFactory;
import dev.gridexec.runtime.ModelSettings;
import dev.gridexec.runtime.SharedInterpreter;
import dev.gridexec.runtime.lock.SwitchingLock;
import java.util.concurrent.TimeUnit;

/**
 * {@code gil}: classic CPython threads. The job's workers share one fair lock (the job's own), handed over at
 * checkpoints once the switch interval has passed and released around blocking sections, so CPU-bound work
 * does not speed up with more workers while waits do.
 */
public final class GilModel implements ModelFactory {

    @Override
    public Interpreters open(ModelSettings settings, JobScope job) {
        SwitchingLock gil = new SwitchingLock(TimeUnit.MILLISECONDS.toNanos(settings.switchIntervalMs()));
        return Interpreters.shared(new SharedInterpreter(gil), settings.workers());
    }
}

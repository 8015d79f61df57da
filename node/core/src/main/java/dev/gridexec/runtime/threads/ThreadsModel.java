package dev.gridexec.runtime.threads;

import dev.gridexec.runtime.Interpreters;
import dev.gridexec.runtime.JobScope;
import dev.gridexec.runtime.ModelFactory;
import dev.gridexec.runtime.ModelSettings;
import dev.gridexec.runtime.SharedInterpreter;

/**
 * {@code threads}: free threads with shared memory, like free-threaded ("NoGIL") Python 3.13t+. No lock,
 * kernel classes loaded once, inputs and outputs by reference, static state shared by every worker.
 */
public final class ThreadsModel implements ModelFactory {

    @Override
    public Interpreters open(ModelSettings settings, JobScope job) {
        return Interpreters.shared(new SharedInterpreter(null), settings.workers());
    }
}

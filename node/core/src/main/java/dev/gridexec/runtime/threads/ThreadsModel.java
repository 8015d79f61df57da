package dev.gridexec.runtime.threads;

import dev.gridexec.runtime.JobScope;
import dev.gridexec.runtime.ModelFactory;
import dev.gridexec.runtime.ModelSettings;
import dev.gridexec.runtime.SharedInterpreter;
import java.util.Collections;
import java.util.List;

/**
 * {@code threads}: free threads with shared memory, like free-threaded ("NoGIL") Python 3.13t+. No lock,
 * kernel classes loaded once, inputs and outputs by reference, static state shared by every worker.
 */
public final class ThreadsModel implements ModelFactory {

    @Override
    public Interpreters build(ModelSettings settings, JobScope job) {
        SharedInterpreter free = new SharedInterpreter(null);
        return new Interpreters(Collections.nCopies(settings.workers(), free), List.of());
    }
}

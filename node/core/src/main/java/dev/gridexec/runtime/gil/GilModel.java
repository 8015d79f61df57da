package dev.gridexec.runtime.gil;

import dev.gridexec.runtime.JobScope;
import dev.gridexec.runtime.ModelFactory;
import dev.gridexec.runtime.ModelSettings;
import dev.gridexec.runtime.SharedInterpreter;
import dev.gridexec.runtime.lock.SwitchingLock;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code gil}: classic CPython threads. Every worker thread shares one fair lock, handed over at checkpoints
 * once the switch interval has passed and released around blocking sections, so CPU-bound work does not
 * speed up with more workers while waits do.
 */
public final class GilModel implements ModelFactory {

    @Override
    public Interpreters build(ModelSettings settings, JobScope job) {
        SwitchingLock gil = new SwitchingLock(TimeUnit.MILLISECONDS.toNanos(settings.switchIntervalMs()));
        SharedInterpreter underGil = new SharedInterpreter(gil);
        return new Interpreters(Collections.nCopies(settings.workers(), underGil), List.of());
    }
}

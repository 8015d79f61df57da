package dev.gridexec.runtime;

import java.util.List;

/** Builds the interpreters of one execution model: one per worker thread, in thread order. */
public interface ModelFactory {

    /** The interpreters, and the per-slot start-up times if the model has slots. */
    Interpreters build(ModelSettings settings, JobScope job);

    /**
     * A model's interpreters.
     *
     * @param perThread one interpreter per worker thread (several threads may share one)
     * @param slotNanos each slot's start-up, empty for models without slots
     */
    record Interpreters(List<Interpreter> perThread, List<Long> slotNanos) {
        public Interpreters {
            perThread = List.copyOf(perThread);
            slotNanos = List.copyOf(slotNanos);
        }
    }
}

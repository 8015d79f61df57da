package dev.gridexec.runtime;

/** Opens one execution model's interpreters for a job on this node (slots are leased from the node's pool here). */
public interface ModelFactory {

    /** The job's interpreters; at most {@code settings.workers()} workers' worth (the runtime has capped it at its capacity). */
    Interpreters open(ModelSettings settings, JobScope job);
}

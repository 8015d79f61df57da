package dev.gridexec.bench;

/** One contender of the bench: counts the primes of the whole range once with a given number of workers. */
interface Runner {

    /** The name the report uses: {@code bare}, or the execution model's wire name. */
    String name();

    /** Runs once, start to finish, on the calling thread's behalf. */
    Run run(int workers) throws Exception;

    /**
     * One run.
     *
     * @param count     primes counted
     * @param wallMs    wall time, start to all work done
     * @param startupMs the part of it spent starting the execution model (0 for the bare loop)
     */
    record Run(long count, double wallMs, double startupMs) {
    }
}

package dev.gridexec.runtime.sandbox;

import dev.gridexec.artifacts.ArtifactLease;
import dev.gridexec.kernel.api.ModeRestriction;
import dev.gridexec.runtime.Interpreters;
import dev.gridexec.runtime.JobScope;
import dev.gridexec.runtime.ModelFactory;
import dev.gridexec.runtime.ModelSettings;
import dev.gridexec.wire.Isolation;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import dev.gridexec.wire.TaskCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Jobs whose chunks run in child processes of the node, two ways:
 * <ul>
 *   <li>{@code processes} mode ({@link #processes}): {@code workers} warm children, one chunk at a time each, like
 *       Python's {@code multiprocessing.Pool}; the kernel runs on one thread in each child;</li>
 *   <li>a sandboxed kernel from a jar ({@link #sandboxed}): one child for the job, the task's mode
 *       ({@code threads}, {@code slots}, {@code gil}) inside it, as many chunks at once as that mode runs.</li>
 * </ul>
 * Children come from the node's {@link ChildPool} and go back to it when the job ends (destroyed instead with
 * {@code "isolation": "job"}).
 */
public final class SandboxModel implements ModelFactory {

    private final ChildPool pool;
    private final boolean processes;

    private SandboxModel(ChildPool pool, boolean processes) {
        this.pool = pool;
        this.processes = processes;
    }

    /** The {@code processes} execution mode. */
    public static SandboxModel processes(ChildPool pool) {
        return new SandboxModel(pool, true);
    }

    /** A jar kernel in a child, the task's mode inside it. */
    public static SandboxModel sandboxed(ChildPool pool) {
        return new SandboxModel(pool, false);
    }

    @Override
    public Interpreters open(ModelSettings settings, JobScope job) {
        int children = processes ? settings.workers() : 1;
        int perChild = processes ? 1
                : settings.mode() == Mode.SLOTS ? settings.workers() * settings.threadsPerSlot() : settings.workers();
        Mode inside = processes ? oneThreadMode(job) : settings.mode();
        int workersInside = processes ? 1 : settings.workers();
        String artifact = job.source().artifact().map(ArtifactLease::sha256).orElse(null);
        String jar = job.source().artifact().map(lease -> lease.jarFile().toString()).orElse("");
        byte[] task = TaskCodec.encode(new Task(null, job.source().name(), job.rawParams(), 1, inside, workersInside, 1,
                settings.threadsPerSlot(), settings.switchIntervalMs(), job.seed(), null, 1, artifact, 0,
                settings.isolation()));
        boolean keepWarm = settings.isolation() != Isolation.JOB;
        long begin = System.nanoTime();
        List<Child> started = pool.take(children);
        List<ChildJob> opened = new ArrayList<>();
        List<Long> nanos = new ArrayList<>();
        try {
            for (Child child : started) {
                opened.add(ChildJob.open(pool, job, task, jar, keepWarm, child));
                nanos.add(System.nanoTime() - begin);
            }
        } catch (RuntimeException | Error e) {
            opened.forEach(ChildJob::close);
            started.subList(opened.size() + 1, started.size()).forEach(child -> pool.giveBack(child, true));
            throw e;
        }
        return Interpreters.fewestFirst(opened, perChild, nanos, ChildJob::close);
    }

    /**
     * The mode a {@code processes} worker runs its one chunk at a time in: threads, or gil for a built-in kernel that
     * refuses threads (python: GraalPy has no free-threaded mode); with one worker the two run alike.
     */
    private static Mode oneThreadMode(JobScope job) {
        boolean refusesThreads = job.kernel() instanceof ModeRestriction restriction
                && restriction.refusal(Mode.THREADS.wireName()).isPresent();
        return refusesThreads ? Mode.GIL : Mode.THREADS;
    }
}

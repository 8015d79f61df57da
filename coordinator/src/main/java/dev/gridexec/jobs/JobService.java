package dev.gridexec.jobs;

import dev.gridexec.artifacts.ArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.scheduler.KernelCheck;
import dev.gridexec.wire.NodeInfo;
import dev.gridexec.wire.Task;
import dev.gridexec.task.TaskDefaults;
import dev.gridexec.task.TaskReader;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the coordinator's API offers, whatever runs the jobs (the embedded node or a Hazelcast cluster).
 * Methods may block briefly on the cluster: call them off any event loop.
 */
public interface JobService {

    /** The built-in kernels tasks may name. */
    KernelCatalog catalog();

    /** The kernels tasks may name: built-in ones and, with {@code artifact}, classes in uploaded jars. */
    default KernelResolver kernels() {
        return KernelResolver.withoutArtifacts(catalog());
    }

    /** Where uploaded jars are stored (and where {@link #kernels()} finds them). */
    default ArtifactStore artifacts() {
        return kernels().artifacts().store();
    }

    /** Whether the jar {@code sha256} is stored now (a jar lost with the nodes that held it is not, whatever is cached). */
    default boolean hasArtifact(String sha256) {
        return artifacts().get(sha256) != null;
    }

    /** Defaults for fields a task leaves out, as this cluster would fill them (workers per node, nodes). */
    TaskDefaults defaults();

    /**
     * Reads task.json as this service checks it. By default every kernel, jar kernels included, is checked in this
     * process; a cluster's service reads without running user code and leaves a jar kernel to {@link #checkKernel}.
     */
    default TaskReader taskReader() {
        return new TaskReader(kernels(), defaults());
    }

    /**
     * Checks what {@link #taskReader} left to a node: a jar kernel's params (and mode), within the kernel-call timeout,
     * without blocking the caller. Completes with the task to submit, its problems, or why no node could check it.
     */
    default CompletableFuture<KernelCheck> checkKernel(Task task) {
        return CompletableFuture.completedFuture(KernelCheck.passed(task));
    }

    /** Accepts a validated task; the job runs in the background. Returns its record as of now. */
    JobRecord submit(Task task);

    /**
     * Why no node can run {@code task} (a kernel of an optional module, such as python, that no node announces);
     * empty when some node can. Checked at submission: the API answers 400 naming {@code kernel}.
     */
    default Optional<String> unrunnable(Task task) {
        return Optional.empty();
    }

    /** The record of job {@code id}, if it exists (finished jobs are kept for the configured retention). */
    Optional<JobRecord> find(String id);

    /**
     * The result of job {@code id} with its record, whether the result is in the record or kept apart (larger than
     * the coordinator's {@code max-inline-result}); empty if the job is unknown.
     */
    default Optional<JobResult> result(String id) {
        return find(id).map(record -> new JobResult(record, record.result() == null ? null : JobResult.bytes(record.result())));
    }

    /** Every known job, newest first. */
    List<JobRecord> list();

    /** Cancels job {@code id} (no effect on an ended job) and returns its record; empty if unknown. */
    Optional<JobRecord> cancel(String id);

    /**
     * Follows job {@code id}: progress, then {@code finished} once (at once for an ended job).
     *
     * @return a handle that stops following, or empty if the job is unknown
     */
    Optional<Runnable> watch(String id, JobListener listener);

    /**
     * Tells {@code observer} about every job this coordinator runs from now on, accepted here or adopted from a
     * coordinator that left: each chunk's progress, and {@code finished} once when the job ends here.
     */
    default void observe(JobListener observer) {
    }

    /** The nodes that can run chunks, with their capacity and load. */
    List<NodeInfo> nodes();
}

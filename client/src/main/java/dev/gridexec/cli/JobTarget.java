package dev.gridexec.cli;

import dev.gridexec.artifacts.ArtifactInfo;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.remote.ArtifactRejectedException;
import dev.gridexec.remote.CoordinatorClient;
import dev.gridexec.remote.CoordinatorException;
import dev.gridexec.remote.JobEvents;
import dev.gridexec.remote.TaskRejectedException;
import dev.gridexec.wire.Problem;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code submit} runs a job: a coordinator over HTTP ({@link #remote}) or the embedded one in this
 * process ({@link EmbeddedTarget}). Both take the same task bytes and give the same records.
 */
interface JobTarget {

    /** What an upload or a submission came to. */
    sealed interface Answer<T> {
    }

    /** Accepted: the stored artifact, or the job's record as accepted. */
    record Accepted<T>(T value) implements Answer<T> {
    }

    /** Rejected, with every problem found, in order. */
    record Rejected<T>(List<Problem> problems) implements Answer<T> {
    }

    /** A job being followed until it ends. */
    interface Watch extends AutoCloseable {

        /** The final record; empty when following stopped before the end (closed, or the stream closed early). */
        Optional<JobRecord> await() throws CoordinatorException, InterruptedException;

        /** Stops following from any thread: {@link #await()} returns empty at once; the job is left alone. */
        @Override
        void close();
    }

    /** Where the job runs, for messages (a URL). */
    String where();

    Answer<ArtifactInfo> upload(byte[] jar) throws CoordinatorException, InterruptedException;

    Answer<JobRecord> submit(byte[] task) throws CoordinatorException, InterruptedException;

    Watch follow(String id, JobEvents events) throws CoordinatorException, InterruptedException;

    JobRecord job(String id) throws CoordinatorException, InterruptedException;

    void cancel(String id) throws CoordinatorException, InterruptedException;

    /** {@code record} with its result in it, fetched when it was too large for the record and kept apart. */
    JobRecord withResult(JobRecord record) throws CoordinatorException, InterruptedException;

    /** A call to a coordinator that may refuse what it is sent. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws CoordinatorException, InterruptedException;
    }

    /** What {@code call} came to: the coordinator's value, or the problems it refused it for. */
    private static <T> Answer<T> answer(Call<T> call) throws CoordinatorException, InterruptedException {
        try {
            return new Accepted<>(call.call());
        } catch (ArtifactRejectedException | TaskRejectedException rejected) {
            return new Rejected<>(rejected.problems());
        }
    }

    /** A coordinator reached over HTTP. */
    static JobTarget remote(CoordinatorClient client) {
        return new JobTarget() {
            @Override
            public String where() {
                return client.url().toString();
            }

            @Override
            public Answer<ArtifactInfo> upload(byte[] jar) throws CoordinatorException, InterruptedException {
                return answer(() -> client.upload(jar));
            }

            @Override
            public Answer<JobRecord> submit(byte[] task) throws CoordinatorException, InterruptedException {
                return answer(() -> client.submit(task));
            }

            @Override
            public Watch follow(String id, JobEvents events) {
                var following = client.follow(id, events);
                return new Watch() {
                    @Override
                    public Optional<JobRecord> await() throws CoordinatorException, InterruptedException {
                        return following.await();
                    }

                    @Override
                    public void close() {
                        following.close();
                    }
                };
            }

            @Override
            public JobRecord job(String id) throws CoordinatorException, InterruptedException {
                return client.job(id);
            }

            @Override
            public void cancel(String id) throws CoordinatorException, InterruptedException {
                client.cancel(id);
            }

            @Override
            public JobRecord withResult(JobRecord record) throws CoordinatorException, InterruptedException {
                return client.withResult(record);
            }
        };
    }
}

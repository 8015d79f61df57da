package dev.gridexec.scheduler;

import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.runtime.JobSession;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.wire.Task;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A node runtime in this process, handed chunk inputs by reference. */
public record LocalMember(NodeRuntime node) implements Member {

    @Override
    public String name() {
        return node.name();
    }

    @Override
    public MemberJob open(String jobId, Task task) {
        JobSession session = node.open(jobId, task);
        return new MemberJob() {
            @Override
            public CompletableFuture<ChunkOutcome> submit(int index, Object input) {
                return session.submit(index, input);
            }

            @Override
            public int threads() {
                return session.threads();
            }

            @Override
            public long startupMs() {
                return TimeUnit.NANOSECONDS.toMillis(session.startup().totalNanos());
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }
}

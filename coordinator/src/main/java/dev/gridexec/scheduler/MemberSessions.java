package dev.gridexec.scheduler;

import dev.gridexec.wire.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens and closes one job's sessions on members ({@link MemberJob}s), the calls that may take a member's time.
 *
 * <p>Called off the job's monitor and stateless: it reads nothing of the job's but what it is given. A member that
 * fails to open the job, or to close it at the end, is logged, not thrown.
 */
final class MemberSessions {

    private static final Logger LOG = LoggerFactory.getLogger(MemberSessions.class);

    private final String jobId;

    MemberSessions(String jobId) {
        this.jobId = jobId;
    }

    /** Opens the job on {@code member}; null when it could not. */
    MemberJob open(Member member, Task task) {
        try {
            return member.open(jobId, task);
        } catch (RuntimeException e) {
            LOG.warn("job {}: member {} could not open the job: {}", jobId, member.name(), e.toString());
            return null;
        }
    }

    /** Opens the job on each of {@code members}, in their order; null in place of each that could not. */
    List<MemberJob> openAll(List<Member> members, Task task) {
        List<MemberJob> opened = new ArrayList<>();
        for (Member member : members) {
            opened.add(open(member, task));
        }
        return opened;
    }

    /** Closes the sessions that {@link #openAll} opened and the job did not take (a failure to close is thrown). */
    static void closeUnused(List<MemberJob> opened) {
        opened.stream().filter(Objects::nonNull).forEach(MemberJob::close);
    }

    /** Closes the job on {@code lane}'s member at the job's end. */
    void close(Lane lane) {
        try {
            lane.job.close();
        } catch (RuntimeException e) {
            LOG.warn("job {}: closing it on {} failed: {}", jobId, lane.node, e.toString());
        }
    }
}

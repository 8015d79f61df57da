package dev.gridexec.remote;

import dev.gridexec.wire.Problem;
import java.util.List;

/**
 * The coordinator refused what it was sent and said why: a task ({@link TaskRejectedException}) or a jar
 * ({@link ArtifactRejectedException}).
 */
public interface Rejection {

    /** What the coordinator said is wrong, in the order it gave them. */
    List<Problem> problems();
}

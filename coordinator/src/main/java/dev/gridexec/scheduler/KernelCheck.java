package dev.gridexec.scheduler;

import dev.gridexec.wire.Problem;
import dev.gridexec.wire.Task;
import java.util.List;

/**
 * What checking a task's kernel on a node said at submission.
 *
 * @param task        the task to run (its kernel named as the node resolved it); null unless it passed
 * @param problems    what the kernel rejects (its params, mode; a {@code params} that did not return in time); empty if it passed
 * @param unavailable why no node could check it now (answered 503, retry later); null when one did
 */
public record KernelCheck(Task task, List<Problem> problems, String unavailable) {

    public KernelCheck {
        problems = List.copyOf(problems);
    }

    public static KernelCheck passed(Task task) {
        return new KernelCheck(task, List.of(), null);
    }

    public static KernelCheck rejected(List<Problem> problems) {
        return new KernelCheck(null, problems, null);
    }

    public static KernelCheck unavailable(String why) {
        return new KernelCheck(null, List.of(), why);
    }
}

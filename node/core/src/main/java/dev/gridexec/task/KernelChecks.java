package dev.gridexec.task;

import dev.gridexec.catalog.ResolvedKernel;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ModeRestriction;
import dev.gridexec.kernel.api.ParamProblem;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Problem;
import dev.gridexec.wire.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a task's kernel says of it: its {@code params} (checked by the kernel itself, a user's kernel's throws
 * turned into problems) and its refusal of the task's mode. {@link TaskReader} asks it while it reads task.json
 * where kernels may run; a node asks it ({@link #of}) for a coordinator that runs no user code.
 */
public final class KernelChecks {

    private KernelChecks() {
    }

    /**
     * What a kernel says of {@code task}, asked where user code may run (a node): its params problems (or what its
     * constructor or {@code params} threw, as a problem with {@code kernel}) and its refusal of the task's mode.
     * Empty when the kernel takes the task.
     */
    public static List<Problem> of(ResolvedKernel kernel, Task task) {
        List<Problem> problems = new ArrayList<>();
        params(Map.of("params", task.params()), kernel, task.artifact() != null, problems);
        if (problems.isEmpty()) {
            refuseMode(kernel, task.mode(), true, problems);
        }
        return problems;
    }

    /**
     * The params, checked by the kernel when there is one to ask. A kernel from an artifact is the user's
     * code: what its constructor or {@code params} throws is a problem with the task, not a server failure.
     */
    static Map<String, Object> params(Map<String, Object> fields, ResolvedKernel kernel, boolean userCode,
                                      List<Problem> problems) {
        Object value = fields.getOrDefault("params", Map.of());
        if (!(value instanceof Map<?, ?>)) {
            problems.add(new Problem("params", "must be a JSON object, got " + JsonValues.describe(value)));
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) value;
        if (kernel != null) {
            ParamReader reader = new ParamReader(params);
            if (userCode) {
                String failure = userParams(kernel, reader);
                if (failure != null) {
                    problems.add(new Problem("kernel", failure));
                    return params;
                }
            } else {
                Kernel<Object, Object, Object, Object> instance = kernel.newInstance();
                instance.params(reader);
            }
            for (ParamProblem problem : reader.problems()) {
                problems.add(new Problem(problem.path().isEmpty() ? "params" : "params." + problem.path(), problem.message()));
            }
            for (String name : reader.unreadNames()) {
                problems.add(new Problem("params." + name, "unknown parameter"));
            }
        }
        return params;
    }

    /** A problem with {@code mode} when the kernel cannot run under it ({@link ModeRestriction}). */
    static void refuseMode(ResolvedKernel kernel, Mode mode, boolean given, List<Problem> problems) {
        if (kernel == null || !ModeRestriction.class.isAssignableFrom(kernel.kernelClass())) {
            return;
        }
        ((ModeRestriction) kernel.newInstance()).refusal(mode.wireName()).ifPresent(why ->
                problems.add(new Problem("mode", (given ? "" : "is " + mode.wireName() + " by default: ") + why)));
    }

    /** Runs a user kernel's constructor and {@code params}; null when both returned, else what they threw. */
    private static String userParams(ResolvedKernel kernel, ParamReader reader) {
        Kernel<Object, Object, Object, Object> instance;
        try {
            instance = kernel.newInstance();
        } catch (RuntimeException | LinkageError e) {
            Throwable thrown = e.getCause() != null ? e.getCause() : e;
            return "kernel " + kernel.name() + " could not be constructed: " + Thrown.describe(thrown);
        }
        try {
            instance.params(reader);
            return null;
        } catch (RuntimeException | LinkageError e) {
            return "kernel " + kernel.name() + " threw in params: " + Thrown.describe(e);
        }
    }
}

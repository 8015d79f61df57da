package dev.gridexec.runtime;

import dev.gridexec.wire.Problem;
import java.util.List;

/**
 * What one call of a job's kernel that is not a chunk (its params check, split or reduce; see {@link KernelCallWork})
 * answered, in plain values, wherever it ran: in the node's JVM or in a child process of its sandbox. The cluster's
 * {@code KernelAnswer} carries the same fields to the coordinator; the kinds are the same bytes.
 *
 * @param kind     {@link #OK}, {@link #PROBLEMS}, {@link #FAILED} or {@link #TIMED_OUT}
 * @param kernel   the kernel's name as resolved (a jar kernel's fully qualified class name); null unless OK
 * @param paths    with {@link #PROBLEMS}: each problem's path; else null
 * @param messages with {@link #PROBLEMS}: each problem's message; with a failure, one message saying why; else null
 * @param inputs   a split's chunk inputs, encoded by the kernel's codec, in chunk order; else null
 * @param result   a reduce's result as JSON text; else null
 */
public record CallAnswer(byte kind, String kernel, String[] paths, String[] messages, byte[][] inputs, String result) {

    public static final byte OK = 0;
    public static final byte PROBLEMS = 1;
    public static final byte FAILED = 2;
    public static final byte TIMED_OUT = 3;

    public static CallAnswer checked(String kernel) {
        return new CallAnswer(OK, kernel, null, null, null, null);
    }

    public static CallAnswer split(String kernel, byte[][] inputs) {
        return new CallAnswer(OK, kernel, null, null, inputs, null);
    }

    public static CallAnswer reduced(String kernel, String resultJson) {
        return new CallAnswer(OK, kernel, null, null, null, resultJson);
    }

    public static CallAnswer problems(List<Problem> problems) {
        return new CallAnswer(PROBLEMS, null, problems.stream().map(Problem::path).toArray(String[]::new),
                problems.stream().map(Problem::message).toArray(String[]::new), null, null);
    }

    public static CallAnswer failed(byte kind, String message) {
        return new CallAnswer(kind, null, null, new String[] {message}, null, null);
    }
}

package dev.gridexec.wire;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one call of a job's kernel that is not a chunk answered (its params check, split or reduce), wherever it ran:
 * in the node's JVM or in a child process of its sandbox, and what the node then sends the coordinator for its
 * {@code KernelCall}. Made of plain values only (strings, bytes), so that the coordinator that reads it loads no class
 * of the kernel.
 *
 * @param kind     {@link #OK}, {@link #PROBLEMS}, {@link #FAILED}, {@link #TIMED_OUT} or {@link #BUSY}
 * @param kernel   the kernel's name as resolved (a jar kernel's fully qualified class name); null unless OK
 * @param paths    with {@link #PROBLEMS}: each problem's path ({@code params.x}, {@code kernel}, {@code mode})
 * @param messages with {@link #PROBLEMS}: each problem's message; with any other failure, one message saying why
 * @param inputs   a split's chunk inputs, encoded by the kernel's codec, in chunk order; else null
 * @param result   a reduce's result as JSON text (the job record's {@code result}); else null
 */
public record KernelAnswer(byte kind, String kernel, String[] paths, String[] messages, byte[][] inputs, String result)
        implements Serializable {

    /** The kernel took the call: its params are fine, or here are its inputs or result. */
    public static final byte OK = 0;
    /** The kernel rejected the task: problems with its params, its mode, or the kernel itself. */
    public static final byte PROBLEMS = 1;
    /** The kernel threw (split, reduce) or could not be resolved; {@link #message()} says what and where. */
    public static final byte FAILED = 2;
    /** The kernel did not return within the call's timeout; the node stopped waiting for it. */
    public static final byte TIMED_OUT = 3;
    /** The node could not take the call now (all its threads for kernel calls are taken): ask another or later. */
    public static final byte BUSY = 4;

    public static KernelAnswer checked(String kernel) {
        return new KernelAnswer(OK, kernel, null, null, null, null);
    }

    public static KernelAnswer split(String kernel, byte[][] inputs) {
        return new KernelAnswer(OK, kernel, null, null, inputs, null);
    }

    public static KernelAnswer reduced(String kernel, String resultJson) {
        return new KernelAnswer(OK, kernel, null, null, null, resultJson);
    }

    public static KernelAnswer problems(List<Problem> problems) {
        return new KernelAnswer(PROBLEMS, null, problems.stream().map(Problem::path).toArray(String[]::new),
                problems.stream().map(Problem::message).toArray(String[]::new), null, null);
    }

    public static KernelAnswer failed(byte kind, String message) {
        return new KernelAnswer(kind, null, null, new String[] {message}, null, null);
    }

    /** The problems of a {@link #PROBLEMS} answer (empty otherwise). */
    public List<Problem> problemList() {
        List<Problem> out = new ArrayList<>();
        if (kind == PROBLEMS) {
            for (int i = 0; i < paths.length; i++) {
                out.add(new Problem(paths[i], messages[i]));
            }
        }
        return out;
    }

    /** The one message of a failed answer; null when there is none. */
    public String message() {
        return messages == null || messages.length == 0 ? null : messages[0];
    }
}

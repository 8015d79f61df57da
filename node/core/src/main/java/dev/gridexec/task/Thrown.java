package dev.gridexec.task;

/** What a kernel threw, told in one line for a problem or an outcome: what and where, no stack trace. */
public final class Thrown {

    private Thrown() {
    }

    /** {@code java.lang.ArithmeticException: / by zero (at Kernel.run(Kernel.java:42))}. */
    public static String describe(Throwable thrown) {
        StringBuilder out = new StringBuilder(thrown.toString());
        StackTraceElement[] frames = thrown.getStackTrace();
        if (frames.length > 0) {
            StackTraceElement top = frames[0];
            out.append(" (at ").append(top.getClassName()).append('.').append(top.getMethodName())
                    .append('(').append(top.getFileName()).append(':').append(top.getLineNumber()).append("))");
        }
        return out.toString();
    }
}

package dev.gridexec.runtime.sandbox;

/** Says how a child process ended, as a chunk's failure message shows it. */
final class Exits {

    private Exits() {
    }

    /**
     * {@code the kernel's process 4242 exited with status 1} or {@code … was killed by signal 9 (SIGKILL)}: a JVM
     * reports a process a signal ended as 128 + the signal.
     */
    static String describe(long pid, int status) {
        if (status > 128 && status < 128 + 65) {
            int signal = status - 128;
            return "the kernel's process " + pid + " was killed by signal " + signal + signalName(signal);
        }
        return "the kernel's process " + pid + " exited with status " + status;
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 1 -> " (SIGHUP)";
            case 2 -> " (SIGINT)";
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }
}

package dev.gridexec.testsupport;

import org.junit.jupiter.api.Assumptions;

/**
 * The one way a test depends on its environment (Docker, kubectl, ...): outside CI a missing tool skips the
 * test with a reason; under CI (env {@code CI=true}) it fails it, since a skipped check there is a check not made.
 */
public final class UnderCi {

    private UnderCi() {
    }

    /** True when running under CI: the environment variable {@code CI} is {@code true} (any case) or {@code 1}. */
    public static boolean active() {
        return active(System.getenv("CI"));
    }

    static boolean active(String ci) {
        return ci != null && (ci.equalsIgnoreCase("true") || ci.equals("1"));
    }

    /**
     * Goes on when {@code available}; otherwise skips the calling test outside CI and fails it under CI.
     *
     * @param what what is missing and what is therefore not checked, e.g. "kubectl is not on the PATH: ..."
     */
    public static void require(boolean available, String what) {
        require(available, what, active());
    }

    static void require(boolean available, String what, boolean ci) {
        if (available) {
            return;
        }
        if (ci) {
            throw new AssertionError(what + " (CI=true: a skipped check is a failure here)");
        }
        Assumptions.abort(what);
    }
}

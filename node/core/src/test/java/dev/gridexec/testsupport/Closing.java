package dev.gridexec.testsupport;

/** Tear-down for tests: closes what a test started, in order, skipping what it never got to start. */
public final class Closing {

    private Closing() {
    }

    /**
     * Closes each of {@code things} that is not null, in order, all of them even when one fails; then throws the
     * first failure, the others suppressed in it.
     */
    public static void all(AutoCloseable... things) throws Exception {
        Exception first = null;
        for (AutoCloseable thing : things) {
            if (thing == null) {
                continue;
            }
            try {
                thing.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

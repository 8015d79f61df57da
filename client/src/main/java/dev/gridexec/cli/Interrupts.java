package dev.gridexec.cli;

/** Where a command says what to do on Ctrl-C while it waits; tests trigger it by hand. */
interface Interrupts {

    /** Ctrl-C as the JVM sees it: a shutdown hook, run on SIGINT or SIGTERM. */
    Interrupts SHUTDOWN_HOOKS = action -> {
        Thread hook = new Thread(action, "gridexec-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        };
    };

    /** Runs {@code action} on Ctrl-C until the registration is closed. */
    Registration onInterrupt(Runnable action);

    /** An action registered for Ctrl-C; closing it unregisters it. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}

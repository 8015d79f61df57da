package dev.gridexec.lifecycle;

import java.util.concurrent.CountDownLatch;

/** How a gridexec process lives: it runs until SIGTERM (or Ctrl-C), then closes what it started and exits. */
public final class UntilTerminated {

    private UntilTerminated() {
    }

    /** Blocks until the JVM is asked to stop, closing {@code process} (on the shutdown hook's thread) before it does. */
    public static void run(AutoCloseable process, String name) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                process.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(UntilTerminated.class).warn("{} did not close cleanly: {}", name, e.toString());
            } finally {
                stopped.countDown();
            }
        }, "gridexec-" + name + "-shutdown"));
        stopped.await();
    }
}

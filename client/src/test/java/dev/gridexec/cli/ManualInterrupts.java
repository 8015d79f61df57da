package dev.gridexec.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Ctrl-C pressed by a test: {@link #interrupt()} runs whatever is registered now. */
final class ManualInterrupts implements Interrupts {

    private final AtomicReference<Runnable> action = new AtomicReference<>();
    private final CountDownLatch registered = new CountDownLatch(1);

    @Override
    public Registration onInterrupt(Runnable onCtrlC) {
        action.set(onCtrlC);
        registered.countDown();
        return () -> action.compareAndSet(onCtrlC, null);
    }

    boolean awaitRegistered(long seconds) throws InterruptedException {
        return registered.await(seconds, TimeUnit.SECONDS);
    }

    void interrupt() {
        Runnable onCtrlC = action.get();
        if (onCtrlC == null) {
            throw new IllegalStateException("nothing is registered for Ctrl-C");
        }
        onCtrlC.run();
    }
}

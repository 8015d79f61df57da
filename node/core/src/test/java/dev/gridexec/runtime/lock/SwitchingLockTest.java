package dev.gridexec.runtime.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SwitchingLockTest {

    @Test
    void holderThatCheckpointsHandsTheLockToAWaiter() throws Exception {
        SwitchingLock lock = new SwitchingLock(TimeUnit.MILLISECONDS.toNanos(5));
        CountDownLatch holding = new CountDownLatch(1);
        AtomicBoolean waiterGotIt = new AtomicBoolean();
        AtomicBoolean holderSawWaiterFirst = new AtomicBoolean();
        Thread holder = new Thread(() -> {
            lock.acquire();
            holding.countDown();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < end && !waiterGotIt.get()) {
                lock.checkpoint();
            }
            holderSawWaiterFirst.set(waiterGotIt.get());
            lock.release();
        });
        holder.start();
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        lock.acquire();
        waiterGotIt.set(true);
        lock.release();
        holder.join(10_000);
        assertThat(holderSawWaiterFirst).as("the waiter got the lock while the holder was still looping").isTrue();
        assertThat(lock.switches()).isEqualTo(1);
    }

    @Test
    void checkpointWithoutWaitersKeepsTheLock() {
        SwitchingLock lock = new SwitchingLock(1);
        lock.acquire();
        for (int i = 0; i < 1000; i++) {
            lock.checkpoint();
        }
        assertThat(lock.heldByCurrentThread()).isTrue();
        assertThat(lock.switches()).isZero();
        lock.release();
    }
}

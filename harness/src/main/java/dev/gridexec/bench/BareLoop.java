package dev.gridexec.bench;

import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import dev.gridexec.kernels.PrimesKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline: plain platform threads pull the kernel's own chunk ranges from a shared counter and count
 * primes with the kernel's own trial division ({@link PrimesKernel#isOddPrime}: 2 apart, odd candidates, odd
 * divisors up to the square root), with no chunk context, no checkpoints and no framework.
 */
final class BareLoop implements Runner {

    /** The bare loop's name in reports. */
    static final String NAME = "bare";

    private final List<PrimesKernel.Range> ranges;

    BareLoop(BenchSettings settings) {
        PrimesKernel kernel = new PrimesKernel();
        PrimesKernel.Params params = kernel.params(new ParamReader(settings.params()));
        this.ranges = List.copyOf(kernel.split(params, new SplitRequest(settings.chunks(), BenchSettings.SEED)));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Run run(int workers) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong total = new AtomicLong();
        List<Thread> threads = new ArrayList<>(workers);
        long start = System.nanoTime();
        for (int i = 0; i < workers; i++) {
            Thread thread = new Thread(() -> {
                long count = 0;
                for (int chunk = next.getAndIncrement(); chunk < ranges.size(); chunk = next.getAndIncrement()) {
                    PrimesKernel.Range range = ranges.get(chunk);
                    count += countPrimes(range.from(), range.to());
                }
                total.addAndGet(count);
            }, "gridexec-bench-bare-" + i);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long nanos = System.nanoTime() - start;
        return new Run(total.get(), nanos / 1e6, 0);
    }

    /** The primes in {@code [from, to)}: the kernel's trial division, without checkpoints. */
    static long countPrimes(long from, long to) {
        long count = from <= 2 && 2 < to ? 1 : 0;
        for (long n = Math.max(from, 3) | 1; n < to; n += 2) {
            if (PrimesKernel.isOddPrime(n)) {
                count++;
            }
        }
        return count;
    }
}

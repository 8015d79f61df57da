package dev.gridexec.jobstore;

import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import com.hazelcast.query.QueryConstants;
import dev.gridexec.trust.Seal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger in a Hazelcast map ({@code gridexec-ledger}, one backup on the data members). Finished chunks are queued
 * in memory and written every {@link #FLUSH_EVERY_MS} ms, one entry per job per flush under key
 * {@code jobId/writer.sequence} (the writer part is this coordinator's, so that an adopter never overwrites what the
 * previous owner wrote). The dispatch path only queues: outputs are encoded and written on the ledger's thread. A
 * coordinator killed between two flushes loses at most that long of outputs: the adopter runs those chunks again.
 */
public final class HazelcastLedger implements Ledger, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastLedger.class);
    /** How often queued outputs are written. */
    static final long FLUSH_EVERY_MS = 100;
    private static final long WRITE_TIMEOUT_MS = 10_000;

    private final IMap<String, byte[]> map;
    private final Seal seal;
    private final String writer = UUID.randomUUID().toString().substring(0, 8);
    private final Queue<Entry> queued = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> sequences = new HashMap<>(); // guarded by this
    private CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null); // guarded by this
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gridexec-ledger");
        t.setDaemon(true);
        return t;
    });

    /** One finished chunk, or (index -1) a job to forget. */
    private record Entry(String jobId, int index, int sent, Supplier<byte[]> output) {
    }

    /** @param seal seals each entry written and checks each read ({@link Seal}): a refused entry's chunks run again */
    public HazelcastLedger(IMap<String, byte[]> map, Seal seal) {
        this.map = map;
        this.seal = seal;
        thread.scheduleWithFixedDelay(this::writeSafely, FLUSH_EVERY_MS, FLUSH_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void record(String jobId, int index, int sent, Supplier<byte[]> output) {
        queued.add(new Entry(jobId, index, sent, output));
    }

    @Override
    public void drop(String jobId) {
        queued.add(new Entry(jobId, -1, 0, null));
    }

    @Override
    public Journal read(String jobId) {
        Map<Integer, byte[]> outputs = new TreeMap<>();
        int sent = 0;
        for (Map.Entry<String, byte[]> entry : map.entrySet(keysOf(jobId))) {
            Optional<byte[]> pack = seal.open(map.getName(), entry.getKey(), entry.getValue());
            if (pack.isEmpty()) {
                continue; // refused (logged once): its chunks run again
            }
            try {
                sent = Math.max(sent, LedgerPack.unpack(pack.get(), outputs));
            } catch (IllegalArgumentException e) {
                LOG.warn("job {}: ledger entry {} skipped (its chunks run again): {}", jobId, entry.getKey(), e.getMessage());
            }
        }
        return new Journal(outputs, sent);
    }

    @Override
    public void flush() {
        try {
            write().get(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("the ledger could not be written out: {}", e.toString());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        flush();
    }

    /** Stops writing at once, leaving what is queued unwritten (what a killed coordinator leaves; tests). */
    public void halt() {
        thread.shutdownNow();
        queued.clear();
    }

    private static Predicate<String, byte[]> keysOf(String jobId) {
        return Predicates.like(QueryConstants.KEY_ATTRIBUTE_NAME.value(), jobId.replace("%", "\\%").replace("_", "\\_") + "/%");
    }

    private void writeSafely() {
        try {
            write();
        } catch (RuntimeException e) {
            LOG.warn("the ledger could not be written (retried at the next flush of new outputs): {}", e.toString());
        }
    }

    /** Writes what is queued now: one entry per job; forgets dropped jobs. Completes when the cluster has it. */
    private synchronized CompletableFuture<Void> write() {
        Map<String, Map<Integer, byte[]>> outputs = new LinkedHashMap<>();
        Map<String, Integer> sent = new HashMap<>();
        List<String> dropped = new ArrayList<>();
        for (Entry entry = queued.poll(); entry != null; entry = queued.poll()) {
            if (entry.index < 0) {
                outputs.remove(entry.jobId);
                sent.remove(entry.jobId);
                sequences.remove(entry.jobId);
                dropped.add(entry.jobId);
                continue;
            }
            byte[] encoded;
            try {
                encoded = entry.output.get();
            } catch (RuntimeException e) {
                LOG.debug("job {}: chunk {}'s output is left out of the ledger: {}", entry.jobId, entry.index, e.toString());
                continue;
            }
            outputs.computeIfAbsent(entry.jobId, id -> new TreeMap<>()).put(entry.index, encoded);
            sent.merge(entry.jobId, entry.sent, Math::max);
        }
        if (!dropped.isEmpty()) {
            settle(lastWrite); // what an earlier flush wrote for a dropped job must be there before it is removed
            for (String jobId : dropped) {
                try {
                    map.removeAll(keysOf(jobId));
                } catch (RuntimeException e) {
                    LOG.warn("job {}: its ledger was not removed: {}", jobId, e.toString());
                }
            }
        }
        Map<String, byte[]> entries = new HashMap<>();
        outputs.forEach((jobId, chunks) -> {
            int sequence = sequences.merge(jobId, 1, Integer::sum);
            String key = jobId + "/" + writer + "." + sequence;
            entries.put(key, seal.seal(map.getName(), key, LedgerPack.pack(sent.get(jobId), chunks)));
        });
        if (!entries.isEmpty()) {
            lastWrite = map.putAllAsync(entries).toCompletableFuture();
        }
        return lastWrite;
    }

    private static void settle(CompletableFuture<Void> write) {
        try {
            write.get(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("an earlier ledger write did not complete: {}", e.toString());
        }
    }
}

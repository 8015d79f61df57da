package dev.gridexec.jobstore;

import com.hazelcast.map.IMap;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.trust.Seal;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes running jobs' records for {@link HazelcastJobStore#save}: each write a compare-and-set against the stored
 * (sealed) text, made only while the stored record is {@link JobStore#writable} by the writer, so that a claim by another
 * coordinator or a job's final record is never written over. A stored record whose seal is refused (forged or edited by
 * a member without the cluster secret) is written over: it is no record of this cluster's, and the owner's stands.
 * One thread, off the caller's: a job's writes stay in order, and when they come faster than the store takes them only the newest waiting record of each job is written.
 */
final class OwnedRecordWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OwnedRecordWriter.class);
    /** Compare-and-set tries before a write gives up (another writer changing the record every time). */
    private static final int TRIES = 5;

    private final IMap<String, String> records;
    private final Seal seal;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gridexec-record-writer");
        t.setDaemon(true);
        return t;
    });

    private record Pending(JobRecord record, CompletableFuture<Boolean> written) {
    }

    /** @param seal seals what is written, checks what is read; a record it refuses is never written over */
    OwnedRecordWriter(IMap<String, String> records, Seal seal) {
        this.records = records;
        this.seal = seal;
    }

    /** See {@link JobStore#save}. */
    CompletionStage<Boolean> save(JobRecord record) {
        CompletableFuture<Boolean> written = new CompletableFuture<>();
        Pending before = pending.put(record.id(), new Pending(record, written));
        if (before != null) { // not written yet: this newer record goes in its place, and says for both
            written.whenComplete((ok, thrown) -> before.written.complete(ok == null || ok));
            return written;
        }
        try {
            thread.execute(() -> write(record.id()));
        } catch (RejectedExecutionException e) { // the store is closed: the coordinator is stopping
            LOG.debug("job {}: record not stored, the store is closed", record.id());
            pending.remove(record.id());
            written.complete(true);
        }
        return written;
    }

    private void write(String id) {
        Pending next = pending.remove(id);
        if (next == null) {
            return;
        }
        try {
            next.written.complete(compareAndSet(next.record));
        } catch (RuntimeException e) {
            LOG.warn("job {}: could not store its record: {}", id, e.toString());
            next.written.complete(true);
        }
    }

    private boolean compareAndSet(JobRecord record) {
        String sealed = seal.seal(records.getName(), record.id(), JobRecords.toJson(record));
        for (int i = 0; i < TRIES; i++) {
            String stored = records.get(record.id());
            if (stored == null) {
                if (records.putIfAbsent(record.id(), sealed) == null) {
                    return true;
                }
            } else if (seal.open(records.getName(), record.id(), stored).map(JobRecords::fromJson)
                    .map(found -> !JobStore.writable(found, record)).orElse(false)) {
                return false;
            } else if (records.replace(record.id(), stored, sealed)) {
                return true;
            }
        }
        LOG.warn("job {}: its record changed under every one of {} writes; this one is dropped", record.id(), TRIES);
        return true;
    }

    @Override
    public void close() {
        thread.shutdown();
    }
}

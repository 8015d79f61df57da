package dev.gridexec.jobstore;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.trust.Seal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job store in the cluster's maps: records ({@code gridexec-jobs}, JSON text, ended ones with the retention as
 * time to live), results too large for their record ({@code gridexec-results}, JSON bytes, the retention and
 * {@link JobStore#RESULT_GRACE} as time to live), the ledger ({@code gridexec-ledger}) and cancel requests
 * ({@code gridexec-cancels}), each with one backup on the data members; written through to a database when the nodes
 * have a {@code store}. With a cluster secret every value is sealed ({@link Seal}); one whose seal is refused is
 * neither served, followed, adopted nor acted on.
 */
public final class HazelcastJobStore implements JobStore {

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastJobStore.class);

    private final IMap<String, String> records;
    private final IMap<String, String> cancels;
    private final IMap<String, byte[]> results;
    private final HazelcastLedger ledger;
    private final OwnedRecordWriter writer;
    private final Duration retention;
    private final Seal seal;

    public HazelcastJobStore(HazelcastInstance hazelcast, Duration retention) {
        this.records = hazelcast.getMap(ClusterConfigs.JOBS_MAP);
        this.cancels = hazelcast.getMap(ClusterConfigs.CANCELS_MAP);
        this.results = hazelcast.getMap(ClusterConfigs.RESULTS_MAP);
        this.seal = Seal.of(hazelcast);
        this.ledger = new HazelcastLedger(hazelcast.getMap(ClusterConfigs.LEDGER_MAP), seal);
        this.writer = new OwnedRecordWriter(records, seal);
        this.retention = retention;
    }

    @Override
    public CompletionStage<Boolean> save(JobRecord record) {
        return writer.save(record);
    }

    @Override
    public void saveNow(JobRecord record) {
        try {
            records.set(record.id(), sealed(record));
        } catch (RuntimeException e) {
            LOG.warn("job {}: could not store its record: {}", record.id(), e.toString());
        }
    }

    @Override
    public CompletionStage<Void> saveEnded(JobRecord record) {
        try {
            return records.setAsync(record.id(), sealed(record), retention.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(thrown -> {
                        LOG.warn("job {}: could not store its final record: {}", record.id(), thrown.toString());
                        return null;
                    });
        } catch (RuntimeException e) {
            LOG.warn("job {}: could not store its final record: {}", record.id(), e.toString());
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public CompletionStage<Void> saveResult(String id, byte[] json) {
        try {
            return results.setAsync(id, seal.seal(ClusterConfigs.RESULTS_MAP, id, json), retention.plus(RESULT_GRACE).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Optional<byte[]> findResult(String id) {
        byte[] stored = results.get(id);
        return stored == null ? Optional.empty() : seal.open(ClusterConfigs.RESULTS_MAP, id, stored);
    }

    @Override
    public Optional<JobRecord> find(String id) {
        return open(id, records.get(id));
    }

    @Override
    public List<JobRecord> all() {
        List<JobRecord> all = new ArrayList<>();
        for (Map.Entry<String, String> entry : records.entrySet()) {
            try {
                open(entry.getKey(), entry.getValue()).ifPresent(all::add);
            } catch (RuntimeException e) {
                LOG.warn("job {}: its stored record is skipped: {}", entry.getKey(), e.getMessage());
            }
        }
        return all;
    }

    @Override
    public Optional<JobRecord> claim(String id, Predicate<JobRecord> when, UnaryOperator<JobRecord> change) {
        String stored = records.get(id);
        Optional<JobRecord> found = open(id, stored); // a refused record is never adopted
        if (found.isEmpty() || !when.test(found.get())) {
            return Optional.empty();
        }
        JobRecord changed = change.apply(found.get());
        // Compares with the text read: of two coordinators claiming the same record, the second finds it changed.
        return records.replace(id, stored, sealed(changed)) ? Optional.of(changed) : Optional.empty();
    }

    @Override
    public Runnable follow(String id, Consumer<JobRecord> onChange) {
        Listener listener = new Listener(this, onChange);
        UUID registration = records.addEntryListener(listener, id, true);
        return () -> remove(records, registration);
    }

    @Override
    public HazelcastLedger ledger() {
        return ledger;
    }

    @Override
    public void requestCancel(String id) {
        cancels.set(id, seal.seal(ClusterConfigs.CANCELS_MAP, id, Long.toString(System.currentTimeMillis())),
                retention.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean cancelRequested(String id) {
        return seal.active() ? seal.open(ClusterConfigs.CANCELS_MAP, id, cancels.get(id)).isPresent() : cancels.containsKey(id);
    }

    @Override
    public void clearCancel(String id) {
        try {
            cancels.deleteAsync(id);
        } catch (RuntimeException e) {
            LOG.debug("job {}: its cancel request stays until it expires: {}", id, e.toString());
        }
    }

    @Override
    public Runnable onCancelRequest(Consumer<String> handler) {
        UUID registration = cancels.addEntryListener((EntryAddedListener<String, String>) event -> {
            // Without a secret the value is not sent (nor needed); with one, it must open.
            if (!seal.active() || seal.open(ClusterConfigs.CANCELS_MAP, event.getKey(), event.getValue()).isPresent()) {
                handler.accept(event.getKey());
            }
        }, seal.active());
        return () -> remove(cancels, registration);
    }

    @Override
    public void close() {
        writer.close();
        ledger.close();
    }

    private String sealed(JobRecord record) {
        return seal.seal(ClusterConfigs.JOBS_MAP, record.id(), JobRecords.toJson(record));
    }

    /** The record stored under {@code id}, unless absent or its seal is refused (logged once). */
    private Optional<JobRecord> open(String id, String stored) {
        return seal.open(ClusterConfigs.JOBS_MAP, id, stored).map(JobRecords::fromJson);
    }

    private static void remove(IMap<?, ?> map, UUID registration) {
        try {
            map.removeEntryListener(registration);
        } catch (RuntimeException e) {
            LOG.debug("listener {} not removed (the member is shutting down): {}", registration, e.toString());
        }
    }

    /** Passes stored records on. */
    private record Listener(HazelcastJobStore store, Consumer<JobRecord> onChange)
            implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {
        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            pass(event);
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            pass(event);
        }

        private void pass(EntryEvent<String, String> event) {
            try {
                store.open(event.getKey(), event.getValue()).ifPresent(onChange);
            } catch (RuntimeException e) {
                LOG.warn("job {}: a stored record could not be passed on: {}", event.getKey(), e.toString());
            }
        }
    }
}

package dev.gridexec.jobstore;

import dev.gridexec.wire.JobRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The job store of a coordinator that shares its jobs with nobody (the embedded default, tests): records in this
 * process's memory, ended ones forgotten after the retention (and results kept apart with them); no ledger, since no other coordinator adopts its jobs.
 */
public final class MemoryJobStore implements JobStore {

    private final Map<String, Stored> records = new ConcurrentHashMap<>();
    private final Map<String, StoredResult> results = new ConcurrentHashMap<>();
    private final Set<String> cancels = ConcurrentHashMap.newKeySet();
    private final List<Follower> followers = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> cancelHandlers = new CopyOnWriteArrayList<>();
    private final Duration retention;

    private record Stored(JobRecord record, long expiresAtMillis) {
        boolean live(long now) {
            return expiresAtMillis == 0 || expiresAtMillis > now;
        }
    }

    private record StoredResult(byte[] json, long expiresAtMillis) {
    }

    private record Follower(String id, Consumer<JobRecord> onChange) {
    }

    public MemoryJobStore(Duration retention) {
        this.retention = retention;
    }

    @Override
    public java.util.concurrent.CompletionStage<Boolean> save(JobRecord record) {
        Stored stored = records.get(record.id());
        boolean writable = JobStore.writable(stored == null ? null : stored.record, record);
        if (writable) {
            put(record, 0);
        }
        return java.util.concurrent.CompletableFuture.completedFuture(writable);
    }

    @Override
    public void saveNow(JobRecord record) {
        put(record, 0);
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> saveEnded(JobRecord record) {
        put(record, System.currentTimeMillis() + retention.toMillis());
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    private void put(JobRecord record, long expiresAtMillis) {
        records.put(record.id(), new Stored(record, expiresAtMillis));
        for (Follower follower : followers) {
            if (follower.id.equals(record.id())) {
                follower.onChange.accept(record);
            }
        }
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> saveResult(String id, byte[] json) {
        results.put(id, new StoredResult(json.clone(), System.currentTimeMillis() + retention.plus(RESULT_GRACE).toMillis()));
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    @Override
    public Optional<byte[]> findResult(String id) {
        StoredResult stored = results.get(id);
        return stored != null && stored.expiresAtMillis > System.currentTimeMillis() ? Optional.of(stored.json.clone()) : Optional.empty();
    }

    @Override
    public Optional<JobRecord> find(String id) {
        Stored stored = records.get(id);
        return stored != null && stored.live(System.currentTimeMillis()) ? Optional.of(stored.record) : Optional.empty();
    }

    @Override
    public List<JobRecord> all() {
        long now = System.currentTimeMillis();
        records.values().removeIf(stored -> !stored.live(now));
        results.values().removeIf(stored -> stored.expiresAtMillis <= now);
        List<JobRecord> all = new ArrayList<>();
        records.values().forEach(stored -> all.add(stored.record));
        return all;
    }

    @Override
    public Optional<JobRecord> claim(String id, Predicate<JobRecord> when, UnaryOperator<JobRecord> change) {
        Stored stored = records.get(id);
        if (stored == null || !when.test(stored.record)) {
            return Optional.empty();
        }
        JobRecord changed = change.apply(stored.record);
        return records.replace(id, stored, new Stored(changed, stored.expiresAtMillis)) ? Optional.of(changed) : Optional.empty();
    }

    @Override
    public Runnable follow(String id, Consumer<JobRecord> onChange) {
        Follower follower = new Follower(id, onChange);
        followers.add(follower);
        return () -> followers.remove(follower);
    }

    @Override
    public Ledger ledger() {
        return Ledger.NONE;
    }

    @Override
    public void requestCancel(String id) {
        cancels.add(id);
        cancelHandlers.forEach(handler -> handler.accept(id));
    }

    @Override
    public boolean cancelRequested(String id) {
        return cancels.contains(id);
    }

    @Override
    public void clearCancel(String id) {
        cancels.remove(id);
    }

    @Override
    public Runnable onCancelRequest(Consumer<String> handler) {
        cancelHandlers.add(handler);
        return () -> cancelHandlers.remove(handler);
    }

    @Override
    public void close() {
        followers.clear();
        cancelHandlers.clear();
    }
}

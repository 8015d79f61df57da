package dev.gridexec.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.EntryLoader.MetadataAwareValue;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the store does whatever the database: each subclass runs these against one. */
abstract class EntryStoreContract {

    /** Maps of this test only, so that tests sharing one database server never see each other's rows. */
    final String texts = "texts-" + UUID.randomUUID();
    final String blobs = "blobs-" + UUID.randomUUID();
    private final List<StoreDatabase> opened = new ArrayList<>();

    /** Where this test's database is. */
    abstract StoreSettings settings();

    StoreDatabase open() {
        StoreDatabase database = StoreDatabase.open(settings(), Map.of(texts, ValueType.TEXT, blobs, ValueType.BYTES));
        opened.add(database);
        return database;
    }

    @AfterEach
    void closeDatabases() {
        opened.forEach(StoreDatabase::close);
    }

    static MetadataAwareValue<Object> forever(Object value) {
        return new MetadataAwareValue<>(value);
    }

    static MetadataAwareValue<Object> until(Object value, long expirationTime) {
        return new MetadataAwareValue<>(value, expirationTime);
    }

    @Test
    void textAndBytesComeBackAsTheTypeTheirMapHolds() {
        StoreDatabase database = open();
        byte[] jar = {0, 1, 2, (byte) 0xff, 0x50, 0x4b};
        database.store(texts).store("job-1", forever("{\"state\":\"SUCCEEDED\",\"name\":\"π ≈ 3.14\"}"));
        database.store(blobs).store("sha", forever(jar));

        MetadataAwareValue<Object> text = database.store(texts).load("job-1");
        MetadataAwareValue<Object> bytes = database.store(blobs).load("sha");
        assertThat(text.getValue()).isEqualTo("{\"state\":\"SUCCEEDED\",\"name\":\"π ≈ 3.14\"}");
        assertThat(text.getExpirationTime()).isEqualTo(MetadataAwareValue.NO_TIME_SET);
        assertThat(bytes.getValue()).isInstanceOf(byte[].class).isEqualTo(jar);
        assertThat(database.store(texts).load("missing")).isNull();
    }

    @Test
    void anEntryKeepsItsExpirationTimeAndAnExpiredOneIsNeitherLoadedNorKept() throws SQLException {
        StoreDatabase database = open();
        JdbcEntryStore store = database.store(texts);
        long later = System.currentTimeMillis() + 3_600_000;
        store.store("ended", until("done", later));
        store.store("expired", until("gone", System.currentTimeMillis() - 1_000));
        store.store("running", forever("still"));

        assertThat(store.load("ended").getExpirationTime()).isEqualTo(later);
        assertThat(store.load("expired")).isNull();
        assertThat(store.loadAll(List.of("ended", "expired", "running"))).containsOnlyKeys("ended", "running");
        assertThat(store.loadAllKeys()).containsExactlyInAnyOrder("ended", "running");
        assertThat(rows(database, store)).as("loadAllKeys deleted the expired row").isEqualTo(2);
    }

    @Test
    void writingAgainReplacesTheValueAndItsExpiration() {
        StoreDatabase database = open();
        JdbcEntryStore store = database.store(texts);
        store.store("job", forever("RUNNING"));
        long later = System.currentTimeMillis() + 60_000;
        store.store("job", until("SUCCEEDED", later));
        assertThat(store.load("job").getValue()).isEqualTo("SUCCEEDED");
        assertThat(store.load("job").getExpirationTime()).isEqualTo(later);

        store.store("job", forever("RESET"));
        assertThat(store.load("job").getExpirationTime()).isEqualTo(MetadataAwareValue.NO_TIME_SET);
    }

    @Test
    void batchesAreWrittenLoadedAndDeletedWhole() throws SQLException {
        StoreDatabase database = open();
        JdbcEntryStore store = database.store(blobs);
        Map<String, MetadataAwareValue<Object>> entries = new LinkedHashMap<>();
        for (int i = 0; i < 1_200; i++) {
            entries.put("job/" + i, forever(("output " + i).getBytes(StandardCharsets.UTF_8)));
        }
        store.storeAll(entries);

        Map<String, MetadataAwareValue<Object>> loaded = store.loadAll(entries.keySet());
        assertThat(loaded).hasSize(1_200);
        assertThat((byte[]) loaded.get("job/1199").getValue()).asString(StandardCharsets.UTF_8).isEqualTo("output 1199");

        List<String> half = IntStream.range(0, 600).mapToObj(i -> "job/" + i).toList();
        store.deleteAll(half);
        assertThat(rows(database, store)).isEqualTo(600);
        assertThat(store.load("job/0")).isNull();
        store.delete("job/600");
        assertThat(store.load("job/600")).isNull();
        assertThat(store.load("job/601")).isNotNull();
    }

    @Test
    void theSweepDeletesOnlyExpiredRows() throws SQLException {
        StoreDatabase database = open();
        database.store(texts).store("old", until("x", System.currentTimeMillis() - 1));
        database.store(blobs).store("old", until(new byte[] {1}, System.currentTimeMillis() - 1));
        database.store(texts).store("kept", until("y", System.currentTimeMillis() + 60_000));
        database.store(blobs).store("kept", forever(new byte[] {2}));

        assertThat(database.deleteExpired()).isEqualTo(2);
        assertThat(rows(database, database.store(texts)) + rows(database, database.store(blobs))).isEqualTo(2);
    }

    @Test
    void reopenedTheDatabaseStillHoldsEverything() {
        StoreDatabase first = open();
        first.store(texts).store("job", until("record", System.currentTimeMillis() + 60_000));
        first.close();

        StoreDatabase second = open();
        assertThat(second.store(texts).load("job").getValue()).isEqualTo("record");
    }

    @Test
    void twoProcessesWritingOneDatabaseAtOnceLoseNoWrite() throws Exception {
        StoreDatabase one = open();
        StoreDatabase two = open(); // its own pool, as another process on the same file or server would have
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (StoreDatabase database : List.of(one, two)) {
                String who = database == one ? "one" : "two";
                done.add(writers.submit(writes(start, () -> {
                    for (int i = 0; i < 100; i++) {
                        database.store(texts).store(who + "-single-" + i, forever("v" + i));
                    }
                    return null;
                })));
                done.add(writers.submit(writes(start, () -> {
                    for (int batch = 0; batch < 20; batch++) {
                        int b = batch;
                        database.store(blobs).storeAll(IntStream.range(0, 10).boxed().collect(Collectors.toMap(
                                i -> who + "-batch-" + b + "-" + i, i -> forever(new byte[] {i.byteValue()}))));
                    }
                    return null;
                })));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        assertThat(one.store(texts).loadAllKeys()).hasSize(200);
        assertThat(two.store(blobs).loadAllKeys()).hasSize(400);
    }

    private static Callable<Void> writes(CountDownLatch start, Callable<Void> work) {
        return () -> {
            if (!start.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the writers were never started");
            }
            return work.call();
        };
    }

    static int rows(StoreDatabase database, JdbcEntryStore store) throws SQLException {
        try (Connection connection = database.connection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + store.table())) {
            rows.next();
            return rows.getInt(1);
        }
    }
}

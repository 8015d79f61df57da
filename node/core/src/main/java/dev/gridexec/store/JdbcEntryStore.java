package dev.gridexec.store;

import com.hazelcast.map.EntryStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Hazelcast map's entries in one table {@code (k TEXT PRIMARY KEY, v BLOB, expires_at BIGINT)}: the key, the value as
 * bytes ({@link ValueType}), and when the entry expires in epoch milliseconds (null: never). Being an {@link EntryStore},
 * it is told each entry's expiration time when the entry is written and hands it back when the entry is loaded, so a
 * record put with a TTL keeps the rest of that TTL across a restart of the whole cluster, and a row whose time has
 * passed is neither loaded nor kept.
 *
 * <p>Writes are upserts ({@code INSERT ... ON CONFLICT (k) DO UPDATE}, the same in SQLite and PostgreSQL);
 * {@link #storeAll} and {@link #deleteAll} run as one transaction each, so that a failed batch leaves nothing half
 * done and Hazelcast retries it entry by entry. Failures reach the map operation as an {@link IllegalStateException}
 * naming the table: with write-through, a write the database refused is not made in memory either.
 */
public final class JdbcEntryStore implements EntryStore<String, Object> {

    /** Keys per {@code IN (...)} list when loading in bulk; far below SQLite's and PostgreSQL's limits. */
    private static final int KEYS_PER_QUERY = 500;

    private final StoreDatabase database;
    private final String table;
    private final ValueType type;
    private final String upsert;
    private final String select;
    private final String delete;

    JdbcEntryStore(StoreDatabase database, String table, ValueType type) {
        this.database = database;
        this.table = table;
        this.type = type;
        this.upsert = "INSERT INTO " + table + " (k, v, expires_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (k) DO UPDATE SET v = excluded.v, expires_at = excluded.expires_at";
        this.select = "SELECT k, v, expires_at FROM " + table + " WHERE (expires_at IS NULL OR expires_at > ?) AND k";
        this.delete = "DELETE FROM " + table + " WHERE k = ?";
    }

    /** The table's name. */
    public String table() {
        return table;
    }

    void createTable(Connection connection) throws SQLException {
        List<String> statements = List.of(
                "CREATE TABLE IF NOT EXISTS " + table + " (k TEXT PRIMARY KEY, v " + database.settings().dialect().blobType()
                        + " NOT NULL, expires_at BIGINT)",
                "CREATE INDEX IF NOT EXISTS " + table + "_expires_at ON " + table + " (expires_at)");
        for (String sql : statements) {
            try {
                StoreDatabase.execute(connection, sql);
            } catch (SQLException e) {
                // Two processes creating the same table at once: PostgreSQL can refuse the second one even with
                // IF NOT EXISTS (a duplicate in its catalog). Once the first has finished, the statement is a no-op.
                StoreDatabase.execute(connection, sql);
            }
        }
    }

    @Override
    public void store(String key, MetadataAwareValue<Object> value) {
        try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(upsert)) {
            bind(statement, key, value);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("write 1 entry to", e);
        }
    }

    @Override
    public void storeAll(Map<String, MetadataAwareValue<Object>> entries) {
        if (entries.isEmpty()) {
            return;
        }
        inTransaction("write " + entries.size() + " entries to", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(upsert)) {
                for (Map.Entry<String, MetadataAwareValue<Object>> entry : entries.entrySet()) {
                    bind(statement, entry.getKey(), entry.getValue());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
    }

    @Override
    public void delete(String key) {
        try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(delete)) {
            statement.setString(1, key);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("delete 1 entry from", e);
        }
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        inTransaction("delete " + keys.size() + " entries from", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(delete)) {
                for (String key : keys) {
                    statement.setString(1, key);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
    }

    @Override
    public MetadataAwareValue<Object> load(String key) {
        return loadAll(List.of(key)).get(key);
    }

    @Override
    public Map<String, MetadataAwareValue<Object>> loadAll(Collection<String> keys) {
        Map<String, MetadataAwareValue<Object>> loaded = new HashMap<>();
        List<String> all = new ArrayList<>(keys);
        try (Connection connection = database.connection()) {
            for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
                List<String> some = all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY));
                String sql = select + (some.size() == 1 ? " = ?" : " IN (" + String.join(", ", Collections.nCopies(some.size(), "?")) + ")");
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setLong(1, System.currentTimeMillis());
                    for (int i = 0; i < some.size(); i++) {
                        statement.setString(i + 2, some.get(i));
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            loaded.put(rows.getString(1), value(rows.getBytes(2), rows.getLong(3), rows.wasNull()));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("load " + keys.size() + " entries from", e);
        }
        return loaded;
    }

    /** The keys of the rows that have not expired; the expired ones are deleted first. */
    @Override
    public Iterable<String> loadAllKeys() {
        List<String> keys = new ArrayList<>();
        try (Connection connection = database.connection()) {
            deleteExpired(connection);
            try (PreparedStatement statement = connection.prepareStatement("SELECT k FROM " + table);
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw failure("list the keys of", e);
        }
        return keys;
    }

    /** Deletes the rows whose expiration time has passed; returns how many. */
    int deleteExpired() throws SQLException {
        try (Connection connection = database.connection()) {
            return deleteExpired(connection);
        }
    }

    private int deleteExpired(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table + " WHERE expires_at <= ?")) {
            statement.setLong(1, System.currentTimeMillis());
            return statement.executeUpdate();
        }
    }

    private void bind(PreparedStatement statement, String key, MetadataAwareValue<Object> value) throws SQLException {
        statement.setString(1, key);
        statement.setBytes(2, type.toBytes(value.getValue()));
        long expires = value.getExpirationTime();
        if (expires == MetadataAwareValue.NO_TIME_SET) {
            statement.setNull(3, Types.BIGINT);
        } else {
            statement.setLong(3, expires);
        }
    }

    private MetadataAwareValue<Object> value(byte[] bytes, long expires, boolean never) {
        Object value = type.fromBytes(bytes);
        return never ? new MetadataAwareValue<>(value) : new MetadataAwareValue<>(value, expires);
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private void inTransaction(String what, Work work) {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("store: cannot " + what + " table " + table + " in "
                + database.settings().redactedUrl() + ": " + StoreDatabase.oneLine(e), e);
    }
}

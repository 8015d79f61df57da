package dev.gridexec.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One database that keeps a process's durable maps, one table per map, and the {@link JdbcEntryStore} of each.
 *
 * <p>{@link #open} connects once and creates the tables, so that a wrong URL, an unreachable server or missing
 * rights stop the process at its start with one line ({@link StoreUnavailableException}). The connection pool
 * (HikariCP: it replaces connections a restarted server dropped, and bounds how many a process holds) opens on first
 * use, and with it a sweeper that deletes expired rows every minute: Hazelcast drops an expired entry from memory
 * without telling the store, so without it ended records would pile up in the database for ever.
 */
public final class StoreDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreDatabase.class);
    /** How often the expired rows are deleted. */
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final StoreSettings settings;
    private final Map<String, JdbcEntryStore> stores = new LinkedHashMap<>();
    private HikariDataSource pool;
    private ScheduledExecutorService sweeper;
    private boolean closed;

    private StoreDatabase(StoreSettings settings, Map<String, ValueType> maps) {
        this.settings = settings;
        maps.forEach((map, type) -> stores.put(map, new JdbcEntryStore(this, tableName(map), type)));
    }

    /**
     * Connects to the database and creates the missing tables of {@code maps} (map name to the type of its values).
     *
     * @throws StoreUnavailableException when the database cannot be reached or written
     */
    public static StoreDatabase open(StoreSettings settings, Map<String, ValueType> maps) {
        StoreDatabase database = new StoreDatabase(settings, maps);
        checkFolder(settings);
        try (Connection connection = DriverManager.getConnection(settings.url(), database.driverProperties())) {
            for (JdbcEntryStore store : database.stores.values()) {
                store.createTable(connection);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("store: cannot use " + settings.redactedUrl()
                    + settings.user().map(user -> " as user " + user).orElse("") + ": " + oneLine(e));
        }
        LOG.info("durable maps {} kept in {}", maps.keySet(), settings.redactedUrl());
        return database;
    }

    /** The store of a map given to {@link #open}. */
    public JdbcEntryStore store(String map) {
        JdbcEntryStore store = stores.get(map);
        if (store == null) {
            throw new IllegalArgumentException("no table for map " + map + "; known: " + stores.keySet());
        }
        return store;
    }

    /** The store's settings. */
    public StoreSettings settings() {
        return settings;
    }

    /** A pooled connection; the caller closes it. */
    Connection connection() throws SQLException {
        return pool().getConnection();
    }

    private synchronized HikariDataSource pool() throws SQLException {
        if (closed) {
            throw new SQLException("the store " + settings.redactedUrl() + " is closed");
        }
        if (pool == null) {
            HikariConfig config = new HikariConfig();
            config.setPoolName("gridexec-store");
            config.setJdbcUrl(settings.url());
            config.setDataSourceProperties(driverProperties());
            config.setMaximumPoolSize(settings.dialect().poolSize());
            config.setMinimumIdle(1);
            // open() has shown the database is there; a later outage fails the map operation, not the process.
            config.setInitializationFailTimeout(-1);
            pool = new HikariDataSource(config);
            sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "gridexec-store-sweeper");
                thread.setDaemon(true);
                return thread;
            });
            sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
        return pool;
    }

    /** Deletes the expired rows of every table now; returns how many went. */
    public int deleteExpired() throws SQLException {
        int deleted = 0;
        for (JdbcEntryStore store : stores.values()) {
            deleted += store.deleteExpired();
        }
        return deleted;
    }

    private void sweep() {
        try {
            int deleted = deleteExpired();
            if (deleted > 0) {
                LOG.debug("store: deleted {} expired rows", deleted);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("store: could not delete expired rows from {}: {}", settings.redactedUrl(), oneLine(e));
        }
    }

    /** Closes the pool; the stores fail from then on. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        if (pool != null) {
            pool.close();
        }
    }

    private Properties driverProperties() {
        Properties properties = settings.dialect().driverProperties(settings.url());
        settings.user().ifPresent(user -> properties.setProperty("user", user));
        settings.password().ifPresent(password -> properties.setProperty("password", password));
        return properties;
    }

    /** SQLite creates the file but not its folder; say so plainly rather than "unable to open database file". */
    private static void checkFolder(StoreSettings settings) {
        if (settings.dialect() != Dialect.SQLITE) {
            return;
        }
        String path = settings.url().substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", "");
        if (path.startsWith("file:") || path.isEmpty()) {
            return;
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new StoreUnavailableException("store: cannot use " + settings.redactedUrl() + ": the folder " + parent
                    + " does not exist");
        }
    }

    /** A map name as a table name: lower case letters, digits and underscores ({@code gridexec-jobs} → {@code gridexec_jobs}). */
    static String tableName(String map) {
        String name = map.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return Character.isLetter(name.charAt(0)) ? name : "t_" + name;
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return StoreSettings.redact(message.replaceAll("\\s*\\R\\s*", " ").trim());
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

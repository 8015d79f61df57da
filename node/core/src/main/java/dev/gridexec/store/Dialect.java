package dev.gridexec.store;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What differs between the databases the store writes to: the binary column type, the pool's size and the driver's
 * settings. Everything else (the upsert {@code INSERT ... ON CONFLICT (k) DO UPDATE}) is the same SQL in both.
 */
public enum Dialect {

    /**
     * A file several processes on one host share: write-ahead log (readers never wait for the writer), a busy timeout
     * (a writer waits for another process's write instead of failing), transactions that take the write lock when they
     * begin, and {@code synchronous=NORMAL}, which keeps every committed write through a process kill (not through a
     * power cut; {@code ?synchronous=FULL} in the URL keeps those too). One connection per process: the file takes one writer at a time anyway, and the pool queues this
     * process's writers fairly instead of letting them spin on the file lock.
     */
    SQLITE("jdbc:sqlite:", "BLOB", 1, Map.of("journal_mode", "WAL", "busy_timeout", "30000", "synchronous", "NORMAL",
            "transaction_mode", "IMMEDIATE")),
    /** A server: a few connections, so that several partition threads write at once. */
    POSTGRESQL("jdbc:postgresql:", "BYTEA", 4, Map.of("connectTimeout", "10", "ApplicationName", "gridexec"));

    private final String prefix;
    private final String blobType;
    private final int poolSize;
    /** The driver's default settings. */
    private final Map<String, String> defaults;

    Dialect(String prefix, String blobType, int poolSize, Map<String, String> defaults) {
        this.prefix = prefix;
        this.blobType = blobType;
        this.poolSize = poolSize;
        this.defaults = defaults;
    }

    /** The dialect of a JDBC URL, empty for a database the store does not support. */
    public static Optional<Dialect> of(String url) {
        for (Dialect dialect : values()) {
            if (url.startsWith(dialect.prefix) && url.length() > dialect.prefix.length()) {
                return Optional.of(dialect);
            }
        }
        return Optional.empty();
    }

    /** The column type of the values. */
    String blobType() {
        return blobType;
    }

    /** Connections per process. */
    int poolSize() {
        return poolSize;
    }

    /** The driver's settings for {@code url}: these defaults, less those the URL's own parameters set. */
    Properties driverProperties(String url) {
        Properties properties = new Properties();
        properties.putAll(defaults);
        int query = url.indexOf('?');
        if (query >= 0) {
            for (String parameter : url.substring(query + 1).split("&")) {
                int equals = parameter.indexOf('=');
                properties.remove((equals < 0 ? parameter : parameter.substring(0, equals)).trim());
            }
        }
        return properties;
    }
}

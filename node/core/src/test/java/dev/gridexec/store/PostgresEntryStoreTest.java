package dev.gridexec.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on a real PostgreSQL server, reached with a password as in Kubernetes. */
class PostgresEntryStoreTest extends EntryStoreContract {

    @TempDir
    static Path dir;
    static PostgresServer server;
    static StoreSettings settings;

    @BeforeAll
    static void startPostgres() throws IOException, SQLException {
        server = PostgresServer.start(dir);
        settings = server.newDatabase();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Override
    StoreSettings settings() {
        return settings;
    }

    @Test
    void aWrongPasswordStopsTheStartWithOneLineThatNeverShowsIt() {
        StoreSettings wrong = new StoreSettings(settings.url(), settings.user(), Optional.of("not-" + PostgresServer.PASSWORD));
        assertThatThrownBy(() -> StoreDatabase.open(wrong, Map.of("m", ValueType.TEXT)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("store: cannot use " + settings.url() + " as user gridexec: ")
                .hasMessageContaining("password authentication failed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PostgresServer.PASSWORD).doesNotContain("\n"));
    }

    @Test
    void theServerListensOnLoopbackOnly() throws SQLException {
        assertThat(server.show("listen_addresses")).isEqualTo("127.0.0.1");
    }
}

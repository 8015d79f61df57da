package dev.gridexec.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store on a real PostgreSQL server, reached with a password as in Kubernetes. */
class PostgresEntryStoreTest extends EntryStoreContract {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();
    static PostgresServer server;
    static StoreSettings settings;

    @BeforeAll
    static void newDatabase() throws SQLException {
        server = POSTGRES.server();
        settings = server.newDatabase();
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

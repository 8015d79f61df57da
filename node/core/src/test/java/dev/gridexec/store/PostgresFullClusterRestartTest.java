package dev.gridexec.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The nodes of a cluster writing to one PostgreSQL database, as in Kubernetes. */
class PostgresFullClusterRestartTest extends FullClusterRestartContract {

    @TempDir
    static Path dir;
    static PostgresServer server;
    private StoreSettings store;

    @BeforeAll
    static void startPostgres() throws IOException, SQLException {
        server = PostgresServer.start(dir);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void newDatabase() throws SQLException {
        store = server.newDatabase();
    }

    @Override
    StoreSettings store() {
        return store;
    }
}

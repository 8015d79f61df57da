package dev.gridexec.store;

import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The nodes of a cluster writing to one PostgreSQL database, as in Kubernetes. */
class PostgresFullClusterRestartTest extends FullClusterRestartContract {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();
    private StoreSettings store;

    @BeforeEach
    void newDatabase() throws SQLException {
        store = POSTGRES.server().newDatabase();
    }

    @Override
    StoreSettings store() {
        return store;
    }
}

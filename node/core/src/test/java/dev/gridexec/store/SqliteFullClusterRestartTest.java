package dev.gridexec.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** A local cluster's nodes sharing one SQLite file in the run folder. */
class SqliteFullClusterRestartTest extends FullClusterRestartContract {

    @TempDir
    Path dir;

    @Override
    StoreSettings store() {
        return StoreSettings.of("jdbc:sqlite:" + dir.resolve("gridexec.db"));
    }
}

package dev.gridexec.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on a SQLite file, as a local cluster's nodes share one in the run folder. */
class SqliteEntryStoreTest extends EntryStoreContract {

    @TempDir
    Path dir;

    @Override
    StoreSettings settings() {
        return StoreSettings.of("jdbc:sqlite:" + dir.resolve("gridexec.db"));
    }

    @Test
    void theFileIsInWriteAheadLogModeAndWritersWaitForEachOther() throws Exception {
        StoreDatabase database = open();
        try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
            assertThat(pragma(statement, "journal_mode")).isEqualToIgnoringCase("wal");
            assertThat(pragma(statement, "synchronous")).as("NORMAL").isEqualTo("1");
            assertThat(pragma(statement, "busy_timeout")).isEqualTo("30000");
        }
    }

    @Test
    void theUrlsOwnParametersBeatTheDefaults() throws Exception {
        StoreSettings settings = StoreSettings.of("jdbc:sqlite:" + dir.resolve("full.db") + "?synchronous=FULL");
        try (StoreDatabase database = StoreDatabase.open(settings, Map.of("m", ValueType.TEXT));
             Connection connection = database.connection(); Statement statement = connection.createStatement()) {
            assertThat(pragma(statement, "synchronous")).as("FULL").isEqualTo("2");
            assertThat(pragma(statement, "busy_timeout")).as("the other defaults stay").isEqualTo("30000");
        }
    }

    private static String pragma(Statement statement, String name) throws Exception {
        try (ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void aMissingFolderIsNamedInOneLine() {
        StoreSettings settings = StoreSettings.of("jdbc:sqlite:" + dir.resolve("no/such/folder/gridexec.db"));
        assertThatThrownBy(() -> StoreDatabase.open(settings, Map.of("m", ValueType.TEXT)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("store: cannot use " + settings.url() + ": the folder " + dir.resolve("no/such/folder")
                        + " does not exist")
                .hasNoCause();
    }

    @Test
    void mapNamesBecomeSafeTableNames() {
        assertThat(StoreDatabase.tableName("gridexec-jobs")).isEqualTo("gridexec_jobs");
        assertThat(StoreDatabase.tableName("Weird Name; DROP")).isEqualTo("weird_name__drop");
        assertThat(StoreDatabase.tableName("1st")).isEqualTo("t_1st");
    }
}

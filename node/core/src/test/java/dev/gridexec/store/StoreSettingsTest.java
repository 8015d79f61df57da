package dev.gridexec.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.cluster.ClusterSettings;
import dev.gridexec.settings.SettingsReader;
import dev.gridexec.settings.SettingsSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code store} settings as every cluster process reads them, and how they never show the password. */
class StoreSettingsTest {

    @TempDir
    Path dir;
    private final List<String> problems = new ArrayList<>();

    private Optional<StoreSettings> read(Map<String, String> flags, Map<String, String> env) {
        SettingsReader reader = new SettingsReader(SettingsSources.gather(ClusterSettings.KEYS, flags, env, problems), problems);
        return ClusterSettings.read(reader, 5701).store();
    }

    @Test
    void unsetMeansNoStoreAndTheOlderConstructorsSayTheSame() {
        assertThat(read(Map.of(), Map.of())).isEmpty();
        assertThat(new ClusterSettings("c", "127.0.0.1", 5701, List.of(), Optional.empty(), 5).store()).isEmpty();
        assertThat(new ClusterSettings("c", "127.0.0.1", 5701, List.of(), Optional.empty(), 5, 2).store()).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void theUrlUserAndPasswordComeFromFlagsAndTheEnvironment() {
        Optional<StoreSettings> store = read(Map.of("store", "jdbc:postgresql://127.0.0.1:5432/gridexec", "store-user", "gridexec"),
                Map.of("GRIDEXEC_STORE_PASSWORD", "from-env"));
        assertThat(problems).isEmpty();
        assertThat(store).hasValueSatisfying(settings -> {
            assertThat(settings.dialect()).isEqualTo(Dialect.POSTGRESQL);
            assertThat(settings.user()).contains("gridexec");
            assertThat(settings.password()).contains("from-env");
        });
    }

    @Test
    void thePasswordMayComeFromAFileAsKubernetesMountsSecrets() throws Exception {
        Path file = Files.writeString(dir.resolve("password"), "from-file\n");
        Optional<StoreSettings> store = read(Map.of("store", "jdbc:postgresql://db:5432/gridexec"),
                Map.of("GRIDEXEC_STORE_PASSWORD_FILE", file.toString()));
        assertThat(problems).isEmpty();
        assertThat(store.orElseThrow().password()).contains("from-file");
    }

    @Test
    void aPasswordGivenTwiceOrAnUnreadableFileIsReportedWithoutThePassword() {
        read(Map.of("store", "jdbc:postgresql://db/gridexec"),
                Map.of("GRIDEXEC_STORE_PASSWORD", "hunter2", "GRIDEXEC_STORE_PASSWORD_FILE", dir.resolve("x").toString()));
        read(Map.of("store", "jdbc:postgresql://db/gridexec"), Map.of("GRIDEXEC_STORE_PASSWORD_FILE", dir.resolve("none").toString()));
        assertThat(problems).containsExactly(
                "store-password: give either store-password or store-password-file, not both (store-password-file from "
                        + "environment variable GRIDEXEC_STORE_PASSWORD_FILE)",
                "store-password-file: must name a readable file (NoSuchFileException), got \"" + dir.resolve("none")
                        + "\" (from environment variable GRIDEXEC_STORE_PASSWORD_FILE)");
        assertThat(String.join("\n", problems)).doesNotContain("hunter2");
    }

    @Test
    void aUrlOfAnotherDatabaseOrOfMemoryIsABadSetting() {
        assertThat(read(Map.of(), Map.of("GRIDEXEC_STORE", "jdbc:mysql://db/gridexec"))).isEmpty();
        assertThat(read(Map.of("store", "jdbc:sqlite::memory:"), Map.of())).isEmpty();
        assertThat(problems).containsExactly(
                "store: must be a JDBC URL of SQLite (jdbc:sqlite:/path/to/file.db) or PostgreSQL (jdbc:postgresql://host:5432/database),"
                        + " got \"jdbc:mysql://db/gridexec\" (from environment variable GRIDEXEC_STORE)",
                "store: must name a database file: an in-memory SQLite database keeps nothing through a restart,"
                        + " got \"jdbc:sqlite::memory:\" (from flag --store)");
    }

    @Test
    void neitherToStringNorTheShownUrlCarriesAPassword() {
        StoreSettings settings = new StoreSettings("jdbc:postgresql://db/gridexec?user=g&password=hunter2&ssl=true",
                Optional.of("g"), Optional.of("hunter3"));
        assertThat(settings.redactedUrl()).isEqualTo("jdbc:postgresql://db/gridexec?user=g&password=***&ssl=true");
        assertThat(settings.toString()).doesNotContain("hunter2").doesNotContain("hunter3").contains("password=***");
        assertThat(new ClusterSettings("c", "127.0.0.1", 5701, List.of(), Optional.empty(), 5).withStore(settings).toString())
                .doesNotContain("hunter2").doesNotContain("hunter3");
    }
}

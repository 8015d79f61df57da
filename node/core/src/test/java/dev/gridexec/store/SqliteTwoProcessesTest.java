package dev.gridexec.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.EntryLoader.MetadataAwareValue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes writing one SQLite file at once, as the nodes of a local cluster do: SQLite's locks between processes
 * are not those between connections of one process, so this runs a second JVM.
 */
class SqliteTwoProcessesTest {

    private static final Map<String, ValueType> MAPS = Map.of("records", ValueType.TEXT, "outputs", ValueType.BYTES);
    private static final int SINGLES = 300;
    private static final int BATCHES = 30;

    @TempDir
    Path dir;

    @Test
    void twoProcessesWritingOneFileAtOnceLoseNoWrite() throws Exception {
        StoreSettings settings = StoreSettings.of("jdbc:sqlite:" + dir.resolve("gridexec.db"));
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx128m", Writer.class.getName(), settings.url(), "other")
                .redirectError(dir.resolve("other.log").toFile()).start();
        try (StoreDatabase database = StoreDatabase.open(settings, MAPS);
             BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("the other process opened the file and starts writing").isEqualTo("ready");
            write(database, "this");
            assertThat(other.waitFor(120, TimeUnit.SECONDS)).as("the other process finished within 120 s").isTrue();
            assertThat(out.lines()).as("its output (its log is other.log)").containsExactly("done");
            assertThat(other.exitValue()).isZero();

            assertThat(database.store("records").loadAllKeys()).hasSize(2 * SINGLES);
            assertThat(database.store("outputs").loadAllKeys()).hasSize(2 * BATCHES * 10);
        } finally {
            other.destroyForcibly();
        }
    }

    static void write(StoreDatabase database, String who) {
        for (int i = 0; i < SINGLES; i++) {
            database.store("records").store(who + "-" + i, new MetadataAwareValue<>("record " + i));
            if (i % (SINGLES / BATCHES) == 0) {
                int batch = i / (SINGLES / BATCHES);
                database.store("outputs").storeAll(IntStream.range(0, 10).boxed().collect(Collectors.toMap(
                        n -> who + "-" + batch + "/" + n, n -> new MetadataAwareValue<>(new byte[] {n.byteValue()}))));
            }
        }
    }

    /** The second process: opens the file, says {@code ready}, writes, says {@code done}. */
    public static final class Writer {
        public static void main(String[] args) {
            try (StoreDatabase database = StoreDatabase.open(StoreSettings.of(args[0]), MAPS)) {
                System.out.println("ready");
                System.out.flush();
                write(database, args[1]);
            }
            System.out.println("done");
        }
    }
}

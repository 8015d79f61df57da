package dev.gridexec.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Artifact folders left by processes that are gone are swept; those of live processes are kept. */
@Timeout(60)
class TempFoldersTest {

    @TempDir
    Path root;

    @Test
    void foldersOfGoneProcessesAreSweptAndThoseOfLiveOnesKept() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path stale = Files.createDirectory(root.resolve(TempFolders.PREFIX + gone.pid() + "-123"));
        Files.write(stale.resolve("kernels.jar"), new byte[] {1, 2, 3});
        Path mine = Files.createDirectory(root.resolve(TempFolders.PREFIX + ProcessHandle.current().pid() + "-456"));
        Path oldUnnamed = Files.createDirectory(root.resolve(TempFolders.PREFIX + "789"));
        Files.setLastModifiedTime(oldUnnamed, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path newUnnamed = Files.createDirectory(root.resolve(TempFolders.PREFIX + "321"));
        Path other = Files.createDirectory(root.resolve("someone-else"));

        int swept = TempFolders.sweep(root);

        assertThat(swept).isEqualTo(2);
        assertThat(stale).doesNotExist();
        assertThat(oldUnnamed).doesNotExist();
        assertThat(mine).exists();
        assertThat(newUnnamed).exists();
        assertThat(other).exists();
    }

    @Test
    void createdFolderNamesThisProcess() throws Exception {
        Path folder = TempFolders.create();
        try {
            assertThat(folder.getFileName().toString()).startsWith(TempFolders.PREFIX + ProcessHandle.current().pid() + "-");
            assertThat(TempFolders.pidOf(folder.getFileName().toString())).contains(ProcessHandle.current().pid());
        } finally {
            TempFolders.deleteTree(folder);
        }
    }
}

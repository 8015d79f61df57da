package dev.gridexec.artifacts;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary folders that hold kernel jars ({@code gridexec-artifacts-<pid>-*}): named after the process that
 * made them, deleted when it exits, and swept at start when the process that made them is gone (a node that was
 * killed leaves its folder behind). A folder without a pid in its name (made by an older version) is swept
 * once it is a day old.
 */
public final class TempFolders {

    /** The prefix of every artifact folder. */
    public static final String PREFIX = "gridexec-artifacts-";
    private static final Duration UNNAMED_STALE_AFTER = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(TempFolders.class);
    private static final List<Path> MADE = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private TempFolders() {
    }

    /**
     * A new artifact folder in the system's temp folder, deleted at exit; the first call in a process also
     * sweeps the stale folders of processes that are gone.
     */
    public static Path create() throws IOException {
        Path root = Path.of(System.getProperty("java.io.tmpdir"));
        if (STARTED.compareAndSet(false, true)) {
            int swept = sweep(root);
            if (swept > 0) {
                LOG.info("removed {} stale artifact folder(s) of processes that are gone from {}", swept, root);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(TempFolders::deleteMade, "gridexec-temp-cleanup"));
        }
        Path folder = Files.createTempDirectory(root, PREFIX + ProcessHandle.current().pid() + "-");
        MADE.add(folder);
        return folder;
    }

    /** Deletes the artifact folders in {@code root} whose process is gone; returns how many. */
    public static int sweep(Path root) {
        int swept = 0;
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path folder : folders) {
                if (Files.isDirectory(folder) && isStale(folder) && deleteTree(folder)) {
                    swept++;
                }
            }
        } catch (IOException e) {
            LOG.warn("could not look for stale artifact folders in {}: {}", root, e.toString());
        }
        return swept;
    }

    /** Deletes {@code folder} and what it holds; says whether it is gone. */
    public static boolean deleteTree(Path folder) {
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
            return true;
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", folder, e.toString());
            return false;
        }
    }

    private static boolean isStale(Path folder) throws IOException {
        Optional<Long> pid = pidOf(folder.getFileName().toString());
        if (pid.isPresent()) {
            return pid.get() != ProcessHandle.current().pid() && ProcessHandle.of(pid.get()).map(p -> !p.isAlive()).orElse(true);
        }
        Instant modified = Files.getLastModifiedTime(folder).toInstant();
        return modified.isBefore(Instant.now().minus(UNNAMED_STALE_AFTER));
    }

    /** The pid in {@code gridexec-artifacts-<pid>-<random>}, if the name has one. */
    static Optional<Long> pidOf(String name) {
        String rest = name.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(rest.substring(0, dash)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void deleteMade() {
        for (Path folder : MADE) {
            deleteTree(folder);
        }
    }
}

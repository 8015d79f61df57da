package dev.gridexec.artifacts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link ArtifactCache}'s jar files on disk: what a jar registers, how many there are, deleting them. */
final class JarFiles {

    /** Logs under the cache's name, as before this class was split from it. */
    private static final Logger LOG = LoggerFactory.getLogger(ArtifactCache.class);

    private JarFiles() {
    }

    /** The class names the jar registers as kernels in {@link ArtifactCache#SERVICES_ENTRY}, in file order. */
    static List<String> services(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry services = zip.getEntry(ArtifactCache.SERVICES_ENTRY);
            if (services == null) {
                return names;
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(zip.getInputStream(services), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    int comment = line.indexOf('#');
                    String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                    if (!name.isEmpty() && !names.contains(name)) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    /** The files in {@code directory}; 0 when it is null or not there. */
    static long count(Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code path} if it is there (a folder only when empty); a failure is logged, not thrown. */
    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", path, e.toString());
        }
    }
}

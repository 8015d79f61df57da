package dev.gridexec.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the files a command sends (task files, jars) up to the coordinator's limit for them, so that a file the
 * coordinator would refuse anyway (or an endless one, such as a link to /dev/zero) is refused before it is
 * read whole. The limits are the coordinator's settings of the same name, read from the same environment
 * variables ({@value #MAX_BODY_ENV}, {@value #MAX_ARTIFACT_ENV}), with the coordinator's defaults.
 */
final class TaskFiles {

    /** The coordinator's {@code max-body-bytes} setting as an environment variable. */
    static final String MAX_BODY_ENV = "GRIDEXEC_MAX_BODY_BYTES";
    /** The coordinator's {@code max-artifact-bytes} setting as an environment variable. */
    static final String MAX_ARTIFACT_ENV = "GRIDEXEC_MAX_ARTIFACT_BYTES";
    static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    static final long DEFAULT_MAX_ARTIFACT_BYTES = 64L * 1024 * 1024;
    /** The most either limit may be: what the coordinator accepts for max-artifact-bytes. */
    private static final long MOST = 1024L * 1024 * 1024;

    private TaskFiles() {
    }

    /**
     * The bytes of {@code file}, at most {@code limit} of them.
     *
     * @param what  how messages name the file ("task file", "jar")
     * @param env   the environment variable that sets {@code limit}, for the message
     * @throws IOException naming {@code what} when the file is missing, unreadable, a directory or too large
     */
    static byte[] read(Path file, String what, long limit, String env) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(what + " " + file + " is a directory");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new IOException(what + " " + file + " is larger than the coordinator's limit of " + limit
                        + " bytes (raise it with " + env + " here and the coordinator's setting of the same name)");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new IOException(what + " " + file + " does not exist" + (what.equals("jar") && file.toString().contains("target")
                    ? " (build it first?)" : ""), e);
        } catch (AccessDeniedException e) {
            throw new IOException(what + " " + file + " cannot be read: permission denied", e);
        }
    }

    /** The limit {@code env} sets (a whole number of bytes), else {@code fallback}. */
    static long limit(String fromEnv, String env, long fallback) {
        if (fromEnv == null || fromEnv.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(fromEnv.strip());
            if (value >= 1 && value <= MOST) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(env + " must be a whole number of bytes from 1 to " + MOST + ", got '" + fromEnv.strip() + "'");
    }
}

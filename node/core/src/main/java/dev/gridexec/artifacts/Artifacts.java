package dev.gridexec.artifacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/** What every side does with an artifact's bytes: name them by hash, check that they are a jar, store them. */
public final class Artifacts {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Artifacts() {
    }

    /**
     * The outcome of storing a jar.
     *
     * @param artifact its name and size
     * @param created  whether the bytes were new to the store (false: the same bytes were uploaded before)
     */
    public record Stored(ArtifactInfo artifact, boolean created) {
    }

    /** The lowercase hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Whether {@code text} is a SHA-256 as artifacts are named: 64 lowercase hex digits. */
    public static boolean isSha256(String text) {
        return text != null && SHA256.matcher(text).matches();
    }

    /** The first 12 hex digits, for messages and file names. */
    public static String shortName(String sha256) {
        return sha256.length() <= 12 ? sha256 : sha256.substring(0, 12);
    }

    /**
     * Empty when {@code bytes} are a jar the class loaders can read (a zip archive whose directory lists at
     * least one entry); otherwise what is wrong with them, for people.
     */
    public static Optional<String> jarProblem(byte[] bytes) {
        if (bytes.length == 0) {
            return Optional.of("the body is empty: send the bytes of a jar");
        }
        Path file = writeTemporary(bytes);
        try {
            try (JarFile jar = new JarFile(file.toFile(), false)) {
                if (jar.size() == 0 || !jar.entries().hasMoreElements()) {
                    return Optional.of("not a jar: the zip archive has no entries");
                }
                jar.getManifest(); // a malformed manifest fails here, as it would when the classes load
                return Optional.empty();
            }
        } catch (IOException | SecurityException e) {
            return Optional.of("not a jar (a zip archive): " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file, e);
            }
        }
    }

    private static Path writeTemporary(byte[] bytes) {
        Path file = null;
        try {
            file = Files.createTempFile("gridexec-upload-", ".jar");
            return Files.write(file, bytes);
        } catch (IOException e) {
            try {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot write a temporary file to check a jar", e);
        }
    }

    /** Stores a jar (already checked with {@link #jarProblem}) under its hash; the same bytes are stored once. */
    public static Stored store(ArtifactStore store, byte[] jar) {
        String sha256 = sha256(jar);
        boolean created = store.putIfAbsent(sha256, jar);
        return new Stored(new ArtifactInfo(sha256, jar.length), created);
    }
}

package dev.gridexec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A task and the jar its kernel comes from: {@code --jar PATH}, else the task file's {@code "jar"} field, a
 * path relative to the task file's folder that must stay inside it (no {@code ..} out of it, no link leading
 * elsewhere: a task file from someone else cannot make the client upload any file it can read). Either way
 * the file must be a jar (a zip archive) no larger than the coordinator's artifact limit. The coordinator never
 * sees {@code jar}: the client uploads the jar ({@code POST /artifacts}) and sends the task with {@code artifact}
 * set to the jar's SHA-256 instead. A Python module given by path ({@link ModuleFile}) is sent as its source.
 *
 * @param task  the task document to send, without {@code jar}; as read when there is no jar
 * @param jar   the jar to upload first, null for none
 * @param bytes the jar's bytes, null for none
 */
record TaskJar(byte[] task, Path jar, byte[] bytes) {

    /** Numbers are kept exactly as written (1E+400 stays 1E+400), so the coordinator judges what the user wrote. */
    private static final ObjectMapper JSON = Json.DOCUMENTS;
    /** How a zip archive (a jar) starts: "PK\3\4". */
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    /**
     * The task in {@code task} (read from {@code taskFile}) with its jar, if it has one.
     *
     * @param option the {@code --jar} option, null when not given; it wins over the task's {@code jar} field
     * @throws IOException    when the jar cannot be read
     * @throws UsageException when the task names its jar wrongly, or names both a jar and an artifact
     */
    static TaskJar read(Path taskFile, byte[] task, Path option, long maxJarBytes) throws IOException {
        JsonNode document;
        try {
            document = JSON.readTree(task);
        } catch (IOException unreadable) {
            return new TaskJar(task, null, null); // the coordinator explains what is wrong with it, as for any task
        }
        if (!(document instanceof ObjectNode object)) {
            return new TaskJar(task, null, null);
        }
        if (ModuleFile.inline(object, taskFile.toAbsolutePath().getParent(), taskFile.toString())) {
            task = JSON.writeValueAsBytes(object);
        }
        Path jar = option;
        JsonNode field = object.remove("jar");
        if (field != null) {
            if (!field.isTextual() || field.asText().isBlank()) {
                throw new UsageException(taskFile + ": jar must be the path of a jar, relative to the task file; got " + field);
            }
            if (jar == null) {
                jar = inside(taskFile, field.asText());
            }
        }
        if (jar == null) {
            return new TaskJar(task, null, null);
        }
        if (object.has("artifact")) {
            throw new UsageException(taskFile + " names an artifact and there is a jar to upload: give one of them");
        }
        return new TaskJar(JSON.writeValueAsBytes(object), jar, readJar(jar, maxJarBytes));
    }

    /** The task to send once the jar is uploaded: with {@code artifact} set. */
    byte[] withArtifact(String sha256) throws IOException {
        ObjectNode object = (ObjectNode) JSON.readTree(task);
        object.put("artifact", sha256);
        return JSON.writeValueAsBytes(object);
    }

    /** The task's {@code jar} field resolved against the task file's folder; a usage error when it leads out of it. */
    private static Path inside(Path taskFile, String field) throws IOException {
        Path folder = taskFile.toAbsolutePath().getParent();
        Path jar;
        try {
            jar = folder.resolve(field).normalize();
        } catch (InvalidPathException e) {
            throw new UsageException(taskFile + ": jar '" + field + "' is not a valid path: " + e.getReason());
        }
        String outside = taskFile + ": jar '" + field + "' leads out of the task file's folder " + folder
                + "; keep the jar in that folder (or below it), or give it with --jar";
        if (!jar.startsWith(folder)) {
            throw new UsageException(outside);
        }
        if (Files.exists(jar) && !jar.toRealPath().startsWith(folder.toRealPath())) {
            throw new UsageException(outside + " (it is a link to " + jar.toRealPath() + ")");
        }
        return jar;
    }

    private static byte[] readJar(Path jar, long maxJarBytes) throws IOException {
        byte[] bytes = TaskFiles.read(jar, "jar", maxJarBytes, TaskFiles.MAX_ARTIFACT_ENV);
        if (bytes.length < ZIP_MAGIC.length || !Arrays.equals(bytes, 0, ZIP_MAGIC.length, ZIP_MAGIC, 0, ZIP_MAGIC.length)) {
            throw new UsageException("jar " + jar + " is not a jar: it does not start as a zip archive does (PK\\3\\4)");
        }
        return bytes;
    }
}

package dev.gridexec.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A task and the jar its kernel comes from: {@code --jar PATH}, else the task file's {@code "jar"} field, a
 * path relative to the task file. The coordinator never sees {@code jar}: the client uploads the jar
 * ({@code POST /artifacts}) and sends the task with {@code artifact} set to the jar's SHA-256 instead. A Python
 * module given by path ({@link ModuleFile}) is sent as its source.
 *
 * @param task  the task document to send, without {@code jar}; as read when there is no jar
 * @param jar   the jar to upload first, null for none
 * @param bytes the jar's bytes, null for none
 */
record TaskJar(byte[] task, Path jar, byte[] bytes) {

    /** Numbers are kept exactly as written (1E+400 stays 1E+400), so the coordinator judges what the user wrote. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /**
     * The task in {@code task} (read from {@code taskFile}) with its jar, if it has one.
     *
     * @param option the {@code --jar} option, null when not given; it wins over the task's {@code jar} field
     * @throws IOException    when the jar cannot be read
     * @throws UsageException when the task names its jar wrongly, or names both a jar and an artifact
     */
    static TaskJar read(Path taskFile, byte[] task, Path option) throws IOException {
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
                jar = taskFile.toAbsolutePath().getParent().resolve(field.asText()).normalize();
            }
        }
        if (jar == null) {
            return new TaskJar(task, null, null);
        }
        if (object.has("artifact")) {
            throw new UsageException(taskFile + " names an artifact and there is a jar to upload: give one of them");
        }
        return new TaskJar(JSON.writeValueAsBytes(object), jar, readJar(jar));
    }

    /** The task to send once the jar is uploaded: with {@code artifact} set. */
    byte[] withArtifact(String sha256) throws IOException {
        ObjectNode object = (ObjectNode) JSON.readTree(task);
        object.put("artifact", sha256);
        return JSON.writeValueAsBytes(object);
    }

    private static byte[] readJar(Path jar) throws IOException {
        try {
            if (Files.isDirectory(jar)) {
                throw new IOException("jar " + jar + " is a directory");
            }
            return Files.readAllBytes(jar);
        } catch (NoSuchFileException e) {
            throw new IOException("jar " + jar + " does not exist" + (jar.toString().contains("target") ? " (build it first?)" : ""), e);
        } catch (AccessDeniedException e) {
            throw new IOException("jar " + jar + " cannot be read: permission denied", e);
        }
    }
}

package dev.gridexec.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The JDK internals Hazelcast asks for (it warns and runs slower without them), as JVM flags. They are
 * spelled once, in the java argument file {@value #RESOURCE} (under node/core/src/main/resources): the test
 * JVMs (root pom), client/bin/node and client/bin/coordinator, and the image's entrypoint pass that file as
 * {@code @file}; the JVMs gridexec itself starts read it here.
 */
public final class HazelcastJvmFlags {

    /** The argument file, as a class-path resource. */
    public static final String RESOURCE = "dev/gridexec/cluster/hazelcast-jvm.args";

    private HazelcastJvmFlags() {
    }

    /** The flags, one list element per word: {@code --add-opens}, {@code java.base/java.lang=ALL-UNNAMED}, ... */
    public static List<String> list() {
        try (InputStream in = HazelcastJvmFlags.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return Arrays.asList(text.split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

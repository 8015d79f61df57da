package dev.gridexec.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One PostgreSQL server for a test class, registered on a static field with {@code @RegisterExtension}: started in a
 * temporary folder of its own before the class's first test, stopped (and the folder deleted) after its last.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private PostgresServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("junit-postgres");
        server = PostgresServer.start(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** The running server (between the class's first and last test). */
    public PostgresServer server() {
        return server;
    }
}

package dev.gridexec.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Golden files under {@code src/test/resources/report/}. Run the tests with {@code -Dgridexec.golden.update=true}
 * to rewrite them from the implementation, then read the diff: the numbers in them must be right (README.md there
 * says how they were checked by hand and how to check them again).
 */
final class Golden {

    private static final Path SOURCE = Path.of("src/test/resources/report");

    private Golden() {
    }

    /** Checks that {@code actual} is the golden file {@code name}, byte for byte. */
    static void check(String name, String actual) {
        if (Boolean.getBoolean("gridexec.golden.update")) {
            try {
                Files.createDirectories(SOURCE);
                Files.writeString(SOURCE.resolve(name), actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        assertThat(actual).as("golden file %s", name).isEqualTo(read(name));
    }

    static String read(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/report/" + name)) {
            assertThat(in).as("golden file %s on the test class path", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code action} returns with {@code tag} as the default locale (all categories), restored after. */
    static <T> T underDefaultLocale(String tag, Supplier<T> action) {
        Locale saved = Locale.getDefault();
        Locale savedFormat = Locale.getDefault(Locale.Category.FORMAT);
        Locale savedDisplay = Locale.getDefault(Locale.Category.DISPLAY);
        Locale.setDefault(Locale.forLanguageTag(tag));
        try {
            return action.get();
        } finally {
            Locale.setDefault(saved);
            Locale.setDefault(Locale.Category.FORMAT, savedFormat);
            Locale.setDefault(Locale.Category.DISPLAY, savedDisplay);
        }
    }
}

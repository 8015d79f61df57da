package dev.gridexec.store;

import dev.gridexec.settings.SettingsReader;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the durable maps are written: a JDBC URL and, where the database asks for them, credentials. The password never
 * appears in {@link #toString()} nor in any message; URLs are shown with their {@code password=} parameter hidden.
 *
 * @param url      {@code jdbc:sqlite:/path/to/gridexec.db} (a file several processes on one host may share) or
 *                 {@code jdbc:postgresql://host:5432/gridexec}
 * @param user     the database user, when the URL does not carry it
 * @param password the user's password, when the URL does not carry it
 */
public record StoreSettings(String url, Optional<String> user, Optional<String> password) {

    /** The setting keys: the URL, the user, and the password given directly or as a file. */
    public static final Set<String> KEYS = Set.of("store", "store-user", "store-password", "store-password-file");

    public StoreSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (Dialect.of(url).isEmpty()) {
            throw new IllegalArgumentException("store: not a supported JDBC URL: " + redact(url));
        }
    }

    /** A store without credentials (SQLite, or a URL that carries them). */
    public static StoreSettings of(String url) {
        return new StoreSettings(url, Optional.empty(), Optional.empty());
    }

    /** The database this URL names. */
    public Dialect dialect() {
        return Dialect.of(url).orElseThrow();
    }

    /** The URL with any {@code password=} parameter's value hidden, for logs and messages. */
    public String redactedUrl() {
        return redact(url);
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** The store settings, empty when {@code store} is unset; a bad URL is reported to {@code reader}. */
    public static Optional<StoreSettings> read(SettingsReader reader) {
        Optional<String> url = reader.optional("store");
        Optional<String> user = reader.optional("store-user");
        Optional<String> password = reader.secret("store-password", "store-password-file");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        if (Dialect.of(url.get()).isEmpty()) {
            reader.reject("store", "must be a JDBC URL of SQLite (jdbc:sqlite:/path/to/file.db) or PostgreSQL "
                    + "(jdbc:postgresql://host:5432/database)");
            return Optional.empty();
        }
        if (Dialect.of(url.get()).get() == Dialect.SQLITE && url.get().matches("(?i).*(:memory:|mode=memory).*")) {
            reader.reject("store", "must name a database file: an in-memory SQLite database keeps nothing through a restart");
            return Optional.empty();
        }
        return Optional.of(new StoreSettings(url.get(), user, password));
    }

    @Override
    public String toString() {
        return "StoreSettings[url=" + redactedUrl() + ", user=" + user.orElse("(none)") + ", password="
                + (password.isPresent() ? "***" : "(none)") + "]";
    }
}

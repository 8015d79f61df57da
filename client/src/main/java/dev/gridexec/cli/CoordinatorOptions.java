package dev.gridexec.cli;

import dev.gridexec.remote.CoordinatorClient;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command shares: which coordinator ({@code --coordinator}, else env {@value #ENV}), its API
 * token ({@code --token}, else env {@value #TOKEN_ENV}) and {@code --json}.
 */
final class CoordinatorOptions {

    /** The environment variable naming the coordinator when {@code --coordinator} is not given. */
    static final String ENV = "GRIDEXEC_COORDINATOR";
    /** The environment variable holding the coordinator's API token when {@code --token} is not given. */
    static final String TOKEN_ENV = "GRIDEXEC_TOKEN";

    @Option(names = "--coordinator", paramLabel = "URL",
            description = "the coordinator, e.g. http://127.0.0.1:8080 (default: env " + ENV + ")")
    String coordinator;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "the coordinator's API token, sent as 'Authorization: Bearer' (default: env " + TOKEN_ENV
                    + ", which keeps it out of ps; the embedded default needs none)")
    String token;

    @Option(names = "--json", description = "print only JSON on stdout (a job record, a result, or an array)")
    boolean json;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The coordinator's URL as given, by the flag or else the environment; empty when there is none. */
    Optional<String> url() {
        if (coordinator != null) {
            return Optional.of(coordinator);
        }
        String fromEnv = ((Main) command.root().userObject()).env(ENV);
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(fromEnv);
    }

    /** Whether the coordinator was named on the command line (so that a hint to run another command repeats it). */
    boolean fromFlag() {
        return coordinator != null;
    }

    /** The API token, by the flag or else the environment (trimmed); empty when there is none. */
    Optional<String> token() {
        return token(token, ((Main) command.root().userObject()).env(TOKEN_ENV));
    }

    /** The token from a {@code --token} flag (null when not given), else from the environment; an empty flag is a usage error. */
    static Optional<String> token(String flag, String fromEnv) {
        if (flag != null) {
            if (flag.isBlank()) {
                throw new UsageException("--token must not be empty");
            }
            return Optional.of(flag.strip());
        }
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(fromEnv.strip());
    }

    /** A client for the configured coordinator, sending the token if there is one. */
    CoordinatorClient client() {
        String url = url().orElseThrow(() -> new UsageException(
                "no coordinator: pass --coordinator URL or set " + ENV));
        return client(url, token());
    }

    /** A client for the coordinator at {@code url} that sends no token (the embedded one asks for none). */
    static CoordinatorClient client(String url) {
        return client(url, Optional.empty());
    }

    static CoordinatorClient client(String url, Optional<String> token) {
        URI base;
        try {
            base = CoordinatorClient.parseUrl(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        try {
            return new CoordinatorClient(base, token);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + " (--token or " + TOKEN_ENV + ")", e);
        }
    }

    /** How to run {@code client COMMAND ID} against the same coordinator, for hints. */
    String again(String command, String id) {
        return "client " + command + " " + id + (fromFlag() ? " --coordinator " + coordinator : "");
    }

    /** The interrupt hooks of the command line this runs in. */
    Interrupts interrupts() {
        return ((Main) command.root().userObject()).interrupts();
    }
}

package dev.gridexec.cli;

import dev.gridexec.remote.CoordinatorClient;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every command shares: which coordinator ({@code --coordinator}, else env {@value #ENV}) and {@code --json}. */
final class CoordinatorOptions {

    /** The environment variable naming the coordinator when {@code --coordinator} is not given. */
    static final String ENV = "GRIDEXEC_COORDINATOR";

    @Option(names = "--coordinator", paramLabel = "URL",
            description = "the coordinator, e.g. http://127.0.0.1:8080 (default: env " + ENV + ")")
    String coordinator;

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

    /** A client for the configured coordinator. */
    CoordinatorClient client() {
        String url = url().orElseThrow(() -> new UsageException(
                "no coordinator: pass --coordinator URL or set " + ENV));
        return client(url);
    }

    static CoordinatorClient client(String url) {
        URI base;
        try {
            base = CoordinatorClient.parseUrl(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        return new CoordinatorClient(base);
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

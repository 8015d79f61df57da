package dev.gridexec.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gridexec.remote.CoordinatorClient;
import dev.gridexec.remote.Coordinators;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command shares: which coordinators ({@code --coordinator}, repeated or comma-separated, else
 * env {@value #ENV}), their API token ({@code --token}, else env {@value #TOKEN_ENV}) and {@code --json}.
 * {@link #coordinators(List, String)} is how every command (these, {@code experiment}, {@code bench-dispatch})
 * reads {@code --coordinator}.
 */
final class CoordinatorOptions {

    /** The environment variable naming the coordinators when {@code --coordinator} is not given. */
    static final String ENV = Coordinators.ENV;
    /** What every {@code --coordinator} option's help says after its own first words. */
    static final String SEVERAL = "; name several (repeat the option, or separate URLs by commas) and the client"
            + " moves on to the next when one cannot be reached (default: env " + Coordinators.ENV + ", the same list)";
    /** The environment variable holding the coordinator's API token when {@code --token} is not given. */
    static final String TOKEN_ENV = "GRIDEXEC_TOKEN";

    @Option(names = "--coordinator", paramLabel = "URL", description = "the coordinator, e.g. http://127.0.0.1:8080" + SEVERAL)
    List<String> coordinator = new ArrayList<>();

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "the coordinator's API token, sent as 'Authorization: Bearer' (default: env " + TOKEN_ENV
                    + ", which keeps it out of ps; the embedded default needs none)")
    String token;

    @Option(names = "--json", description = "print only JSON on stdout (a job record, a result, or an array)")
    boolean json;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * What a listing ({@code list}, {@code nodes}) prints first: {@code value} as JSON under {@code --json}, else
     * {@code none} on stderr when there is nothing to list. True when that was all; false when its table is to follow.
     */
    boolean printedJsonOrNone(Object value, boolean empty, String none) throws JsonProcessingException {
        if (json) {
            JobPrinter.json(value, command.commandLine().getOut());
            return true;
        }
        if (empty) {
            command.commandLine().getErr().println(none);
            return true;
        }
        return false;
    }

    /**
     * The coordinators, by the flags or else the environment; empty when neither names one.
     *
     * @throws UsageException naming a URL that is not a coordinator URL
     */
    Optional<Coordinators> coordinators() {
        return coordinators(coordinator, ((Main) command.root().userObject()).env(ENV));
    }

    /**
     * The coordinators of {@code --coordinator} flags (each one URL or several separated by commas), else of the
     * environment variable's value; empty when neither names one.
     *
     * @throws UsageException naming a URL that is not a coordinator URL
     */
    static Optional<Coordinators> coordinators(List<String> flags, String fromEnv) {
        try {
            return Coordinators.fromFlagsOrEnvironment(flags, fromEnv);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + " (--coordinator or " + ENV + ")", e);
        }
    }

    /** Whether the coordinator was named on the command line (so that a hint to run another command repeats it). */
    boolean fromFlag() {
        return !coordinator.isEmpty();
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

    /** A client for the configured coordinators, sending the token if there is one. */
    CoordinatorClient client() {
        Coordinators coordinators = coordinators().orElseThrow(() -> new UsageException(
                "no coordinator: pass --coordinator URL or set " + ENV));
        return client(coordinators, token());
    }

    /** A client for {@code coordinators} sending {@code token} if present; a malformed token is a usage error. */
    static CoordinatorClient client(Coordinators coordinators, Optional<String> token) {
        try {
            return new CoordinatorClient(coordinators, token);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + " (--token or " + TOKEN_ENV + ")", e);
        }
    }

    /** How to run {@code client COMMAND ID} against the same coordinator, for hints. */
    String again(String command, String id) {
        return "client " + command + " " + id + (fromFlag() ? " --coordinator " + coordinators().orElseThrow() : "");
    }

    /** The interrupt hooks of the command line this runs in. */
    Interrupts interrupts() {
        return ((Main) command.root().userObject()).interrupts();
    }
}

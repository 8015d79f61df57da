package dev.gridexec.remote;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The coordinators a client may talk to, in the order given: base URLs, each checked by
 * {@link CoordinatorClient#parseUrl(String)}, without duplicates, at least one. Every coordinator of a cluster
 * answers every route for every job, so a client moves on to the next one when one cannot be reached.
 * The one way the command line names them: {@code --coordinator} repeated and/or comma-separated, else the
 * environment variable {@value #ENV} holding the same comma-separated list.
 */
public record Coordinators(List<URI> urls) {

    /** The environment variable naming the coordinators when no {@code --coordinator} is given. */
    public static final String ENV = "GRIDEXEC_COORDINATOR";

    public Coordinators {
        urls = List.copyOf(new LinkedHashSet<>(urls));
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no coordinator URL given");
        }
    }

    /** One coordinator. */
    public static Coordinators of(URI url) {
        return new Coordinators(List.of(url));
    }

    /**
     * The coordinators named by {@code values}, each one URL or several separated by commas (blanks around
     * them are ignored).
     *
     * @throws IllegalArgumentException naming the URL that is not a coordinator URL, or saying that none was given
     */
    public static Coordinators parse(List<String> values) {
        List<URI> urls = new ArrayList<>();
        for (String value : values) {
            for (String item : value.split(",", -1)) {
                if (item.isBlank()) {
                    continue;
                }
                urls.add(CoordinatorClient.parseUrl(item.strip())); // its message quotes the URL that is wrong
            }
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no coordinator URL in '" + String.join(",", values) + "'");
        }
        return new Coordinators(urls);
    }

    /** {@link #parse(List)} of one value: a URL, or several separated by commas. */
    public static Coordinators parse(String value) {
        return parse(List.of(value));
    }

    /**
     * The coordinators of a command line: those of the {@code --coordinator} flags when there is one, else those
     * of the environment variable's value (null or blank: none); empty when neither names any.
     *
     * @throws IllegalArgumentException as {@link #parse(List)} does
     */
    public static Optional<Coordinators> fromFlagsOrEnvironment(List<String> flags, String environment) {
        if (flags != null && !flags.isEmpty()) {
            return Optional.of(parse(flags));
        }
        return environment == null || environment.isBlank() ? Optional.empty() : Optional.of(parse(environment));
    }

    /** The first coordinator named. */
    public URI first() {
        return urls.get(0);
    }

    /** How many there are. */
    public int size() {
        return urls.size();
    }

    /** The URLs separated by commas, as {@code --coordinator} and {@value #ENV} take them. */
    @Override
    public String toString() {
        return urls.stream().map(URI::toString).collect(Collectors.joining(","));
    }
}

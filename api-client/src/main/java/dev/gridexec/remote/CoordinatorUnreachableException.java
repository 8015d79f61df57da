package dev.gridexec.remote;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * No answer from the coordinator, nor from any other coordinator given: connection refused, unknown host, a
 * timeout, the connection lost, or HTTP 502/503 from a coordinator that is stopping. The message names every URL
 * tried and why each failed.
 */
public final class CoordinatorUnreachableException extends CoordinatorException {

    private static final long serialVersionUID = 1L;

    private final List<URI> tried;

    CoordinatorUnreachableException(URI coordinator, String reason, Throwable cause) {
        super(coordinator, "cannot reach the coordinator at " + coordinator + ": " + reason, cause);
        this.tried = List.of(coordinator);
    }

    private CoordinatorUnreachableException(URI last, String message, List<URI> tried, Throwable cause) {
        super(last, message, cause);
        this.tried = List.copyOf(tried);
    }

    /**
     * One failure for all of them: {@code reasons} says, per URL in the order tried, why it did not answer;
     * {@code prefix}, when not empty, says what was going on ("following job j1: ").
     */
    static CoordinatorUnreachableException all(String prefix, Map<URI, String> reasons, Throwable cause) {
        Map<URI, String> ordered = new LinkedHashMap<>(reasons);
        List<URI> urls = List.copyOf(ordered.keySet());
        URI last = urls.get(urls.size() - 1);
        if (urls.size() == 1) {
            return new CoordinatorUnreachableException(last, prefix + "cannot reach the coordinator at " + last + ": "
                    + ordered.get(last), urls, cause);
        }
        String each = ordered.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
        return new CoordinatorUnreachableException(last, prefix + "cannot reach any of the " + urls.size() + " coordinators: " + each,
                urls, cause);
    }

    /** Every coordinator URL tried, in order; the last is {@link #coordinator()}. */
    public List<URI> tried() {
        return tried;
    }
}

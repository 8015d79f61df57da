package dev.gridexec.remote;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;

/**
 * Why a coordinator gave no answer, in a few words for messages, and whether the request surely never left
 * (the connection was not made), which decides whether a submit may go to another coordinator. The timeouts are
 * the ones the requests were given, for the messages.
 */
record NoAnswer(Duration connectTimeout, Duration answerTimeout) {

    /** Why the coordinator at {@code base} gave no answer, in a few words. */
    String reason(URI base, Throwable failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return "no connection within " + seconds(connectTimeout);
        } else if (failure instanceof HttpTimeoutException) {
            return "no answer within " + seconds(answerTimeout);
        } else if (causedBy(failure, UnresolvedAddressException.class) || causedBy(failure, UnknownHostException.class)) {
            return "unknown host " + base.getHost();
        } else if (failure instanceof ConnectException) {
            return failure.getMessage() == null || failure.getMessage().toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused" : failure.getMessage();
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    /** Whether the request surely never left: the connection was not made. */
    static boolean unsent(IOException failure) {
        return failure instanceof HttpConnectTimeoutException || causedBy(failure, ConnectException.class)
                || causedBy(failure, UnresolvedAddressException.class) || causedBy(failure, UnknownHostException.class);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}

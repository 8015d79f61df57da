package dev.gridexec.remote;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The paths of a job's resources on a coordinator, the job id percent-encoded as one path segment. */
final class JobPaths {

    private JobPaths() {
    }

    /** The path of job {@code id}'s resource, the id percent-encoded as one path segment. */
    static String jobPath(String id, String suffix) {
        return "/jobs/" + pathSegment(id) + suffix;
    }

    /** {@code text} percent-encoded as one path segment: every byte but the unreserved characters is escaped. */
    static String pathSegment(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }
}

package dev.gridexec.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The bearer token that the API asks of every request but the health checks: a secret that never shows
 * in {@link #toString()}, in an error message or in a log line.
 *
 * <p>Requests are checked by comparing SHA-256 digests with {@link MessageDigest#isEqual}, so the time a
 * check takes depends neither on how much of the token a guess got right nor on the token's length.
 */
public final class ApiToken {

    /** The fewest characters a token may have. */
    public static final int MIN_LENGTH = 16;
    /** The most characters a token may have. */
    public static final int MAX_LENGTH = 4096;

    private static final String SCHEME = "bearer";

    private final byte[] digest;

    private ApiToken(byte[] digest) {
        this.digest = digest;
    }

    /**
     * A token of {@value #MIN_LENGTH} to {@value #MAX_LENGTH} printable ASCII characters without spaces
     * (what an HTTP header carries as it is).
     *
     * @throws IllegalArgumentException saying what is wrong, never quoting the token
     */
    public static ApiToken of(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        if (secret.length() < MIN_LENGTH || secret.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long, got "
                    + secret.length() + " characters");
        }
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("must be printable ASCII characters without spaces (such as the output of "
                        + "'openssl rand -hex 32'), and character " + (i + 1) + " is not one");
            }
        }
        return new ApiToken(sha256(secret.getBytes(StandardCharsets.US_ASCII)));
    }

    /** What a request's {@code Authorization} header says about this token. */
    public enum Check {
        /** {@code Bearer} and this token. */
        ADMITTED,
        /** No {@code Authorization} header. */
        MISSING,
        /** A header that is not {@code Bearer <token>}. */
        MALFORMED,
        /** {@code Bearer} and another token. */
        WRONG
    }

    /** Checks an {@code Authorization} header value ({@code null} when there is none) in constant time. */
    public Check check(String authorization) {
        if (authorization == null) {
            return Check.MISSING;
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return Check.MALFORMED;
        }
        String given = value.substring(space + 1).strip();
        if (given.isEmpty() || given.indexOf(' ') >= 0) {
            return Check.MALFORMED;
        }
        return MessageDigest.isEqual(digest, sha256(given.getBytes(StandardCharsets.UTF_8))) ? Check.ADMITTED : Check.WRONG;
    }

    /** Two tokens are equal when their secrets are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ApiToken token && MessageDigest.isEqual(digest, token.digest);
    }

    /** The same for every token: a hash of the secret would tell something about it. */
    @Override
    public int hashCode() {
        return 0;
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "ApiToken[redacted]";
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

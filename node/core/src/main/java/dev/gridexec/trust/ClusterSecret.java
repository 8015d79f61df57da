package dev.gridexec.trust;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret every member of one cluster shares (setting {@code cluster-secret-file}, or {@code GRIDEXEC_CLUSTER_SECRET}):
 * the key of the HMAC-SHA256 with which members prove they belong ({@link MemberProof}) and seal what they write to the
 * maps ({@link Seal}). It never appears in {@link #toString()} nor in any message.
 */
public final class ClusterSecret {

    /** A shorter secret is refused: it could be guessed. */
    public static final int MIN_LENGTH = 16;
    private static final String ALGORITHM = "HmacSHA256";
    /** Bytes of a MAC. */
    public static final int MAC_BYTES = 32;

    private final SecretKeySpec key;

    private ClusterSecret(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /**
     * The secret from its text (a file's contents, less surrounding white space).
     *
     * @throws IllegalArgumentException when it is shorter than {@link #MIN_LENGTH} characters (the message never quotes it)
     */
    public static ClusterSecret of(String text) {
        String trimmed = text.strip();
        if (trimmed.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("must be at least " + MIN_LENGTH + " characters long (openssl rand -hex 32"
                    + " makes one), got " + trimmed.length());
        }
        return new ClusterSecret(trimmed.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * HMAC-SHA256 over {@code parts}, each preceded by its length, so that no two different lists of parts give the same
     * input (a key and a body cannot trade bytes).
     */
    public byte[] mac(byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            for (byte[] part : parts) {
                mac.update(new byte[] {(byte) (part.length >>> 24), (byte) (part.length >>> 16), (byte) (part.length >>> 8),
                        (byte) part.length});
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available: " + e.getMessage(), e);
        }
    }

    /** Whether {@code mac} is the MAC of {@code parts}, compared in constant time. */
    public boolean verify(byte[] mac, byte[]... parts) {
        return mac != null && MessageDigest.isEqual(mac(parts), mac);
    }

    /** Text as the UTF-8 bytes a MAC is taken over. */
    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClusterSecret secret && MessageDigest.isEqual(key.getEncoded(), secret.key.getEncoded());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mac(utf8("hash")));
    }

    @Override
    public String toString() {
        return "ClusterSecret[***]";
    }
}

package dev.gridexec.trust;

import com.hazelcast.core.HazelcastInstance;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way members authenticate what they write to the cluster's maps (job records, ledger entries, cancel requests,
 * reservations) and the work they send each other ({@link #sign}, {@link #admits}): each value is sealed with an HMAC-SHA256, under the {@link ClusterSecret}, over the map's name, the
 * entry's key and the value, and opened (checked) when read. A value whose seal does not match, or that has none while
 * the cluster has a secret, is refused: logged once per key, without a stack trace, and treated as absent. A value
 * cannot be moved to another key or map either: the seal covers both.
 *
 * <p>Sealing is deterministic (the same value under the same key seals to the same bytes), so compare-and-set on a
 * sealed value works as on the plain one.
 *
 * <p>Formats: text is {@code gx1:<base64url MAC>:<text>}; bytes are {@code GXS1}, the 32-byte MAC, the bytes. Without a
 * secret nothing is sealed and nothing is checked (values are written plain; a sealed value read is unwrapped unchecked).
 */
public final class Seal {

    private static final Logger LOG = LoggerFactory.getLogger(Seal.class);
    /** Where {@link #of(HazelcastInstance)} finds a member's seal: the member's user context. */
    public static final String USER_CONTEXT_KEY = "gridexec.seal";
    static final String TEXT_PREFIX = "gx1:";
    static final byte[] BYTES_MAGIC = {'G', 'X', 'S', '1'};
    /** Refused keys remembered so that each is logged once; beyond this many, refusals are no longer logged. */
    private static final int LOGGED_KEYS = 10_000;
    private static final Seal NONE = new Seal(Optional.empty());

    private final Optional<ClusterSecret> secret;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean loggingStopped = new AtomicBoolean();

    private Seal(Optional<ClusterSecret> secret) {
        this.secret = secret;
    }

    /** Seals and checks with {@code secret}. */
    public static Seal with(ClusterSecret secret) {
        return new Seal(Optional.of(secret));
    }

    /** Seals nothing, checks nothing: a cluster without a secret. */
    public static Seal none() {
        return NONE;
    }

    /** The seal of {@code hazelcast}'s member ({@link #none()} when it was configured without a secret). */
    public static Seal of(HazelcastInstance hazelcast) {
        Object seal = hazelcast.getUserContext().get(USER_CONTEXT_KEY);
        return seal instanceof Seal s ? s : NONE;
    }

    /** The cluster secret, if there is one. */
    public Optional<ClusterSecret> secret() {
        return secret;
    }

    /** Whether values are sealed and checked. */
    public boolean active() {
        return secret.isPresent();
    }

    /** {@code text} sealed for entry {@code key} of map {@code map}. */
    public String seal(String map, String key, String text) {
        if (secret.isEmpty()) {
            return text;
        }
        byte[] mac = secret.get().mac(ClusterSecret.utf8(map), ClusterSecret.utf8(key), ClusterSecret.utf8(text));
        return TEXT_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(mac) + ":" + text;
    }

    /** {@code bytes} sealed for entry {@code key} of map {@code map}. */
    public byte[] seal(String map, String key, byte[] bytes) {
        if (secret.isEmpty()) {
            return bytes;
        }
        byte[] mac = secret.get().mac(ClusterSecret.utf8(map), ClusterSecret.utf8(key), bytes);
        byte[] sealed = new byte[BYTES_MAGIC.length + mac.length + bytes.length];
        System.arraycopy(BYTES_MAGIC, 0, sealed, 0, BYTES_MAGIC.length);
        System.arraycopy(mac, 0, sealed, BYTES_MAGIC.length, mac.length);
        System.arraycopy(bytes, 0, sealed, BYTES_MAGIC.length + mac.length, bytes.length);
        return sealed;
    }

    /** The text sealed in {@code stored} (entry {@code key} of {@code map}), or empty when absent or refused. */
    public Optional<String> open(String map, String key, String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        boolean sealed = stored.startsWith(TEXT_PREFIX);
        int colon = sealed ? stored.indexOf(':', TEXT_PREFIX.length()) : -1;
        if (secret.isEmpty()) {
            return Optional.of(colon >= 0 ? stored.substring(colon + 1) : stored);
        }
        if (colon < 0) {
            return refuse(map, key, "it is not sealed");
        }
        String text = stored.substring(colon + 1);
        byte[] mac;
        try {
            mac = Base64.getUrlDecoder().decode(stored.substring(TEXT_PREFIX.length(), colon));
        } catch (IllegalArgumentException e) {
            return refuse(map, key, "its seal is malformed");
        }
        return secret.get().verify(mac, ClusterSecret.utf8(map), ClusterSecret.utf8(key), ClusterSecret.utf8(text))
                ? Optional.of(text) : refuse(map, key, "its seal does not match");
    }

    /** The bytes sealed in {@code stored} (entry {@code key} of {@code map}), or empty when absent or refused. */
    public Optional<byte[]> open(String map, String key, byte[] stored) {
        if (stored == null) {
            return Optional.empty();
        }
        int header = BYTES_MAGIC.length + ClusterSecret.MAC_BYTES;
        boolean sealed = stored.length >= header && Arrays.equals(stored, 0, BYTES_MAGIC.length, BYTES_MAGIC, 0, BYTES_MAGIC.length);
        if (secret.isEmpty()) {
            return Optional.of(sealed ? Arrays.copyOfRange(stored, header, stored.length) : stored);
        }
        if (!sealed) {
            return refuse(map, key, "it is not sealed");
        }
        byte[] bytes = Arrays.copyOfRange(stored, header, stored.length);
        byte[] mac = Arrays.copyOfRange(stored, BYTES_MAGIC.length, header);
        return secret.get().verify(mac, ClusterSecret.utf8(map), ClusterSecret.utf8(key), bytes)
                ? Optional.of(bytes) : refuse(map, key, "its seal does not match");
    }

    /**
     * The MAC of a message of kind {@code kind} (a batch of chunks, the end of a job) about {@code key}, over {@code parts};
     * empty without a secret. Members check it with {@link #admits} before they act on the message.
     */
    public byte[] sign(String kind, String key, byte[]... parts) {
        return secret.map(s -> s.mac(messageParts(kind, key, parts))).orElse(new byte[0]);
    }

    /**
     * Whether a message signed with {@link #sign} may be acted on: always without a secret; with one, when {@code mac}
     * matches (compared in constant time). A refused message is logged once per kind and key.
     */
    public boolean admits(String kind, String key, byte[] mac, byte[]... parts) {
        if (secret.isEmpty() || secret.get().verify(mac, messageParts(kind, key, parts))) {
            return true;
        }
        refuse(kind, key, "it is not signed with the cluster secret", "it is not acted on");
        return false;
    }

    private static byte[][] messageParts(String kind, String key, byte[]... parts) {
        byte[][] all = new byte[parts.length + 2][];
        all[0] = ClusterSecret.utf8("message:" + kind); // never a map's name: a message is no entry, nor the reverse
        all[1] = ClusterSecret.utf8(key);
        System.arraycopy(parts, 0, all, 2, parts.length);
        return all;
    }

    private <T> Optional<T> refuse(String map, String key, String why) {
        return refuse(map, key, why, "it is treated as absent");
    }

    private <T> Optional<T> refuse(String map, String key, String why, String consequence) {
        if (logged.size() < LOGGED_KEYS) {
            if (logged.add(map + "\u0000" + key)) {
                LOG.warn("{} {} refused: {} (from a member without the cluster secret, or from before the cluster had one);"
                        + " {}", map, printable(key), why, consequence);
            }
        } else if (loggingStopped.compareAndSet(false, true)) {
            LOG.warn("more than {} entries refused for their seal; further refusals are not logged", LOGGED_KEYS);
        }
        return Optional.empty();
    }

    /** A key as it may appear in a log line: at most 200 characters, control characters replaced. */
    private static String printable(String key) {
        String shown = key.length() > 200 ? key.substring(0, 200) + "…" : key;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public String toString() {
        return secret.isPresent() ? "Seal[HMAC-SHA256]" : "Seal[none]";
    }
}

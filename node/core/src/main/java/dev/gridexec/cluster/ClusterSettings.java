package dev.gridexec.cluster;

import dev.gridexec.settings.SettingsReader;
import dev.gridexec.store.StoreSettings;
import dev.gridexec.trust.ClusterSecret;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a process joins the Hazelcast cluster; shared by nodes and the coordinator.
 *
 * @param clusterName     members with other names never join
 * @param host            address to bind and announce (loopback by default: nothing is exposed)
 * @param port            Hazelcast port
 * @param members         TCP/IP join: other members' {@code host:port}; empty joins only those that list this one
 * @param kubernetesDns   Kubernetes DNS discovery: the headless Service's DNS name (replaces {@code members})
 * @param failureSeconds  a member silent this long is declared dead (Hazelcast's default is 60 s)
 * @param minClusterSize  split-brain protection: the job and artifact maps refuse reads and writes on a side of a
 *                        split with fewer members than this (coordinators count); 1, the default, turns it off.
 *                        Set it to a majority of the cluster's members
 * @param store           the database that keeps the durable maps ({@link ClusterConfigs#DURABLE_MAPS}) through a
 *                        restart of the whole cluster; data members write through to it, lite members ignore it.
 *                        Empty, the default: the maps live only in the members' memory
 * @param secret          the cluster secret ({@code cluster-secret-file}, or {@code GRIDEXEC_CLUSTER_SECRET}; never a flag):
 *                        members prove with it that they belong and seal what they write to the maps
 *                        ({@link dev.gridexec.trust.Seal}). Empty, the default: members are not authenticated
 */
public record ClusterSettings(String clusterName, String host, int port, List<String> members,
                              Optional<String> kubernetesDns, int failureSeconds, int minClusterSize,
                              Optional<StoreSettings> store, Optional<ClusterSecret> secret) {

    /** The cluster secret given directly (a settings file or the environment: no command line shows it). */
    public static final String SECRET = "cluster-secret";
    /** The file that holds the cluster secret (preferred). */
    public static final String SECRET_FILE = "cluster-secret-file";

    /** The setting keys this record reads. */
    public static final Set<String> KEYS;

    static {
        Set<String> keys = new HashSet<>(List.of("cluster-name", "host", "port", "members", "k8s-service-dns",
                "failure-seconds", "min-cluster-size", SECRET, SECRET_FILE));
        keys.addAll(StoreSettings.KEYS);
        KEYS = Set.copyOf(keys);
    }

    public ClusterSettings {
        members = List.copyOf(members);
        if (minClusterSize < 1) {
            throw new IllegalArgumentException("minClusterSize must be at least 1, got " + minClusterSize);
        }
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(secret, "secret");
    }

    /** Settings without a cluster secret. */
    public ClusterSettings(String clusterName, String host, int port, List<String> members, Optional<String> kubernetesDns,
                           int failureSeconds, int minClusterSize, Optional<StoreSettings> store) {
        this(clusterName, host, port, members, kubernetesDns, failureSeconds, minClusterSize, store, Optional.empty());
    }

    /** Settings without a durable store. */
    public ClusterSettings(String clusterName, String host, int port, List<String> members, Optional<String> kubernetesDns,
                           int failureSeconds, int minClusterSize) {
        this(clusterName, host, port, members, kubernetesDns, failureSeconds, minClusterSize, Optional.empty());
    }

    /** Settings without split-brain protection nor a durable store. */
    public ClusterSettings(String clusterName, String host, int port, List<String> members, Optional<String> kubernetesDns,
                           int failureSeconds) {
        this(clusterName, host, port, members, kubernetesDns, failureSeconds, 1);
    }

    /** These settings with the durable maps kept in {@code store}. */
    public ClusterSettings withStore(StoreSettings store) {
        return new ClusterSettings(clusterName, host, port, members, kubernetesDns, failureSeconds, minClusterSize,
                Optional.of(store), secret);
    }

    /** These settings with members authenticated by {@code secret}. */
    public ClusterSettings withSecret(ClusterSecret secret) {
        return new ClusterSettings(clusterName, host, port, members, kubernetesDns, failureSeconds, minClusterSize, store,
                Optional.of(secret));
    }

    /** Reads the cluster settings; {@code defaultPort} differs between nodes and the coordinator. */
    public static ClusterSettings read(SettingsReader reader, int defaultPort) {
        return new ClusterSettings(
                reader.string("cluster-name", "gridexec"),
                reader.string("host", "127.0.0.1"),
                reader.integer("port", 1, 65535, defaultPort),
                reader.addresses("members"),
                reader.optional("k8s-service-dns"),
                reader.integer("failure-seconds", 2, 600, 5),
                reader.integer("min-cluster-size", 1, 1000, 1),
                StoreSettings.read(reader),
                readSecret(reader));
    }

    private static Optional<ClusterSecret> readSecret(SettingsReader reader) {
        Optional<String> text = reader.secret(SECRET, SECRET_FILE);
        try {
            return text.map(ClusterSecret::of);
        } catch (IllegalArgumentException e) {
            reader.rejectSecret(reader.given(SECRET_FILE) ? SECRET_FILE : SECRET, e.getMessage());
            return Optional.empty();
        }
    }
}

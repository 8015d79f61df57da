package dev.gridexec.cluster;

import dev.gridexec.settings.SettingsReader;
import dev.gridexec.store.StoreSettings;
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
 */
public record ClusterSettings(String clusterName, String host, int port, List<String> members,
                              Optional<String> kubernetesDns, int failureSeconds, int minClusterSize,
                              Optional<StoreSettings> store) {

    /** The setting keys this record reads. */
    public static final Set<String> KEYS;

    static {
        Set<String> keys = new HashSet<>(List.of("cluster-name", "host", "port", "members", "k8s-service-dns",
                "failure-seconds", "min-cluster-size"));
        keys.addAll(StoreSettings.KEYS);
        KEYS = Set.copyOf(keys);
    }

    public ClusterSettings {
        members = List.copyOf(members);
        if (minClusterSize < 1) {
            throw new IllegalArgumentException("minClusterSize must be at least 1, got " + minClusterSize);
        }
        Objects.requireNonNull(store, "store");
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
                Optional.of(store));
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
                StoreSettings.read(reader));
    }
}

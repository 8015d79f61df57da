package dev.gridexec.settings;

import picocli.CommandLine.Option;

/**
 * The flags every cluster process takes (a picocli mixin): the settings file and how to join the cluster.
 * Read with {@link Flags#given}, like the command's own options.
 */
public final class ClusterOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "settings file (properties)")
    String config;
    @Option(names = "--cluster-name", paramLabel = "NAME", description = "cluster name (default gridexec)")
    String clusterName;
    @Option(names = "--host", paramLabel = "ADDRESS", description = "address to bind and announce in the cluster (default 127.0.0.1)")
    String host;
    @Option(names = "--port", paramLabel = "PORT", description = "Hazelcast port (default 5701 for a node, 5710 for the coordinator)")
    String port;
    @Option(names = "--members", paramLabel = "HOST:PORT,...", description = "members to join (TCP/IP)")
    String members;
    @Option(names = "--k8s-service-dns", paramLabel = "DNS", description = "Kubernetes headless Service DNS name of the nodes (DNS discovery)")
    String k8sServiceDns;
    @Option(names = "--failure-seconds", paramLabel = "SECONDS", description = "declare a silent member dead after this long (default 5)")
    String failureSeconds;
}

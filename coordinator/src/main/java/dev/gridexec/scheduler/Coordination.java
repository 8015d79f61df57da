package dev.gridexec.scheduler;

import dev.gridexec.jobstore.Ledger;

/**
 * How a scheduler shares a cluster with other coordinators.
 *
 * @param owner  the coordinator's name, which its jobs' records give as their owner
 * @param ledger where finished chunks are written for an adopter
 * @param load   what the other coordinators hold on the nodes
 */
public record Coordination(String owner, Ledger ledger, ClusterLoad load) {

    /** A scheduler alone: no other coordinator adopts its jobs or shares its nodes. */
    public static final Coordination ALONE = new Coordination("local", Ledger.NONE, ClusterLoad.ALONE);
}

package dev.gridexec.members;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A coordinator's copy in memory of the cluster's reservations: filled once by a read of the whole map and kept from
 * then on by the map's entry events and by this coordinator's own holds and releases. What is heard wins over what is
 * read: the read takes a while, and an entry it saw may be updated or removed before its value is applied here, so a
 * key heard of while the read runs keeps what was heard. (Without that rule, a removal heard during the read was undone
 * by the read, and the workers of a job long ended counted against the other coordinators for good: a rolling restart
 * left the restarted coordinator's adopted jobs queued behind idle nodes.) Thread-safe.
 */
final class ReservationMirror {

    /** What one job holds: its owner and its workers per node. */
    record Held(String owner, Map<String, Integer> workers) {
        static Held parse(String text) {
            String[] lines = text.split("\n");
            Map<String, Integer> workers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int eq = lines[i].lastIndexOf('=');
                workers.put(lines[i].substring(0, eq), Integer.parseInt(lines[i].substring(eq + 1)));
            }
            return new Held(lines[0], workers);
        }

        String text() {
            StringBuilder text = new StringBuilder(owner);
            workers.forEach((node, count) -> text.append('\n').append(node).append('=').append(count));
            return text.toString();
        }
    }

    private final Map<String, Held> held = new HashMap<>();
    /** The jobs heard of since the read began; null when no read runs. */
    private Set<String> heardWhileReading;

    /** The read of the whole map begins: from now on what is heard of a job wins over what the read says of it. */
    synchronized void startReading() {
        heardWhileReading = new HashSet<>();
    }

    /** What the read found for {@code job}, kept unless the job was heard of since the read began. */
    synchronized void read(String job, Held found) {
        if (heardWhileReading == null || !heardWhileReading.contains(job)) {
            held.putIfAbsent(job, found);
        }
    }

    /** The read is over. */
    synchronized void doneReading() {
        heardWhileReading = null;
    }

    /** {@code job} holds {@code workers} now (an event, or this coordinator's own hold). */
    synchronized void put(String job, Held workers) {
        heard(job);
        held.put(job, workers);
    }

    /** {@code job} holds nothing now; returns what it held, if this mirror knew. */
    synchronized Held remove(String job) {
        heard(job);
        return held.remove(job);
    }

    /** The workers per node held by jobs of the owners {@code counted} (summed over their jobs). */
    synchronized Map<String, Integer> workersOf(Set<String> counted) {
        Map<String, Integer> workers = new HashMap<>();
        for (Held job : held.values()) {
            if (counted.contains(job.owner())) {
                job.workers().forEach((node, count) -> workers.merge(node, count, Integer::sum));
            }
        }
        return workers;
    }

    /** Forgets the jobs of every owner but {@code live}; returns them (job id and what it held). */
    synchronized List<Map.Entry<String, Held>> forgetAllBut(Set<String> live) {
        List<Map.Entry<String, Held>> gone = new ArrayList<>();
        held.entrySet().removeIf(entry -> {
            boolean left = !live.contains(entry.getValue().owner());
            if (left) {
                gone.add(Map.entry(entry.getKey(), entry.getValue()));
            }
            return left;
        });
        return gone;
    }

    private void heard(String job) {
        if (heardWhileReading != null) {
            heardWhileReading.add(job);
        }
    }
}

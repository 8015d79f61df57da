package dev.gridexec.runtime;

import java.util.List;
import java.util.function.Consumer;

/**
 * A job's interpreters of which each takes up to {@code perSeat} chunks at once (a slot's threads, a child's workers):
 * each chunk goes to the one with the fewest chunks of the job in it. See {@link Interpreters#fewestFirst}.
 */
final class FewestFirst<I extends Interpreter> implements Interpreters {

    private final List<I> seats;
    private final int[] users; // guarded by the node workers' lock
    private final int perSeat;
    private final List<Long> nanos;
    private final Consumer<? super I> close;

    FewestFirst(List<I> seats, int perSeat, List<Long> nanos, Consumer<? super I> close) {
        this.seats = List.copyOf(seats);
        this.users = new int[seats.size()];
        this.perSeat = perSeat;
        this.nanos = List.copyOf(nanos);
        this.close = close;
    }

    @Override
    public int concurrency() {
        return seats.size() * perSeat;
    }

    @Override
    public Interpreter acquire() {
        int best = 0;
        for (int i = 1; i < users.length; i++) {
            if (users[i] < users[best]) {
                best = i;
            }
        }
        users[best]++;
        return seats.get(best);
    }

    @Override
    public void release(Interpreter interpreter) {
        users[seats.indexOf(interpreter)]--;
    }

    @Override
    public List<Long> slotNanos() {
        return nanos;
    }

    @Override
    public void close() {
        seats.forEach(close);
    }
}

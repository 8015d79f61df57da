package dev.gridexec.runtime;

import java.util.List;

/** Every chunk of a job in one {@code interpreter}, up to {@code concurrency} at once. See {@link Interpreters#shared}. */
record OneInterpreter(Interpreter interpreter, int concurrency) implements Interpreters {

    @Override
    public Interpreter acquire() {
        return interpreter;
    }

    @Override
    public void release(Interpreter released) {
    }

    @Override
    public List<Long> slotNanos() {
        return List.of();
    }

    @Override
    public void close() {
        interpreter.close();
    }
}

package dev.gridexec.remote;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test class whose every test runs against a {@link FakeCoordinator} of its own, started before it and closed after it. */
public abstract class AgainstFakeCoordinator {

    /** This test's fake coordinator (started before a subclass's own {@code @BeforeEach} methods run). */
    protected FakeCoordinator fake;

    @BeforeEach
    protected final void startFakeCoordinator() throws Exception {
        fake = FakeCoordinator.start();
    }

    @AfterEach
    protected final void closeFakeCoordinator() {
        fake.close();
    }
}

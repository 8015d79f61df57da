package dev.gridexec.remote;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The server's side of one event stream of a {@link FakeCoordinator}, which a {@link FakeCoordinator.StreamScript} writes. */
public final class FakeEventStream {

    private final OutputStream out;
    private final CountDownLatch closing;

    FakeEventStream(OutputStream out, CountDownLatch closing) {
        this.out = out;
        this.closing = closing;
    }

    /** Writes {@code event: type} and {@code data: <json>} and a blank line, and flushes. */
    public FakeEventStream event(String type, Object data) throws IOException {
        return raw("event: " + type + "\ndata: " + new String(FakeCoordinator.bytes(data), StandardCharsets.UTF_8) + "\n\n");
    }

    /** Writes {@code text} as it is and flushes. */
    public FakeEventStream raw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** Keeps the stream open until the client drops it or the fake closes (bounded, so no test hangs). */
    public void holdOpen() throws InterruptedException {
        closing.await(30, TimeUnit.SECONDS);
    }
}

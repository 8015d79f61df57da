package dev.gridexec.artifacts;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.atomic.AtomicBoolean;

/** A slot's own loader over an artifact's jar; closing it tells the cache, once. */
final class SlotLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    SlotLoader(String name, URL jar, ClassLoader parent, Runnable onClose) {
        super(name, new URL[] {jar}, parent);
        this.onClose = onClose;
    }

    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            try {
                super.close();
            } finally {
                onClose.run();
            }
        }
    }
}

package dev.gridexec.runtime.slots;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A slot's own class loader: it defines the kernel's package anew (so the kernel's statics belong to the
 * slot, as a module's globals belong to a sub-interpreter) and delegates everything else, the kernel API
 * and the runtime's libraries included, to the node's loader.
 */
final class SlotClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader source;
    private final String isolatedPackage;

    /**
     * @param name            for diagnostics, e.g. {@code slot-3}
     * @param source          the loader the kernel's class files are read from (also the parent)
     * @param isolatedPackage the package defined anew, e.g. {@code dev.gridexec.kernels}
     */
    SlotClassLoader(String name, ClassLoader source, String isolatedPackage) {
        super(name, source);
        this.source = source;
        this.isolatedPackage = isolatedPackage;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!isolated(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = findClass(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String path = name.replace('.', '/') + ".class";
        try (InputStream in = source.getResourceAsStream(path)) {
            if (in == null) {
                throw new ClassNotFoundException(name + " (no " + path + " in the kernel's class path)");
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private boolean isolated(String name) {
        int lastDot = name.lastIndexOf('.');
        return lastDot == isolatedPackage.length() && name.startsWith(isolatedPackage);
    }
}

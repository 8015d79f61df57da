package dev.gridexec.catalog;

import dev.gridexec.kernel.api.Kernel;
import java.lang.reflect.InvocationTargetException;

/**
 * A kernel name bound to its implementing class.
 *
 * @param name        the name a task uses
 * @param kernelClass the class, as loaded by the node's own (shared) class loader
 */
@SuppressWarnings("rawtypes")
public record KernelEntry(String name, Class<? extends Kernel> kernelClass) {

    /** A new instance from the shared class loader. */
    public Kernel<Object, Object, Object, Object> newInstance() {
        return instantiate(kernelClass);
    }

    /** A new instance of the same class as defined by {@code loader} (a slot's own loader). */
    public Kernel<Object, Object, Object, Object> newInstance(ClassLoader loader) {
        try {
            return instantiate(Class.forName(kernelClass.getName(), true, loader));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("kernel class " + kernelClass.getName() + " is not visible to " + loader, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Kernel<Object, Object, Object, Object> instantiate(Class<?> type) {
        try {
            return (Kernel<Object, Object, Object, Object>) type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("kernel " + type.getName() + " failed to construct: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("kernel " + type.getName() + " needs a public no-argument constructor and must implement Kernel", e);
        }
    }
}

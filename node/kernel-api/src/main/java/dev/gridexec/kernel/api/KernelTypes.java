package dev.gridexec.kernel.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a kernel class's type arguments {@code <P, I, O, R>}, for the default {@link Kernel#inputType()} and
 * {@link Kernel#outputType()}.
 *
 * <p>The arguments are looked up once per class: on {@code Kernel<...>} where the class (or one of its
 * superclasses or superinterfaces) implements it, with type variables replaced by what subclasses bind them to.
 */
final class KernelTypes {

    /** Index of {@code I} among {@code Kernel<P, I, O, R>}. */
    static final int INPUT = 1;

    /** Index of {@code O} among {@code Kernel<P, I, O, R>}. */
    static final int OUTPUT = 2;

    private static final Type[] NOT_PARAMETERIZED = new Type[0];

    private static final ClassValue<Type[]> ARGUMENTS = new ClassValue<>() {
        @Override
        protected Type[] computeValue(Class<?> type) {
            Type[] arguments = kernelArguments(type, Map.of());
            return arguments == null ? NOT_PARAMETERIZED : arguments;
        }
    };

    private KernelTypes() {
    }

    /**
     * The class that {@code kernelClass} binds {@code Kernel}'s type parameter number {@code index} to.
     *
     * @throws IllegalStateException when it binds no plain class there (a type variable, a generic type, or
     *     the raw {@code Kernel}): then the kernel must override {@code method}
     */
    @SuppressWarnings("unchecked")
    static <T> Class<T> argument(Class<?> kernelClass, int index, String method) {
        Type[] arguments = ARGUMENTS.get(kernelClass);
        if (arguments.length == 0) {
            throw new IllegalStateException(kernelClass.getName() + " does not name the type arguments of Kernel<P, I, O, R>:"
                    + " override " + method + "() to return the class");
        }
        if (!(arguments[index] instanceof Class<?> type)) {
            throw new IllegalStateException("cannot derive " + method + "() of " + kernelClass.getName() + " from its type argument "
                    + arguments[index].getTypeName() + ", which is not a plain class: override " + method + "() to return the class");
        }
        return (Class<T>) type;
    }

    /** {@code Kernel}'s type arguments as {@code type} sees them, {@code bindings} giving its own type variables; null if none. */
    private static Type[] kernelArguments(Type type, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> inside = new HashMap<>();
        if (type instanceof ParameterizedType parameterized) {
            raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = bindings.getOrDefault(arguments[i], arguments[i]);
                inside.put(variables[i], arguments[i]);
            }
            if (raw == Kernel.class) {
                return arguments;
            }
        } else if (type instanceof Class<?> plain) {
            raw = plain;
            if (raw == Kernel.class) {
                return null;
            }
        } else {
            return null;
        }
        for (Type parent : raw.getGenericInterfaces()) {
            Type[] found = kernelArguments(parent, inside);
            if (found != null) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? null : kernelArguments(superclass, inside);
    }
}

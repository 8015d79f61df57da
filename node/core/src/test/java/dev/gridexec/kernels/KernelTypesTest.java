package dev.gridexec.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The promises every built-in kernel makes to the runtime, checked by reflection. */
class KernelTypesTest {

    private static final Set<Class<?>> ALLOWED = Set.of(String.class, Integer.class, Long.class, Double.class, Boolean.class, List.class);

    /** Every kernel with params that name each of its parameters once. */
    static Stream<Arguments> kernels() {
        return Stream.of(
                Arguments.of(PrimesKernel.class, Map.of("limit", 100L, "method", "sieve")),
                Arguments.of(PiKernel.class, Map.of("samples", 100L)),
                Arguments.of(NQueensKernel.class, Map.of("n", 8L)),
                Arguments.of(MandelbrotKernel.class, Map.of("width", 8L, "height", 8L, "maxIterations", 8L,
                        "xMin", new BigDecimal("-2"), "xMax", 1L, "yMin", new BigDecimal("-1.5"), "yMax", new BigDecimal("1.5"), "pixels", true)),
                Arguments.of(MatmulKernel.class, Map.of("n", 8L)),
                Arguments.of(CollatzKernel.class, Map.of("limit", 100L)),
                Arguments.of(SleepKernel.class, Map.of("millis", 0L)),
                Arguments.of(SpinKernel.class, Map.of("iterations", 10L)));
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void kernelIsAPublicFinalClassWithANoArgumentConstructor(Class<?> type, Map<String, ?> params) throws Exception {
        assertThat(Modifier.isPublic(type.getModifiers()) && Modifier.isFinal(type.getModifiers())).isTrue();
        assertThat(type.getConstructor().newInstance()).isInstanceOf(Kernel.class);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void paramsInputOutputAndResultArePlainPublicRecords(Class<?> type, Map<String, ?> params) throws Exception {
        Type[] arguments = kernelTypeArguments(type);
        for (Type argument : arguments) {
            assertThat(argument).isInstanceOf(Class.class);
            assertPlainRecord((Class<?>) argument);
        }
        Kernel<?, ?, ?, ?> kernel = (Kernel<?, ?, ?, ?>) type.getConstructor().newInstance();
        assertThat(kernel.inputType()).isEqualTo(arguments[1]);
        assertThat(kernel.outputType()).isEqualTo(arguments[2]);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void readsExactlyItsDocumentedParams(Class<?> type, Map<String, ?> params) throws Exception {
        Kernel<?, ?, ?, ?> kernel = (Kernel<?, ?, ?, ?>) type.getConstructor().newInstance();
        ParamReader reader = new ParamReader(params);
        kernel.params(reader);
        assertThat(reader.problems()).isEmpty();
        assertThat(reader.unreadNames()).isEmpty();
    }

    private static Type[] kernelTypeArguments(Class<?> type) {
        for (Type implemented : type.getGenericInterfaces()) {
            if (implemented instanceof ParameterizedType parameterized && parameterized.getRawType() == Kernel.class) {
                return parameterized.getActualTypeArguments();
            }
        }
        throw new AssertionError(type + " does not implement Kernel<P, I, O, R>");
    }

    private static void assertPlainRecord(Class<?> type) {
        assertThat(type.isRecord()).as("%s is a record", type).isTrue();
        assertThat(Modifier.isPublic(type.getModifiers())).as("%s is public", type).isTrue();
        assertThat(type.getPackageName()).isEqualTo("dev.gridexec.kernels");
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> componentType = component.getType();
            boolean plain = componentType.isPrimitive()
                    || (componentType.isArray() && componentType.getComponentType().isPrimitive())
                    || ALLOWED.contains(componentType);
            assertThat(plain).as("%s.%s is %s", type.getSimpleName(), component.getName(), componentType).isTrue();
        }
        for (Method method : type.getMethods()) {
            String name = method.getName();
            boolean getter = method.getParameterCount() == 0
                    && (name.startsWith("get") && name.length() > 3 && !name.equals("getClass")
                        || name.startsWith("is") && name.length() > 2);
            assertThat(getter).as("%s has getter-like method %s", type.getSimpleName(), name).isFalse();
        }
    }
}

package dev.gridexec.kernel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The default {@link Kernel#inputType()} and {@link Kernel#outputType()}: read from the kernel's type arguments. */
class KernelDefaultTypesTest {

    record Range(long from, long to) {
    }

    record Count(long count) {
    }

    /** Implements Kernel itself, as most kernels do. */
    public static final class Direct implements Kernel<String, Range, Count, Long> {

        @Override
        public String params(ParamReader params) {
            return "";
        }

        @Override
        public List<Range> split(String params, SplitRequest request) {
            return request.indexed(i -> new Range(i, i + 1));
        }

        @Override
        public Count run(String params, Range input, ChunkContext context) {
            return new Count(input.to() - input.from());
        }

        @Override
        public Long reduce(String params, List<Count> outputs) {
            return (long) outputs.size();
        }
    }

    /** A base that leaves the types to its subclasses; its calls are never made here. */
    abstract static class Base<P, I, O, R> implements Kernel<P, I, O, R> {

        @Override
        public P params(ParamReader params) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<I> split(P params, SplitRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public O run(P params, I input, ChunkContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public R reduce(P params, List<O> outputs) {
            throw new UnsupportedOperationException();
        }
    }

    /** Binds a base's variables in another order than Kernel's. */
    abstract static class Swapped<O, I> extends Base<String, I, O, Long> {
    }

    static final class ThroughSuperclasses extends Swapped<Count, Range> {
    }

    interface Summing<I> extends Kernel<String, I, long[], Long> {
    }

    abstract static class SummingBase<I> extends Base<String, I, long[], Long> implements Summing<I> {
    }

    static final class ThroughAnInterface extends SummingBase<Range> {
    }

    static final class StillGeneric<I> extends Base<String, I, Count, Long> {
    }

    static final class GenericInput extends Base<String, List<Long>, Count, Long> {
    }

    @SuppressWarnings("rawtypes")
    static final class RawBase extends Base {
    }

    @SuppressWarnings("rawtypes")
    static final class Raw implements Kernel {

        @Override
        public Object params(ParamReader params) {
            return "";
        }

        @Override
        public List split(Object params, SplitRequest request) {
            return List.of();
        }

        @Override
        public Object run(Object params, Object input, ChunkContext context) {
            return input;
        }

        @Override
        public Object reduce(Object params, List outputs) {
            return outputs;
        }
    }

    /** A generic kernel told its input class when made. */
    static final class Explicit<I> extends Base<String, I, Count, Long> {

        private final Class<I> inputType;

        Explicit(Class<I> inputType) {
            this.inputType = inputType;
        }

        @Override
        public Class<I> inputType() {
            return inputType;
        }
    }

    @Test
    void aKernelThatImplementsKernelDirectlyGetsItsInputAndOutputClasses() {
        assertThat(new Direct().inputType()).isEqualTo(Range.class);
        assertThat(new Direct().outputType()).isEqualTo(Count.class);
    }

    @Test
    void typeVariablesAreFollowedThroughGenericSuperclasses() {
        assertThat(new ThroughSuperclasses().inputType()).isEqualTo(Range.class);
        assertThat(new ThroughSuperclasses().outputType()).isEqualTo(Count.class);
    }

    @Test
    void typeArgumentsAreFoundThroughSuperinterfacesAndMayBeArrays() {
        assertThat(new ThroughAnInterface().inputType()).isEqualTo(Range.class);
        assertThat(new ThroughAnInterface().outputType()).isEqualTo(long[].class);
    }

    @Test
    void anUnboundTypeVariableAsksTheAuthorToOverride() {
        assertThatThrownBy(() -> new StillGeneric<Range>().inputType())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(StillGeneric.class.getName())
                .hasMessageContaining("override inputType()");
        assertThat(new StillGeneric<Range>().outputType()).isEqualTo(Count.class);
    }

    @Test
    void aGenericTypeArgumentAsksTheAuthorToOverride() {
        assertThatThrownBy(() -> new GenericInput().inputType())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("java.util.List<java.lang.Long>")
                .hasMessageContaining("override inputType()");
    }

    @Test
    void aRawKernelAsksTheAuthorToOverride() {
        assertThatThrownBy(() -> new Raw().inputType())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not name the type arguments")
                .hasMessageContaining("override inputType()");
        assertThatThrownBy(() -> new RawBase().outputType())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("override outputType()");
    }

    @Test
    void anOverrideIsWhatTheRuntimeGets() {
        assertThat(new Explicit<>(Range.class).inputType()).isEqualTo(Range.class);
        assertThat(new Explicit<>(Range.class).outputType()).isEqualTo(Count.class);
    }
}

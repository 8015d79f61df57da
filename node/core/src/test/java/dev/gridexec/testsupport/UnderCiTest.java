package dev.gridexec.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class UnderCiTest {

    @Test
    void aMissingToolSkipsOutsideCi() {
        assertThatThrownBy(() -> UnderCi.require(false, "kubectl is not on the PATH", false))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("kubectl is not on the PATH");
    }

    @Test
    void aMissingToolFailsUnderCi() {
        assertThatThrownBy(() -> UnderCi.require(false, "kubectl is not on the PATH", true))
                .isInstanceOf(AssertionError.class).hasMessageContaining("kubectl is not on the PATH").hasMessageContaining("CI=true");
    }

    @Test
    void aPresentToolGoesOnEitherWay() {
        assertThatCode(() -> UnderCi.require(true, "x", true)).doesNotThrowAnyException();
        assertThatCode(() -> UnderCi.require(true, "x", false)).doesNotThrowAnyException();
    }

    @Test
    void ciIsTrueOrOneAndNothingElse() {
        assertThat(UnderCi.active("true")).isTrue();
        assertThat(UnderCi.active("TRUE")).isTrue();
        assertThat(UnderCi.active("1")).isTrue();
        assertThat(UnderCi.active("false")).isFalse();
        assertThat(UnderCi.active("")).isFalse();
        assertThat(UnderCi.active(null)).isFalse();
    }
}

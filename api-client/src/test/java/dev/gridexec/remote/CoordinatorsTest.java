package dev.gridexec.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a list of coordinator URLs is read from flags and the environment. */
class CoordinatorsTest {

    private static final URI A = URI.create("http://a:8080");
    private static final URI B = URI.create("http://b:8080");
    private static final URI C = URI.create("https://c");

    @Test
    void commaSeparatedAndRepeatedValuesKeepTheirOrder() {
        assertThat(Coordinators.parse("http://a:8080,http://b:8080").urls()).containsExactly(A, B);
        assertThat(Coordinators.parse(List.of("http://a:8080", "http://b:8080/,https://c")).urls()).containsExactly(A, B, C);
    }

    @Test
    void blanksAroundCommasAndEmptyItemsAreIgnoredAndDuplicatesDropped() {
        assertThat(Coordinators.parse(" http://a:8080 , ,http://b:8080,http://a:8080/ ,").urls()).containsExactly(A, B);
    }

    @Test
    void aBadUrlInAListIsNamedInTheError() {
        assertThatIllegalArgumentException().isThrownBy(() -> Coordinators.parse("http://a:8080,localhost:8080"))
                .withMessageContaining("'localhost:8080'").withMessageContaining("did you mean http://localhost:8080");
        assertThatIllegalArgumentException().isThrownBy(() -> Coordinators.parse(List.of("http://a:8080", "ftp://b:21")))
                .withMessageContaining("'ftp://b:21'").withMessageContaining("http or https");
    }

    @Test
    void aListWithoutAnyUrlIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Coordinators.parse(" , ")).withMessage("no coordinator URL in ' , '");
    }

    @Test
    void flagsWinOverTheEnvironmentWhichMayHoldAList() {
        assertThat(Coordinators.fromFlagsOrEnvironment(List.of("http://a:8080"), "http://b:8080")).contains(Coordinators.of(A));
        assertThat(Coordinators.fromFlagsOrEnvironment(List.of(), "http://a:8080,http://b:8080").orElseThrow().urls())
                .containsExactly(A, B);
        assertThat(Coordinators.fromFlagsOrEnvironment(List.of(), " ")).isEmpty();
        assertThat(Coordinators.fromFlagsOrEnvironment(null, null)).isEmpty();
    }

    @Test
    void printsAsTheCommaSeparatedListTheOptionTakes() {
        Coordinators both = new Coordinators(List.of(A, B));
        assertThat(both.toString()).isEqualTo("http://a:8080,http://b:8080");
        assertThat(Coordinators.parse(both.toString())).isEqualTo(both);
    }
}

package dev.gridexec.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiTokenTest {

    private static final String SECRET = "0123456789abcdef-secret";

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "fifteen-chars!!", "sixteen chars ok", "sixteen\tchars-ok", "sixteen-chars-é-no"})
    void emptyShortOrNonAsciiTokensAreRejectedWithoutQuotingThem(String secret) {
        assertThatIllegalArgumentException().isThrownBy(() -> ApiToken.of(secret))
                .satisfies(e -> {
                    assertThat(e.getMessage()).isNotBlank();
                    if (!secret.isEmpty()) {
                        assertThat(e.getMessage()).doesNotContain(secret);
                    }
                });
    }

    @Test
    void sixteenPrintableCharactersAreEnough() {
        assertThat(ApiToken.of("0123456789abcdef").check("Bearer 0123456789abcdef")).isEqualTo(ApiToken.Check.ADMITTED);
    }

    @Test
    void headersAreCheckedAsBearerAndTheToken() {
        ApiToken token = ApiToken.of(SECRET);

        assertThat(token.check(null)).isEqualTo(ApiToken.Check.MISSING);
        assertThat(token.check("Bearer " + SECRET)).isEqualTo(ApiToken.Check.ADMITTED);
        assertThat(token.check("bearer  " + SECRET + " ")).isEqualTo(ApiToken.Check.ADMITTED);
        assertThat(token.check("Bearer " + SECRET + "0")).isEqualTo(ApiToken.Check.WRONG);
        assertThat(token.check("Bearer " + SECRET.substring(1))).isEqualTo(ApiToken.Check.WRONG);
        assertThat(token.check("Bearer x")).isEqualTo(ApiToken.Check.WRONG);
        assertThat(token.check(SECRET)).isEqualTo(ApiToken.Check.MALFORMED);
        assertThat(token.check("Basic " + SECRET)).isEqualTo(ApiToken.Check.MALFORMED);
        assertThat(token.check("Bearer")).isEqualTo(ApiToken.Check.MALFORMED);
        assertThat(token.check("Bearer ")).isEqualTo(ApiToken.Check.MALFORMED);
        assertThat(token.check("Bearer " + SECRET + " " + SECRET)).isEqualTo(ApiToken.Check.MALFORMED);
        assertThat(token.check("")).isEqualTo(ApiToken.Check.MALFORMED);
    }

    @Test
    void toStringNeverShowsTheToken() {
        assertThat(ApiToken.of(SECRET).toString()).doesNotContain(SECRET).isEqualTo("ApiToken[redacted]");
    }

    @Test
    void tokensAreEqualWhenTheirSecretsAre() {
        assertThat(ApiToken.of(SECRET)).isEqualTo(ApiToken.of(SECRET)).hasSameHashCodeAs(ApiToken.of(SECRET))
                .isNotEqualTo(ApiToken.of(SECRET + "x"));
    }
}

package dev.gridexec.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ApiSettingsTest {

    @Test
    void defaultsAreLoopbackEphemeralPortAndOneMebibyte() {
        ApiSettings settings = ApiSettings.defaults();

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isZero();
        assertThat(settings.maxBodyBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void withersChangeOneField() {
        ApiSettings settings = ApiSettings.defaults().withPort(8080).withMaxBodyBytes(10);

        assertThat(settings).isEqualTo(new ApiSettings("127.0.0.1", 8080, 10));
    }

    @Test
    void noTokenByDefaultAndWithersKeepTheToken() {
        ApiToken token = ApiToken.of("0123456789abcdef-secret");

        assertThat(ApiSettings.defaults().token()).isEmpty();
        ApiSettings settings = ApiSettings.defaults().withToken(token).withPort(8080).withMaxBodyBytes(10);

        assertThat(settings.token()).contains(token);
        assertThat(settings).isEqualTo(new ApiSettings("127.0.0.1", 8080, 10, java.util.Optional.of(token)));
    }

    @Test
    void toStringSaysWhetherATokenIsSetButNeverWhich() {
        ApiSettings settings = ApiSettings.defaults().withToken(ApiToken.of("0123456789abcdef-secret"));

        assertThat(settings.toString()).doesNotContain("0123456789abcdef-secret").contains("token=(set)", "host=127.0.0.1");
        assertThat(ApiSettings.defaults().toString()).contains("token=(none)");
    }

    @Test
    void invalidValuesAreRejectedNamingTheField() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiSettings(" ", 0, 1)).withMessageContaining("host");
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiSettings(null, 0, 1)).withMessageContaining("host");
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiSettings("127.0.0.1", -1, 1)).withMessageContaining("port");
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiSettings("127.0.0.1", 65_536, 1)).withMessageContaining("port");
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiSettings("127.0.0.1", 0, 0)).withMessageContaining("maxBodyBytes");
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiSettings("127.0.0.1", 0, (1L << 30) + 1))
                .withMessageContaining("maxBodyBytes");
    }
}

package dev.haneul.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.net.EndpointMode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HaneulConfigTest {

    private static final Path HOME = Path.of("/home/ha");

    @Test
    void defaults() {
        HaneulConfig config = HaneulConfig.fromEnvironment(Map.of(), HOME);
        assertThat(config.port()).isEqualTo(4566);
        assertThat(config.dataDir()).isEqualTo(HOME.resolve(".haneul"));
        assertThat(config.cacheDir()).isEqualTo(HOME.resolve(".cache/haneul"));
        assertThat(config.addressRange().toString()).isEqualTo("127.10.0.0/16");
        assertThat(config.endpointMode()).isEqualTo(EndpointMode.ADDRESSES);
        assertThat(config.auth()).isEqualTo(AuthMode.NONE);
        assertThat(config.credentials()).containsExactly(Map.entry("test", "test"));
        assertThat(config.stateDir()).isEqualTo(HOME.resolve(".haneul/state"));
        assertThat(config.allowedHosts()).isEmpty();
    }

    @Test
    void allowedHostsAreLowerCasedNamesOrWildcards() {
        HaneulConfig config = HaneulConfig.fromEnvironment(Map.of("HANEUL_ALLOWED_HOSTS", " Dev.Example, *.lab.example ,"),
                HOME);
        assertThat(config.allowedHosts()).containsExactly("dev.example", "*.lab.example");
        assertThatThrownBy(() -> HaneulConfig.fromEnvironment(Map.of("HANEUL_ALLOWED_HOSTS", "evil.example:80"), HOME))
                .hasMessageStartingWith("HANEUL_ALLOWED_HOSTS: evil.example:80");
        assertThatThrownBy(() -> HaneulConfig.fromEnvironment(Map.of("HANEUL_ALLOWED_HOSTS", "*"), HOME))
                .hasMessageStartingWith("HANEUL_ALLOWED_HOSTS: *");
    }

    @Test
    void everySettingComesFromItsVariable() {
        HaneulConfig config = HaneulConfig.fromEnvironment(Map.of(
                "HANEUL_PORT", "4600", "HANEUL_DATA_DIR", "/data", "HANEUL_ENDPOINT_MODE", "Ports",
                "HANEUL_AUTH", "sigv4", "HANEUL_CREDENTIALS", "AK1:s1, AK2:s2",
                "HANEUL_ADDRESS_RANGE", "127.55.0.0/16"), HOME);
        assertThat(config.port()).isEqualTo(4600);
        assertThat(config.dataDir()).isEqualTo(Path.of("/data"));
        assertThat(config.endpointMode()).isEqualTo(EndpointMode.PORTS);
        assertThat(config.auth()).isEqualTo(AuthMode.SIGV4);
        assertThat(config.credentials()).containsEntry("AK1", "s1").containsEntry("AK2", "s2");
        assertThat(config.addressRange().toString()).isEqualTo("127.55.0.0/16");
    }

    @Test
    void badValuesNameTheirVariable() {
        assertThatThrownBy(() -> HaneulConfig.fromEnvironment(Map.of("HANEUL_PORT", "http"), HOME))
                .hasMessageStartingWith("HANEUL_PORT");
        assertThatThrownBy(() -> HaneulConfig.fromEnvironment(Map.of("HANEUL_PORT", "70000"), HOME))
                .hasMessageStartingWith("HANEUL_PORT");
        assertThatThrownBy(() -> HaneulConfig.fromEnvironment(Map.of("HANEUL_AUTH", "iam-ish"), HOME))
                .hasMessage("HANEUL_AUTH: iam-ish (expected: none | sigv4 | iam)");
        assertThatThrownBy(() -> HaneulConfig.fromEnvironment(Map.of("HANEUL_ADDRESS_RANGE", "10.0.0.0/8"), HOME))
                .hasMessageStartingWith("HANEUL_ADDRESS_RANGE");
        assertThatThrownBy(() -> HaneulConfig.fromEnvironment(Map.of("HANEUL_CREDENTIALS", "nosecret"), HOME))
                .hasMessageStartingWith("HANEUL_CREDENTIALS");
    }
}

package dev.hopper.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class RegistryClientConfigTest {

  @Test
  void shouldReadCommaSeparatedUrlsAndDefaults() {
    RegistryClientConfig config =
        RegistryClientConfig.from(
            Map.of("schema.registry.url", " http://a:8081/ ,https://b.example.com:443/sr"));

    assertThat(config.urls())
        .containsExactly(URI.create("http://a:8081"), URI.create("https://b.example.com:443/sr"));
    assertThat(config.authorization()).isEmpty();
    assertThat(config.maxRetries()).isEqualTo(3);
    assertThat(config.retryWait()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.retryMaxWait()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void shouldTakeCredentialsFromTheUrlByDefaultAndStripThem() {
    RegistryClientConfig config =
        RegistryClientConfig.from(Map.of("schema.registry.url", "http://fred:pw@registry:8081"));

    assertThat(config.urls()).containsExactly(URI.create("http://registry:8081"));
    assertThat(config.authorization()).contains("Basic ZnJlZDpwdw==");
  }

  @Test
  void shouldReadUserInfoWithOrWithoutThePrefix() {
    assertThat(
            RegistryClientConfig.from(
                    Map.of(
                        "schema.registry.url", "http://r:8081",
                        "basic.auth.credentials.source", "USER_INFO",
                        "schema.registry.basic.auth.user.info", new Password("fred:pw")))
                .authorization())
        .contains("Basic ZnJlZDpwdw==");
  }

  @Test
  void shouldInheritSaslCredentials() {
    assertThat(
            RegistryClientConfig.from(
                    Map.of(
                        "schema.registry.url", "http://r:8081",
                        "basic.auth.credentials.source", "SASL_INHERIT",
                        "sasl.jaas.config",
                            "org.apache.kafka.common.security.plain.PlainLoginModule required"
                                + " username=\"fred\" password=\"pw\";"))
                .authorization())
        .contains("Basic ZnJlZDpwdw==");
  }

  @Test
  void shouldSendAStaticBearerToken() {
    assertThat(
            RegistryClientConfig.from(
                    Map.of(
                        "schema.registry.url", "http://r:8081",
                        "bearer.auth.credentials.source", "STATIC_TOKEN",
                        "bearer.auth.token", "abc"))
                .authorization())
        .contains("Bearer abc");
  }

  @Test
  void shouldRefuseBadSettingsWithTheKeyInTheMessage() {
    assertThatThrownBy(() -> RegistryClientConfig.from(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url");
    assertThatThrownBy(() -> RegistryClientConfig.from(Map.of("schema.registry.url", "ftp://x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http(s)://host:port");
    assertThatThrownBy(
            () ->
                RegistryClientConfig.from(
                    Map.of("schema.registry.url", "http://r:1", "max.retries", "many")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("max.retries");
    assertThatThrownBy(
            () ->
                RegistryClientConfig.from(
                    Map.of(
                        "schema.registry.url", "http://r:1",
                        "basic.auth.credentials.source", "USER_INFO")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("basic.auth.user.info");
  }
}

package dev.hopper.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopper.config.ConfigException;
import dev.hopper.config.LayeredConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestSettingsTest {

  private static StreamsSettings settings(Map<String, String> env, Map<String, String> flags) {
    return StreamsSettings.from(
        LayeredConfig.builder()
            .defaults(StreamsSettings.defaults())
            .environment(env)
            .flags(flags)
            .build());
  }

  private static RestSettings rest(Map<String, String> flags) {
    return settings(Map.of(), flags).rest();
  }

  @Test
  void shouldBindLoopbackOnPort7070WithoutTokenByDefault() {
    RestSettings r = rest(Map.of());
    assertThat(r.host()).isEqualTo("127.0.0.1");
    assertThat(r.port()).isEqualTo(7070);
    assertThat(r.token()).isEmpty();
    assertThat(r.applicationServer()).isEmpty();
    assertThat(r.maxWindows()).isEqualTo(1440);
    assertThat(r.maxSpan()).isEqualTo(Duration.ofDays(31));
    assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(r.advertised(7070)).isEqualTo("127.0.0.1:7070");
  }

  @Test
  void shouldReadEveryKeyFromTheEnvironmentAndFlags() {
    StreamsSettings s =
        settings(
            Map.of(
                "HOPPER_REST_HOST", "0.0.0.0",
                "HOPPER_REST_PORT", "0",
                "HOPPER_APPLICATION_SERVER", "streams-2:7071"),
            Map.of(
                "hopper.rest.token", "0123456789abcdef0123",
                "hopper.rest.max.windows", "100",
                "hopper.rest.max.span", "7d",
                "hopper.rest.forward.timeout", "2s",
                "hopper.rest.retry.after", "3s"));
    RestSettings r = s.rest();
    assertThat(r.host()).isEqualTo("0.0.0.0");
    assertThat(r.port()).isZero();
    assertThat(r.token()).contains("0123456789abcdef0123");
    assertThat(r.applicationServer()).contains("streams-2:7071");
    assertThat(r.maxWindows()).isEqualTo(100);
    assertThat(r.maxSpan()).isEqualTo(Duration.ofDays(7));
    assertThat(r.forwardTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(r.advertised(45678)).as("the configured address wins").isEqualTo("streams-2:7071");
    assertThat(s.streamsProperties()).doesNotContainKeys("hopper.rest.token", "hopper.rest.port");
  }

  @Test
  void shouldAdvertiseTheBoundPortAndNeverTheWildcardAddress() {
    assertThat(rest(Map.of("hopper.rest.port", "0")).advertised(41234))
        .isEqualTo("127.0.0.1:41234");
    assertThat(rest(Map.of("hopper.rest.host", "0.0.0.0")).advertised(7070))
        .isEqualTo("localhost:7070");
  }

  @Test
  void shouldHonourKafkaStreamsOwnApplicationServerKey() {
    assertThat(rest(Map.of("application.server", "10.0.0.5:7070")).applicationServer())
        .contains("10.0.0.5:7070");
  }

  @Test
  void shouldPutTheAdvertisedAddressIntoTheStreamsProperties() {
    StreamsSettings s = settings(Map.of(), Map.of()).withApplicationServer("127.0.0.1:40001");
    assertThat(s.streamsProperties()).containsEntry("application.server", "127.0.0.1:40001");
  }

  @Test
  void shouldFailFastNamingTheKey() {
    assertThatThrownBy(() -> rest(Map.of("hopper.rest.port", "70000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("hopper.rest.port");
    assertThatThrownBy(() -> rest(Map.of("hopper.rest.host", "local host")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("hopper.rest.host");
    assertThatThrownBy(() -> rest(Map.of("hopper.rest.token", "short")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("hopper.rest.token")
        .hasMessageNotContaining("short");
    assertThatThrownBy(() -> rest(Map.of("hopper.application.server", "no-port")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("hopper.application.server")
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> rest(Map.of("hopper.application.server", "h:0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("between 1 and 65535");
    assertThatThrownBy(() -> rest(Map.of("hopper.rest.max.windows", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("hopper.rest.max.windows");
    assertThatThrownBy(() -> rest(Map.of("hopper.rest.max.span", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("hopper.rest.max.span");
    assertThatThrownBy(() -> rest(Map.of("hopper.rest.retry.after", "500ms")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("hopper.rest.retry.after");
  }
}

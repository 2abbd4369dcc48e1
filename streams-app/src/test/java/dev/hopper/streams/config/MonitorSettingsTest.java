package dev.hopper.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopper.config.ConfigException;
import dev.hopper.config.LayeredConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitorSettingsTest {

  private static MonitorSettings monitor(Map<String, String> env, Map<String, String> flags) {
    return StreamsSettings.from(
            LayeredConfig.builder()
                .defaults(StreamsSettings.defaults())
                .environment(env)
                .flags(flags)
                .build())
        .monitor();
  }

  @Test
  void shouldSampleEveryFiveSecondsOverAMinuteWithoutConnectByDefault() {
    MonitorSettings m = monitor(Map.of(), Map.of());
    assertThat(m.connectUrl()).isEmpty();
    assertThat(m.sampleInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(m.rateWindow()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void shouldTakeTheConnectUrlFromTheEnvironmentAsTheLauncherDoes() {
    MonitorSettings m = monitor(Map.of("HOPPER_CONNECT_URL", "http://connect:8083"), Map.of());
    assertThat(m.connectUrl()).contains("http://connect:8083");
  }

  @Test
  void shouldRejectBadValuesNamingTheKey() {
    assertThatThrownBy(() -> monitor(Map.of(), Map.of("hopper.connect.url", "connect:8083")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("hopper.connect.url");
    assertThatThrownBy(() -> monitor(Map.of(), Map.of("hopper.monitor.sample.interval", "10ms")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("hopper.monitor.sample.interval");
    assertThatThrownBy(
            () ->
                monitor(
                    Map.of(),
                    Map.of(
                        "hopper.monitor.sample.interval",
                        "30s",
                        "hopper.monitor.rate.window",
                        "40s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("hopper.monitor.rate.window");
  }
}

package dev.hopper.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopper.config.ConfigException;
import dev.hopper.config.LayeredConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

  private static StreamsSettings settings(Map<String, String> flags) {
    return settings(Map.of(), flags);
  }

  private static StreamsSettings settings(Map<String, String> env, Map<String, String> flags) {
    return StreamsSettings.from(
        LayeredConfig.builder()
            .defaults(StreamsSettings.defaults())
            .environment(env)
            .flags(flags)
            .build());
  }

  @Test
  void shouldDefaultToExactlyOnceAndSpecWindows() {
    StreamsSettings s = settings(Map.of());
    assertThat(s.streamsProperties())
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("application.id", "hopper-streams")
        .doesNotContainKey("hopper.sales.window");
    assertThat(s.topology().candleIntervals())
        .extracting(i -> i.label(), i -> i.retention())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1m", Duration.ofHours(24)),
            org.assertj.core.groups.Tuple.tuple("5m", Duration.ofDays(7)),
            org.assertj.core.groups.Tuple.tuple("1h", Duration.ofDays(30)));
    assertThat(s.topology().candleGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.topology().salesGrace()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.topology().paymentWindow()).isEqualTo(Duration.ofMinutes(15));
    assertThat(s.rocksDbMemoryBytes()).isEqualTo(256L << 20);
  }

  @Test
  void shouldPassUnknownKafkaKeysThroughAndMapEnvironment() {
    StreamsSettings s =
        settings(
            Map.of("KAFKA_SASL_MECHANISM", "PLAIN", "HOPPER_CANDLES_INTERVALS", "1m,15m"),
            Map.of("security.protocol", "SASL_SSL", "num.stream.threads", "4"));
    assertThat(s.streamsProperties())
        .containsEntry("sasl.mechanism", "PLAIN")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("num.stream.threads", "4");
    assertThat(s.topology().candleIntervals())
        .extracting(i -> i.label(), i -> i.retention())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1m", Duration.ofHours(24)),
            org.assertj.core.groups.Tuple.tuple("15m", Duration.ofDays(7)));
  }

  @Test
  void shouldTakeTheStateDirectoryFromHopperStateDir() {
    assertThat(settings(Map.of()).streamsProperties()).containsEntry("state.dir", "data/streams");
    assertThat(
            settings(Map.of("HOPPER_STATE_DIR", "/var/lib/hopper/state"), Map.of())
                .streamsProperties())
        .containsEntry("state.dir", "/var/lib/hopper/state");
    assertThat(
            settings(Map.of("KAFKA_STATE_DIR", "/k"), Map.of("hopper.state.dir", "/h"))
                .streamsProperties())
        .containsEntry("state.dir", "/h");
  }

  @Test
  void shouldFailFastNamingTheKey() {
    assertThatThrownBy(() -> settings(Map.of("processing.guarantee", "exactly_once")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("processing.guarantee");
    assertThatThrownBy(() -> settings(Map.of("num.stream.threads", "0")))
        .hasMessageContaining("num.stream.threads");
    assertThatThrownBy(() -> settings(Map.of("hopper.sales.grace", "soon")))
        .hasMessageContaining("hopper.sales.grace")
        .hasMessageContaining("duration");
    assertThatThrownBy(() -> settings(Map.of("hopper.moves.threshold.pct", "-1")))
        .hasMessageContaining("hopper.moves.threshold.pct");
    assertThatThrownBy(() -> settings(Map.of("hopper.candles.intervals", " , ")))
        .hasMessageContaining("hopper.candles.intervals");
  }

  @Test
  void shouldParseDurations() {
    assertThat(Durations.parse("k", "250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("k", "30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("k", "7d")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("k", "1500")).isEqualTo(Duration.ofMillis(1500));
    assertThatThrownBy(() -> Durations.parse("k", "-5s")).hasMessageContaining("k");
  }

  @Test
  void shouldUseRealPartitionCountsWhenGiven() {
    StreamsSettings s = settings(Map.of()).withPartitions(6, 4);
    assertThat(s.topology().ordersPartitions()).isEqualTo(6);
    assertThat(s.topology().productsPartitions()).isEqualTo(4);
  }
}

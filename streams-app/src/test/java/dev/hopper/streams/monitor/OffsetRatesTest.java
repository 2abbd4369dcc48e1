package dev.hopper.streams.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OffsetRatesTest {
  private final OffsetRates rates = new OffsetRates(Duration.ofMinutes(1));

  @Test
  void shouldHaveNoRateBeforeTwoSamples() {
    assertThat(rates.rate("t")).isNull();
    rates.add(0, Map.of("t", 100L));
    assertThat(rates.rate("t")).isNull();
  }

  @Test
  void shouldMeasureTheGrowthOverTheSpanSampledSoFar() {
    rates.add(0, Map.of("t", 100L));
    rates.add(5_000, Map.of("t", 150L));

    OffsetRates.Rate r = rates.rate("t");

    assertThat(r.perSecond()).isCloseTo(10.0, within(1e-9));
    assertThat(r.spanSeconds()).isCloseTo(5.0, within(1e-9));
  }

  @Test
  void shouldMeasureOverTheLastWindowOnlyAndKeepBoundedMemory() {
    // 10 offsets/s for 10 minutes, then 100 offsets/s for the last minute.
    long offset = 0;
    for (long t = 0; t <= 600_000; t += 5_000) {
      offset = t / 100; // 10 per second
      rates.add(t, Map.of("t", offset));
    }
    for (long t = 605_000; t <= 660_000; t += 5_000) {
      offset += 500;
      rates.add(t, Map.of("t", offset));
    }

    OffsetRates.Rate r = rates.rate("t");

    assertThat(r.spanSeconds()).isCloseTo(60.0, within(1e-9));
    assertThat(r.perSecond()).isCloseTo(100.0, within(1e-9));
    assertThat(rates.size()).isLessThanOrEqualTo(14);
  }

  @Test
  void shouldGiveNoRateWhenOffsetsWentBackBecauseTheTopicWasRecreated() {
    rates.add(0, Map.of("t", 1_000L));
    rates.add(5_000, Map.of("t", 10L));

    assertThat(rates.rate("t")).isNull();
  }

  @Test
  void shouldMeasureANewTopicFromItsFirstSample() {
    rates.add(0, Map.of("a", 0L));
    rates.add(5_000, Map.of("a", 0L, "b", 0L));
    rates.add(10_000, Map.of("a", 0L, "b", 20L));

    assertThat(rates.rate("a").perSecond()).isZero();
    assertThat(rates.rate("b").perSecond()).isCloseTo(4.0, within(1e-9));
    assertThat(rates.rate("missing")).isNull();
  }

  @Test
  void shouldIgnoreASampleThatDoesNotMoveTimeForward() {
    rates.add(5_000, Map.of("t", 10L));
    rates.add(5_000, Map.of("t", 99L));
    rates.add(1_000, Map.of("t", 99L));

    assertThat(rates.size()).isEqualTo(1);
  }
}

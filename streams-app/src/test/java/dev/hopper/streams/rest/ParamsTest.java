package dev.hopper.streams.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopper.config.LayeredConfig;
import dev.hopper.streams.config.RestSettings;
import dev.hopper.streams.config.StreamsSettings;
import dev.hopper.streams.query.TimeRange;
import dev.hopper.streams.topology.TopologySettings;
import dev.hopper.streams.topology.TopologySettings.CandleInterval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ParamsTest {
  private static final Instant NOW = Instant.parse("2024-11-21T10:15:42.500Z");
  private static final List<CandleInterval> INTERVALS =
      TopologySettings.defaults(1, 1).candleIntervals();

  private static RestSettings caps(Map<String, String> flags) {
    return StreamsSettings.from(
            LayeredConfig.builder().defaults(StreamsSettings.defaults()).flags(flags).build())
        .rest();
  }

  private static void assertBadRequest(ThrowingCallable call, String... messageParts) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).contains(messageParts);
            });
  }

  @Test
  void shouldParseIsoInstantsOffsetsDatesAndEpochMillis() {
    Instant t = Instant.parse("2024-11-21T00:00:00Z");
    assertThat(Params.parseTime("from", "2024-11-21T00:00:00Z")).isEqualTo(t);
    assertThat(Params.parseTime("from", "2024-11-21T01:00:00+01:00")).isEqualTo(t);
    assertThat(Params.parseTime("from", "2024-11-21T00:00:00.000Z")).isEqualTo(t);
    assertThat(Params.parseTime("from", "2024-11-21")).isEqualTo(t);
    assertThat(Params.parseTime("from", "1732147200000")).isEqualTo(t);
    assertThat(Params.parseTime("from", " 1732147200000 ")).isEqualTo(t);
    assertThat(Params.parseTime("from", "0")).isEqualTo(Instant.EPOCH);
  }

  @Test
  void shouldRefuseMalformedOrImplausibleTimesNamingTheParameter() {
    for (String bad :
        List.of(
            "yesterday",
            "2024-13-01",
            "2024-11-21T00:00:00",
            "-5",
            "1e12",
            "99999999999999999999",
            "2024-11-21T25:00:00Z",
            "1732147200000ms")) {
      assertBadRequest(() -> Params.parseTime("to", bad), "parameter to");
    }
    assertBadRequest(() -> Params.parseTime("from", "1969-12-31T23:59:59Z"), "between 1970");
    assertBadRequest(
        () -> Params.parseTime("from", "999999999999999"), "between 1970 and the end of 9999");
  }

  @Test
  void shouldNormaliseCoinsAndCurrencies() {
    assertThat(Params.coin("Bitcoin")).isEqualTo("bitcoin");
    assertThat(Params.coin("usd-coin")).isEqualTo("usd-coin");
    assertThat(Params.currency("USD")).isEqualTo("usd");
    assertBadRequest(() -> Params.coin("bit:coin"), "not a coin id");
    assertBadRequest(() -> Params.coin(""), "not a coin id");
    assertBadRequest(() -> Params.coin("-x"), "not a coin id");
    assertBadRequest(() -> Params.coin("a".repeat(101)), "not a coin id");
    assertBadRequest(() -> Params.currency("u"), "parameter vs");
    assertBadRequest(() -> Params.currency("us1"), "parameter vs");
  }

  @Test
  void shouldAcceptPrintableIdsAndRefuseControlCharacters() {
    assertThat(Params.category("Home & Kitchen")).isEqualTo("Home & Kitchen");
    assertThat(Params.customerId("C-00042")).isEqualTo("C-00042");
    assertThat(Params.category("Épicerie 🍎")).isEqualTo("Épicerie 🍎");
    assertBadRequest(() -> Params.category(" "), "must not be empty");
    assertBadRequest(() -> Params.customerId("a\u0000b"), "control");
    assertBadRequest(() -> Params.customerId("x".repeat(101)), "longer than 100");
    assertBadRequest(() -> Params.category("bad\ud800"), "invalid character");
  }

  @Test
  void shouldRefuseUnknownAndRepeatedParameters() {
    assertBadRequest(
        () -> Params.of(Map.of("intervall", List.of("5m")), Set.of("interval", "from")),
        "unknown parameter 'intervall'",
        "accepted: from, interval");
    assertBadRequest(
        () -> Params.of(Map.of("vs", List.of("usd", "eur")), Set.of("vs")), "more than once");
    assertBadRequest(() -> Params.of(Map.of("x", List.of("1")), Set.of()), "takes no parameters");
  }

  @Test
  void shouldDefaultVsToUsdAndParseAllowStaleStrictly() {
    Params none = Params.of(Map.of(), Set.of("vs", "allowStale"));
    assertThat(none.vs()).isEqualTo("usd");
    assertThat(none.allowStale()).isFalse();
    Params given =
        Params.of(
            Map.of("vs", List.of("INR"), "allowStale", List.of("TRUE")),
            Set.of("vs", "allowStale"));
    assertThat(given.vs()).isEqualTo("inr");
    assertThat(given.allowStale()).isTrue();
    assertBadRequest(
        () -> Params.of(Map.of("allowStale", List.of("yes")), Set.of("allowStale")).allowStale(),
        "allowStale must be true or false");
  }

  @Test
  void shouldResolveCandleIntervalsAgainstTheConfiguredOnes() {
    assertThat(Params.candleInterval(Optional.empty(), INTERVALS).label()).isEqualTo("1m");
    assertThat(Params.candleInterval(Optional.of("1H"), INTERVALS).label()).isEqualTo("1h");
    assertBadRequest(
        () -> Params.candleInterval(Optional.of("2m"), INTERVALS),
        "must be one of 1m, 5m, 1h",
        "'2m'");
    assertThat(Params.salesInterval(Optional.empty(), Duration.ofMinutes(1))).isEqualTo("1m");
    assertBadRequest(
        () -> Params.salesInterval(Optional.of("5m"), Duration.ofMinutes(1)), "must be 1m");
  }

  @Test
  void shouldDefaultToTheLastSixtyWindowsEndingNow() {
    TimeRange r =
        Params.range(
            Optional.empty(), Optional.empty(), Duration.ofMinutes(1), NOW, caps(Map.of()));
    assertThat(r.to()).isEqualTo(Instant.parse("2024-11-21T10:15:00Z"));
    assertThat(r.from()).isEqualTo(Instant.parse("2024-11-21T09:16:00Z"));
  }

  @Test
  void shouldAlignFromDownToItsWindowSoItsWindowIsIncluded() {
    TimeRange r =
        Params.range(
            Optional.of(Instant.parse("2024-11-21T10:07:30Z")),
            Optional.of(Instant.parse("2024-11-21T10:20:00Z")),
            Duration.ofMinutes(5),
            NOW,
            caps(Map.of()));
    assertThat(r.from()).isEqualTo(Instant.parse("2024-11-21T10:05:00Z"));
    assertThat(r.to()).isEqualTo(Instant.parse("2024-11-21T10:20:00Z"));
  }

  @Test
  void shouldRefuseInvertedRanges() {
    assertBadRequest(
        () ->
            Params.range(
                Optional.of(NOW),
                Optional.of(NOW.minusSeconds(1)),
                Duration.ofMinutes(1),
                NOW,
                caps(Map.of())),
        "must not be after");
  }

  @Test
  void shouldRefuseRangesOverTheCapsNamingTheCap() {
    RestSettings caps = caps(Map.of("hopper.rest.max.windows", "10"));
    // 11 windows of 1m: one too many
    assertThatThrownBy(
            () ->
                Params.range(
                    Optional.of(NOW.minus(Duration.ofMinutes(10))),
                    Optional.of(NOW),
                    Duration.ofMinutes(1),
                    NOW,
                    caps))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.error()).isEqualTo("range_too_large");
              assertThat(e.getMessage())
                  .contains("11 windows", "cap of 10", "hopper.rest.max.windows");
            });
    // exactly 10 windows is fine
    TimeRange ten =
        Params.range(
            Optional.of(NOW.minus(Duration.ofMinutes(9))),
            Optional.of(NOW),
            Duration.ofMinutes(1),
            NOW,
            caps);
    assertThat(Duration.between(ten.from(), ten.to())).isEqualTo(Duration.ofMinutes(9));
    // the default shrinks to the cap instead of failing
    TimeRange defaulted =
        Params.range(Optional.empty(), Optional.empty(), Duration.ofMinutes(1), NOW, caps);
    assertThat(Duration.between(defaulted.from(), defaulted.to())).isEqualTo(Duration.ofMinutes(9));

    assertBadRequest(
        () ->
            Params.range(
                Optional.of(Instant.parse("2024-01-01T00:00:00Z")),
                Optional.of(NOW),
                Duration.ofHours(1),
                NOW,
                caps(Map.of())),
        "cap of 31d",
        "hopper.rest.max.span");
  }

  @Test
  void shouldDescribeDurationsForPeople() {
    assertThat(Params.human(Duration.ofSeconds(42))).isEqualTo("42s");
    assertThat(Params.human(Duration.ofDays(40).plusHours(2).plusMinutes(5).plusMillis(7)))
        .isEqualTo("40d 2h 5m");
  }

  @Test
  void shouldTruncateAndCleanValuesEchoedInMessages() {
    assertThat(Params.printable("a\nb")).isEqualTo("a?b");
    assertThat(Params.printable("x".repeat(100))).hasSize(63).endsWith("...");
  }
}

package dev.hopper.producers.quotes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.QuoteSource;
import dev.hopper.config.LayeredConfig;
import dev.hopper.producers.coingecko.CoinGeckoClient;
import dev.hopper.producers.coingecko.CoinGeckoSettings;
import dev.hopper.producers.coingecko.MarketsResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuoteFeedsTest {

  private static final Instant T0 = Instant.parse("2026-01-10T08:00:00Z");

  private static List<List<CoinQuote>> drain(QuoteFeed feed) throws InterruptedException {
    List<List<CoinQuote>> batches = new ArrayList<>();
    Optional<List<CoinQuote>> b;
    while ((b = feed.next()).isPresent()) {
      batches.add(b.get());
    }
    return batches;
  }

  @Test
  void shouldLabelTheBundledRecordingSyntheticAndHoldBitcoinInUsdAndInr() throws Exception {
    try (Recording.Reader reader = Recording.bundled()) {
      Recording.Entry first = reader.next().orElseThrow();

      assertThat(reader.synthetic()).isTrue();
      assertThat(first.body().get(0).fieldNames())
          .toIterable()
          .contains(
              "id",
              "symbol",
              "current_price",
              "market_cap",
              "total_volume",
              "high_24h",
              "low_24h",
              "price_change_percentage_24h",
              "last_updated",
              "ath_date",
              "roi");
    }
    Collection<CoinQuote> seeds = SimulatedQuoteFeed.bundledSeeds();
    assertThat(seeds.stream().map(QuoteKeys::key)).contains("bitcoin:usd", "bitcoin:inr");
    assertThat(seeds).hasSize(16);
  }

  @Test
  void shouldReplayWithTheRecordedTimingDividedBySpeedupAndShiftedToNow() throws Exception {
    FakeTime time = new FakeTime(T0);
    ReplayQuoteFeed replay =
        new ReplayQuoteFeed(
            Recording::bundled, 10, ReplayQuoteFeed.TimeMode.SHIFT_TO_NOW, time, time);

    List<List<CoinQuote>> batches = drain(replay);

    assertThat(batches).hasSize(40);
    List<CoinQuote> all = batches.stream().flatMap(List::stream).toList();
    assertThat(all).allSatisfy(q -> assertThat(q.getSource()).isEqualTo(QuoteSource.REPLAY));
    Instant newest =
        all.stream().map(CoinQuote::getLastUpdated).max(Instant::compareTo).orElseThrow();
    assertThat(newest).isEqualTo(T0);
    // 20 polls 30 s apart (usd and inr each): 570.5 s of recording, replayed 10x faster.
    long waitedMs =
        time.waits.stream()
            .filter(d -> !d.isNegative() && !d.isZero())
            .mapToLong(Duration::toMillis)
            .sum();
    assertThat(waitedMs).isBetween(57_000L, 57_100L);
    assertThat(replay.lastQuotes()).hasSize(16);
  }

  @Test
  void shouldMoveEventTimesToTheWallClockWhenStandingInForLiveData() throws Exception {
    FakeTime time = new FakeTime(T0);
    ReplayQuoteFeed replay =
        new ReplayQuoteFeed(Recording::bundled, 1, ReplayQuoteFeed.TimeMode.REAL_TIME, time, time);

    List<CoinQuote> first = replay.next().orElseThrow();
    List<List<CoinQuote>> rest = drain(replay);

    // The first response lands at the start, the last one 570 s later, as the clock advanced.
    assertThat(first)
        .allSatisfy(
            q -> assertThat(q.getLastUpdated()).isBetween(T0.minusSeconds(60), T0.plusMillis(1)));
    Instant newest =
        rest.stream()
            .flatMap(List::stream)
            .map(CoinQuote::getLastUpdated)
            .max(Instant::compareTo)
            .orElseThrow();
    assertThat(newest).isBetween(T0.plusSeconds(500), time.instant().plusMillis(1));
    assertThat(time.instant()).isAfterOrEqualTo(T0.plusSeconds(570));
  }

  @Test
  void shouldKeepRecordedTimestampsWhenAsked() throws Exception {
    FakeTime time = new FakeTime(T0);
    List<CoinQuote> first =
        new ReplayQuoteFeed(Recording::bundled, 1, ReplayQuoteFeed.TimeMode.ORIGINAL, time, time)
            .next()
            .orElseThrow();

    assertThat(first.get(0).getLastUpdated()).isBefore(Instant.parse("2024-11-21T12:00:00Z"));
  }

  @Test
  void shouldRecordLiveResponsesThatReplayToTheSameQuotes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rec.jsonl");
    String body;
    try (Recording.Reader r = Recording.bundled()) {
      body = r.next().orElseThrow().body().toString();
    }
    try (Recording.Recorder recorder = Recording.Recorder.append(file)) {
      recorder.record(new MarketsResponse("usd", T0, body, List.of(), 0, false, null));
      recorder.record(new MarketsResponse("usd", T0, "not json", List.of(), 0, true, "bad"));
    }
    try (Recording.Recorder again = Recording.Recorder.append(file)) {
      again.record(new MarketsResponse("inr", T0.plusSeconds(30), body, List.of(), 0, false, null));
    }

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .contains("\"format\":\"hopper-coingecko-recording\"", "\"synthetic\":false");
    assertThat(lines.get(1)).contains("\"body\":" + body);
    FakeTime time = new FakeTime(T0);
    List<List<CoinQuote>> replayed =
        drain(
            new ReplayQuoteFeed(
                () -> Recording.open(file), 1, ReplayQuoteFeed.TimeMode.ORIGINAL, time, time));
    assertThat(replayed).hasSize(2);
    assertThat(replayed.get(0)).hasSize(8);
    assertThat(replayed.get(1).get(0).getVsCurrency()).isEqualTo("inr");
    assertThat(time.waits.stream().filter(d -> !d.isNegative() && !d.isZero()))
        .containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void shouldSimulateAPlausibleConsistentWalk() throws Exception {
    FakeTime time = new FakeTime(T0);
    SimulatedQuoteFeed sim =
        new SimulatedQuoteFeed(
            SimulatedQuoteFeed.bundledSeeds(), Duration.ofSeconds(10), 5, time, time);

    List<List<CoinQuote>> batches = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      batches.add(sim.next().orElseThrow());
    }

    assertThat(batches).allSatisfy(b -> assertThat(b).hasSize(16));
    for (int i = 0; i < batches.size(); i++) {
      Map<String, Double> prices =
          batches.get(i).stream().collect(Collectors.toMap(QuoteKeys::key, CoinQuote::getPrice));
      assertThat(prices.values()).allSatisfy(p -> assertThat(p).isPositive());
      assertThat(prices.get("bitcoin:inr") / prices.get("bitcoin:usd")).isBetween(80.0, 90.0);
      assertThat(batches.get(i).get(0).getLastUpdated()).isEqualTo(T0.plusSeconds(10L * i));
      assertThat(batches.get(i))
          .allSatisfy(q -> assertThat(q.getSource()).isEqualTo(QuoteSource.SIMULATED));
    }
    double first = batches.get(0).get(0).getPrice();
    double last = batches.get(199).get(0).getPrice();
    assertThat(last).isNotEqualTo(first).isBetween(first * 0.7, first * 1.3);
  }

  @Test
  void shouldFallBackFromUnreachableLiveToTheReplayThenASimulation() throws Exception {
    FakeTime time = new FakeTime(T0);
    CoinGeckoSettings settings =
        CoinGeckoSettings.from(
            LayeredConfig.builder()
                .flags(
                    Map.of(
                        "coingecko.base.url", "http://127.0.0.1:1/api/v3",
                        "coingecko.max.retries", "0"))
                .build());
    LiveQuoteFeed live =
        new LiveQuoteFeed(
            new CoinGeckoClient(
                settings, HttpClient.newHttpClient(), time, new SplittableRandom(1), time),
            time,
            time,
            null);
    FallbackQuoteFeed auto =
        new FallbackQuoteFeed(
            live,
            () ->
                new ReplayQuoteFeed(
                    Recording::bundled, 100, ReplayQuoteFeed.TimeMode.SHIFT_TO_NOW, time, time),
            seeds -> new SimulatedQuoteFeed(seeds, Duration.ofSeconds(30), 1, time, time));

    List<CoinQuote> first = auto.next().orElseThrow();
    assertThat(auto.describe()).startsWith("replay of bundled");
    assertThat(first).allSatisfy(q -> assertThat(q.getSource()).isEqualTo(QuoteSource.REPLAY));
    for (int i = 1; i < 40; i++) {
      auto.next();
    }
    List<CoinQuote> next = auto.next().orElseThrow();

    assertThat(auto.describe()).startsWith("simulated");
    assertThat(next).allSatisfy(q -> assertThat(q.getSource()).isEqualTo(QuoteSource.SIMULATED));
  }

  @Test
  void shouldDropQuotesWhoseLastUpdatedDidNotMove() {
    QuoteDeduplicator dedup = new QuoteDeduplicator();
    CoinQuote q =
        CoinQuote.newBuilder()
            .setCoinId("bitcoin")
            .setSymbol("btc")
            .setName("Bitcoin")
            .setVsCurrency("usd")
            .setPrice(1.0)
            .setLastUpdated(T0)
            .setSource(QuoteSource.LIVE)
            .build();

    assertThat(dedup.accept(q)).isTrue();
    assertThat(dedup.accept(CoinQuote.newBuilder(q).setPrice(2.0).build())).isFalse();
    assertThat(dedup.accept(CoinQuote.newBuilder(q).setVsCurrency("inr").build())).isTrue();
    assertThat(dedup.accept(CoinQuote.newBuilder(q).setLastUpdated(T0.minusSeconds(1)).build()))
        .isFalse();
    assertThat(dedup.accept(CoinQuote.newBuilder(q).setLastUpdated(T0.plusSeconds(1)).build()))
        .isTrue();
    assertThat(dedup.dropped()).isEqualTo(2);
  }

  @SuppressWarnings("unused")
  private static void unused() throws IOException {}
}

package dev.hopper.streams.topology;

import static dev.hopper.streams.topology.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.avro.CoinQuote;
import dev.hopper.streams.topology.quotes.LatestQuotes;
import java.nio.file.Path;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The latest-quote store behind {@code GET /api/v1/quotes/...}: newest by event time per coin and
 * currency, its partition's stream time equal to the candles', and the late-quote counts of every
 * candle interval.
 */
class LatestQuotesTopologyTest {
  @TempDir Path state;

  private static KeyValueStore<String, CoinQuote> store(Fixture f) {
    return f.driver.getKeyValueStore(Names.LATEST_QUOTES_STORE);
  }

  @Test
  void shouldKeepTheNewestQuoteByEventTimeNotByArrival() {
    try (Fixture f = new Fixture(state)) {
      f.quote(Samples.quote("bitcoin", "usd", 100.0, at(10)).build());
      f.quote(Samples.quote("bitcoin", "usd", 90.0, at(5)).build()); // older, arrives later
      f.quote(Samples.quote("bitcoin", "inr", 8_000.0, at(7)).build());

      assertThat(store(f).get("bitcoin:usd").getPrice()).isEqualTo(100.0);
      assertThat(store(f).get("bitcoin:usd").getLastUpdated()).isEqualTo(at(10));
      assertThat(store(f).get("bitcoin:inr").getPrice()).isEqualTo(8_000.0);

      f.quote(Samples.quote("bitcoin", "usd", 101.0, at(10)).build()); // same time: last wins
      assertThat(store(f).get("bitcoin:usd").getPrice()).isEqualTo(101.0);
      f.quote(Samples.quote("bitcoin", "usd", 102.0, at(11)).build());
      assertThat(store(f).get("bitcoin:usd").getPrice()).isEqualTo(102.0);
    }
  }

  @Test
  void shouldKeepOnlyPricedValidQuotes() {
    try (Fixture f = new Fixture(state)) {
      f.quote(Samples.quote("solana", "usd", null, at(1)).build());
      f.quote(Samples.quote("dogecoin", "usd", -1.0, at(1)).build()); // rejected by the gate
      assertThat(store(f).get("solana:usd")).isNull();
      assertThat(store(f).get("dogecoin:usd")).isNull();
      assertThat(f.rejected.readValuesToList()).hasSize(1);
    }
  }

  @Test
  void shouldHoldThePartitionStreamTimeOfTheCandlesAsItsNewestQuote() {
    try (Fixture f = new Fixture(state)) {
      f.quote(Samples.quote("ethereum", "usd", 1.0, at(0)).build());
      f.quote(Samples.quote("bitcoin", "usd", 2.0, at(89)).build());
      f.quote(Samples.quote("ethereum", "usd", 3.0, at(50)).build());
      try (KeyValueIterator<String, CoinQuote> all = store(f).all()) {
        assertThat(LatestQuotes.streamTime(all)).isEqualTo(at(89).toEpochMilli());
      }
      // The 1m window [0, 60) closes at 60 s + 30 s grace: not at 89 s (no candle, not final),
      // at 90 s it is, and the candle is emitted: the store's stream time matches the candles'.
      long end = at(60).toEpochMilli();
      long grace = f.settings.candleGrace().toMillis();
      assertThat(LatestQuotes.closed(end, grace, at(89).toEpochMilli())).isFalse();
      assertThat(f.candles.isEmpty()).isTrue();
      f.quote(Samples.quote("bitcoin", "usd", 2.0, at(90)).build());
      assertThat(LatestQuotes.closed(end, grace, at(90).toEpochMilli())).isTrue();
      assertThat(f.candles.readValuesToList())
          .filteredOn(c -> c.getInterval().equals("1m"))
          .extracting(c -> c.getCoinId() + "@" + c.getWindowStart())
          .containsExactly("ethereum@" + at(0));
    }
  }

  @Test
  void shouldCountQuotesTooLateForEachCandleIntervalSeparately() {
    try (Fixture f = new Fixture(state)) {
      f.quote(Samples.quote("ethereum", "usd", 1.0, at(0)).build());
      f.quote(Samples.quote("ethereum", "usd", 2.0, at(400)).build()); // stream time 10:06:40
      // 10:00:20 is in 1m window [10:00, 10:01) (closed at 10:01:30) and 5m [10:00, 10:05)
      // (closed at 10:05:30), but in the open 1h window [10:00, 11:00).
      f.quote(Samples.quote("ethereum", "usd", 3.0, at(20)).build(), at(401));

      assertThat(f.counters.lateCount(Names.candlesStore("1m"))).isEqualTo(1);
      assertThat(f.counters.lateCount(Names.candlesStore("5m"))).isEqualTo(1);
      assertThat(f.counters.lateCount(Names.candlesStore("1h"))).isZero();
      assertThat(store(f).get("ethereum:usd").getPrice())
          .as("a late quote is not the latest")
          .isEqualTo(2.0);
    }
  }
}

package dev.hopper.streams.topology;

import static dev.hopper.streams.topology.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.avro.Candle;
import dev.hopper.streams.topology.quotes.CandleAggregate;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.Metric;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandleTopologyTest {
  @TempDir Path state;

  private static void quote(Fixture f, double price, Instant time) {
    f.quote(Samples.quote("ethereum", "usd", price, time).build());
  }

  @Test
  void shouldEmitOneFinalCandlePerWindowWithOhlcByEventTime() {
    try (Fixture f = new Fixture(state)) {
      // Given quotes of [10:00, 10:01), arriving out of event-time order
      quote(f, 101.0, at(10));
      quote(f, 100.0, at(0)); // earliest event time: the open, though it arrived second
      quote(f, 120.0, at(30));
      quote(f, 90.0, at(59)); // latest event time in the window: the close
      quote(f, 95.0, at(45));
      assertThat(f.candles.isEmpty()).isTrue();

      // When stream time reaches the window end but not end + grace (30 s)
      quote(f, 200.0, at(60 + 29));
      assertThat(f.candles.isEmpty()).isTrue();

      // Then the window closes exactly at end + grace, with one record
      quote(f, 201.0, at(60 + 30));
      List<KeyValue<String, Candle>> out = f.candles.readKeyValuesToList();
      assertThat(out).hasSize(1);
      long start = at(0).toEpochMilli();
      assertThat(out.get(0).key).isEqualTo("ethereum:usd:1m:" + start);
      Candle c = out.get(0).value;
      assertThat(c.getInterval()).isEqualTo("1m");
      assertThat(c.getWindowStart()).isEqualTo(at(0));
      assertThat(c.getWindowEnd()).isEqualTo(at(60));
      assertThat(c.getOpen()).isEqualTo(100.0);
      assertThat(c.getHigh()).isEqualTo(120.0);
      assertThat(c.getLow()).isEqualTo(90.0);
      assertThat(c.getClose()).isEqualTo(90.0);
      assertThat(c.getQuoteCount()).isEqualTo(5);
      assertThat(c.getLastMarketCap()).isEqualTo(90_000.0);

      // And no second record for that window, ever
      quote(f, 300.0, at(600));
      assertThat(f.candles.readKeyValuesToList())
          .extracting(kv -> kv.key)
          .doesNotContain("ethereum:usd:1m:" + start)
          .contains("ethereum:usd:1m:" + at(60).toEpochMilli());
    }
  }

  @Test
  void shouldPutBoundaryQuoteInTheNextWindow() {
    try (Fixture f = new Fixture(state)) {
      quote(f, 1.0, Instant.parse("2026-03-02T10:00:59.999Z"));
      quote(f, 2.0, at(60));
      quote(f, 3.0, at(300)); // closes both 1m windows
      List<Candle> out = f.candles.readValuesToList();
      assertThat(out)
          .filteredOn(c -> c.getInterval().equals("1m"))
          .extracting(Candle::getWindowStart, Candle::getClose, Candle::getQuoteCount)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(at(0), 1.0, 1L),
              org.assertj.core.groups.Tuple.tuple(at(60), 2.0, 1L));
    }
  }

  @Test
  void shouldCountQuoteWithinGraceAndDropLaterOne() {
    try (Fixture f = new Fixture(state)) {
      quote(f, 100.0, at(0));
      quote(f, 110.0, at(70)); // stream time 10:01:10
      quote(f, 50.0, at(20)); // 50 s late, window end + grace = 10:01:30 not reached: counted
      quote(f, 120.0, at(95)); // closes [10:00, 10:01)
      quote(f, 10.0, at(30)); // beyond grace: dropped
      List<Candle> oneMinute =
          f.candles.readValuesToList().stream().filter(c -> c.getInterval().equals("1m")).toList();
      assertThat(oneMinute).hasSize(1);
      assertThat(oneMinute.get(0).getLow()).isEqualTo(50.0);
      assertThat(oneMinute.get(0).getQuoteCount()).isEqualTo(2);
      assertThat(droppedRecords(f)).isGreaterThanOrEqualTo(1.0);
    }
  }

  @Test
  void shouldKeepOpenWindowQueryableInStoreBeforeItIsFinal() {
    try (Fixture f = new Fixture(state)) {
      quote(f, 100.0, at(0));
      quote(f, 105.0, at(15));
      WindowStore<String, CandleAggregate> store =
          f.driver.getWindowStore(dev.hopper.streams.topology.Names.candlesStore("1m"));
      try (KeyValueIterator<Windowed<String>, CandleAggregate> it = store.all()) {
        List<KeyValue<Windowed<String>, CandleAggregate>> all = new java.util.ArrayList<>();
        it.forEachRemaining(all::add);
        assertThat(all).hasSize(1);
        assertThat(all.get(0).key.key()).isEqualTo("ethereum:usd");
        assertThat(all.get(0).value.close()).isEqualTo(105.0);
        assertThat(all.get(0).value.count()).isEqualTo(2);
      }
      assertThat(f.candles.isEmpty()).isTrue();
    }
  }

  @Test
  void shouldEmitLongerIntervalsOnTheirOwnClose() {
    try (Fixture f = new Fixture(state)) {
      for (int i = 0; i < 10; i++) {
        quote(f, 100.0 + i, at(i * 60L));
      }
      quote(f, 200.0, at(5 * 60 + 30)); // 5m window [10:00, 10:05) closes at 10:05:30
      List<Candle> out = f.candles.readValuesToList();
      assertThat(out).filteredOn(c -> c.getInterval().equals("5m")).hasSize(1);
      Candle five = out.stream().filter(c -> c.getInterval().equals("5m")).findFirst().get();
      assertThat(five.getOpen()).isEqualTo(100.0);
      assertThat(five.getClose()).isEqualTo(104.0);
      assertThat(five.getQuoteCount()).isEqualTo(5);
      assertThat(out).filteredOn(c -> c.getInterval().equals("1h")).isEmpty();
    }
  }

  private static double droppedRecords(Fixture f) {
    double total = 0;
    for (Metric m : f.driver.metrics().values()) {
      if (m.metricName().name().equals("dropped-records-total")) {
        total += ((Number) m.metricValue()).doubleValue();
      }
    }
    return total;
  }
}

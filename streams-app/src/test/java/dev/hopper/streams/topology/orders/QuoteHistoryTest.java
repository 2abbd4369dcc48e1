package dev.hopper.streams.topology.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.QuoteSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuoteHistoryTest {
  private static final String USD = "bitcoin:usd";
  private static final long GRACE = 500;
  private static final long DAY = Duration.ofDays(1).toMillis();

  @TempDir Path dir;
  private VersionedKeyValueStore<String, CoinQuote> store;

  @BeforeEach
  void open() throws Exception {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "quote-history-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(dir).toString());
    MockProcessorContext<Object, Object> context =
        new MockProcessorContext<>(props, new TaskId(0, 0), dir.toFile());
    store =
        Stores.versionedKeyValueStoreBuilder(
                Stores.persistentVersionedKeyValueStore(
                    "quote-history", Duration.ofDays(1), Duration.ofMinutes(10)),
                Serdes.String(),
                quoteSerde())
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void shouldAnswerLikeTheStoreForEveryTime() {
    QuoteHistory history = new QuoteHistory(store, GRACE, DAY);
    for (long t : new long[] {1_000, 2_000, 3_000, 2_800, 5_000}) {
      assertThat(history.put(USD, quote(t), t)).isTrue();
    }
    assertThat(history.newest(USD)).isEqualTo(5_000);
    assertSameAsStore(history, 0, 6_000);
  }

  @Test
  void shouldRejectAQuoteOlderThanTheNewestMinusTheGrace() {
    QuoteHistory history = new QuoteHistory(store, GRACE, DAY);
    history.put(USD, quote(3_000), 3_000);
    assertThat(history.put(USD, quote(2_400), 2_400)).isFalse();
    assertThat(history.put(USD, quote(2_500), 2_500)).isTrue();
    assertThat(history.asOf(USD, 2_450)).isNull();
    assertThat(store.get(USD, 2_450)).isNull();
  }

  @Test
  void shouldSeedFromTheStoreAfterARestartAndStayExact() {
    for (long t = 1_000; t <= 10_000; t += 1_000) {
      store.put(USD, quote(t), t);
    }
    QuoteHistory restarted = new QuoteHistory(store, GRACE, DAY);
    assertThat(restarted.newest(USD)).isEqualTo(10_000);
    // Older than the seeded versions: answered by the store itself.
    assertThat(restarted.asOf(USD, 1_500).getLastUpdated()).isEqualTo(Instant.ofEpochMilli(1_000));
    assertThat(restarted.put(USD, quote(9_600), 9_600)).isTrue();
    assertThat(restarted.put(USD, quote(9_400), 9_400)).isFalse();
    assertSameAsStore(restarted, 0, 11_000);
  }

  @Test
  void shouldKnowNothingOfAPairWithoutQuotes() {
    QuoteHistory history = new QuoteHistory(store, GRACE, DAY);
    assertThat(history.newest("bitcoin:eur")).isNull();
    assertThat(history.asOf("bitcoin:eur", 1_000)).isNull();
  }

  private void assertSameAsStore(QuoteHistory history, long from, long to) {
    for (long t = from; t <= to; t += 50) {
      VersionedRecord<CoinQuote> expected = store.get(USD, t);
      assertThat(history.asOf(USD, t))
          .as("as of %d", t)
          .isEqualTo(expected == null ? null : expected.value());
    }
  }

  private static CoinQuote quote(long t) {
    return CoinQuote.newBuilder()
        .setCoinId("bitcoin")
        .setSymbol("btc")
        .setName("Bitcoin")
        .setVsCurrency("usd")
        .setPrice(60_000.0 + t)
        .setLastUpdated(Instant.ofEpochMilli(t))
        .setSource(QuoteSource.SIMULATED)
        .build();
  }

  private static Serde<CoinQuote> quoteSerde() {
    dev.hopper.streams.topology.HopperSerdes serdes =
        new dev.hopper.streams.topology.HopperSerdes(
            new dev.hopper.streams.config.RegistrySerdeFactory(
                java.util.Map.of("schema.registry.url", "mock://quote-history-test")));
    return serdes.quote();
  }
}

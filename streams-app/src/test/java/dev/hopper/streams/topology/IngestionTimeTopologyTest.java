package dev.hopper.streams.topology;

import static dev.hopper.streams.topology.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.avro.Candle;
import dev.hopper.avro.EnrichedOrder;
import dev.hopper.avro.RejectedRecord;
import dev.hopper.registry.client.MockSchemaRegistry;
import dev.hopper.streams.config.RegistrySerdeFactory;
import dev.hopper.streams.metrics.HopperMetrics;
import dev.hopper.streams.metrics.IngestionTime;
import dev.hopper.topics.TopicCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology built with the metrics' processor wrapper: output records carry the ingestion time
 * of the input that caused them (for the end-to-end latency metric), through Hopper's own
 * processors as well as Kafka's DSL operators, and the results are unchanged.
 */
class IngestionTimeTopologyTest {
  @TempDir Path state;

  private final String scope = "ingestion-test-" + UUID.randomUUID();
  private final HopperSerdes serdes =
      new HopperSerdes(new RegistrySerdeFactory(Map.of("schema.registry.url", "mock://" + scope)));
  private final Topics topics = Topics.from(TopicCatalog.defaults(), serdes);
  private final HopperMetrics metrics = new HopperMetrics(TopicCatalog.defaults());
  private TopologyTestDriver driver;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
    metrics.close();
    MockSchemaRegistry.dropScope(scope);
  }

  private void start() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ingestion-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
    props.putAll(metrics.streamsProperties());
    driver =
        new TopologyTestDriver(
            HopperTopology.build(
                topics,
                serdes,
                TopologySettings.defaults(1, 1),
                new ProcessingCounters(),
                new TopologyConfig(new StreamsConfig(props)),
                InputProgress.PIPED),
            props,
            Samples.T0);
  }

  private TestInputTopic<String, byte[]> raw(String topic) {
    return driver.createInputTopic(topic, serdes.key().serializer(), serdes.raw().serializer());
  }

  /** Avro bytes of {@code value}, registered under the topic's subject as the producers do. */
  private static <V> byte[] avro(
      org.apache.kafka.common.serialization.Serde<V> serde, String topic, V value) {
    return serde.serializer().serialize(topic, value);
  }

  private static long ingestedAt(TestRecord<String, ?> r) {
    return IngestionTime.of(r.headers());
  }

  @Test
  void shouldStampDeadLettersWithTheIngestionTimeOfTheRejectedRecord() {
    start();
    Instant ingested = at(5);
    raw(topics.quotes().name())
        .pipeInput(
            "bitcoin:usd",
            avro(
                serdes.quote(),
                topics.quotes().name(),
                Samples.quote("bitcoin", "usd", -1.0, at(0)).build()),
            ingested);
    TestOutputTopic<String, RejectedRecord> rejected =
        driver.createOutputTopic(
            topics.rejected().name(),
            serdes.key().deserializer(),
            serdes.rejected().deserializer());
    List<TestRecord<String, RejectedRecord>> out = rejected.readRecordsToList();
    assertThat(out).hasSize(1);
    assertThat(ingestedAt(out.get(0))).isEqualTo(ingested.toEpochMilli());
  }

  @Test
  void shouldCarryTheIngestionTimeThroughRepartitionsAndHopperProcessors() {
    start();
    driver
        .createInputTopic(
            topics.products().name(), serdes.key().serializer(), serdes.product().serializer())
        .pipeInput("p1", Samples.product("p1", "Books", "Dune"), at(0));
    driver
        .createInputTopic(
            topics.customers().name(), serdes.key().serializer(), serdes.customer().serializer())
        .pipeInput("c1", Samples.customer("c1", "Pune"), at(0));
    TestInputTopic<String, byte[]> quotes = raw(topics.quotes().name());
    for (String vs : List.of("usd", "inr")) {
      double price = vs.equals("usd") ? 60_000 : 5_000_000;
      quotes.pipeInput(
          "bitcoin:" + vs,
          avro(
              serdes.quote(),
              topics.quotes().name(),
              Samples.quote("bitcoin", vs, price, at(0)).build()),
          at(1));
      quotes.pipeInput(
          "bitcoin:" + vs,
          avro(
              serdes.quote(),
              topics.quotes().name(),
              Samples.quote("bitcoin", vs, price, at(120)).build()),
          at(121));
    }

    // An order ingested 3 s after its event time: enriched at once (quotes on both sides of it)
    Instant orderIngested = at(63);
    raw(topics.orders().name())
        .pipeInput(
            "o1",
            avro(serdes.order(), topics.orders().name(), Samples.order("o1", at(60)).build()),
            orderIngested);

    TestOutputTopic<String, EnrichedOrder> enriched =
        driver.createOutputTopic(
            topics.enrichedOrders().name(),
            serdes.key().deserializer(),
            serdes.enrichedOrder().deserializer());
    List<TestRecord<String, EnrichedOrder>> out = enriched.readRecordsToList();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).value().getProductName()).isEqualTo("Dune");
    assertThat(ingestedAt(out.get(0)))
        .as("stamped by the gate, carried through two repartitions and the enricher")
        .isEqualTo(orderIngested.toEpochMilli());

    // Candles: the 1m window [0, 60) closed by the quote at 120 s carries that quote's time
    TestOutputTopic<String, Candle> candles =
        driver.createOutputTopic(
            topics.candles().name(), serdes.key().deserializer(), serdes.candle().deserializer());
    List<TestRecord<String, Candle>> closed = candles.readRecordsToList();
    assertThat(closed).isNotEmpty();
    assertThat(closed).allSatisfy(r -> assertThat(ingestedAt(r)).isEqualTo(at(1).toEpochMilli()));
  }
}

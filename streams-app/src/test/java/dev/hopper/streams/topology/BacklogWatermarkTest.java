package dev.hopper.streams.topology;

import static dev.hopper.streams.topology.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.avro.CategorySales;
import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.Order;
import dev.hopper.registry.client.MockSchemaRegistry;
import dev.hopper.streams.config.RegistrySerdeFactory;
import dev.hopper.streams.topology.flow.Flow;
import dev.hopper.streams.topology.flow.FlowSerde;
import dev.hopper.topics.TopicCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watermark mechanism of the enrichment and sales stages, fed as if two upstream orders
 * partitions were drained at very different speeds (the backlog pitfall): the orders-by-product
 * flow is an input topic here, so the test interleaves the orders and watermarks of partitions 0
 * and 1 explicitly.
 */
class BacklogWatermarkTest {
  private static final String ORDERS_IN = "test.orders-by-product";
  private static final String QUOTES_IN = "test.quotes-broadcast";

  @TempDir Path state;
  private final String scope = "backlog-test-" + UUID.randomUUID();
  private TopologyTestDriver driver;
  private TestInputTopic<String, Flow> orders;
  private TestInputTopic<String, Flow> quotes;
  private TestOutputTopic<String, CategorySales> sales;
  private final ProcessingCounters counters = new ProcessingCounters();

  @BeforeEach
  void build() {
    HopperSerdes serdes =
        new HopperSerdes(
            new RegistrySerdeFactory(Map.of("schema.registry.url", "mock://" + scope)));
    Topics topics = Topics.from(TopicCatalog.defaults(), serdes);
    FlowSerde flowSerde = new FlowSerde(serdes);
    TopologySettings settings = TopologySettings.defaults(2, 1); // two orders partitions
    StreamsBuilder builder = new StreamsBuilder();
    HopperTopology.referenceTables(builder, topics, serdes);
    HopperTopology.enrichmentAndSales(
        builder,
        builder.stream(ORDERS_IN, Consumed.with(Serdes.String(), flowSerde)),
        builder.stream(QUOTES_IN, Consumed.with(Serdes.String(), flowSerde)),
        topics,
        serdes,
        flowSerde,
        settings,
        counters,
        InputProgress.PIPED);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "backlog-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    driver = new TopologyTestDriver(builder.build(), props, Samples.T0);
    orders =
        driver.createInputTopic(ORDERS_IN, Serdes.String().serializer(), flowSerde.serializer());
    quotes =
        driver.createInputTopic(QUOTES_IN, Serdes.String().serializer(), flowSerde.serializer());
    sales =
        driver.createOutputTopic(
            topics.salesByCategory().name(),
            Serdes.String().deserializer(),
            serdes.categorySales().deserializer());
  }

  @AfterEach
  void close() {
    driver.close();
    MockSchemaRegistry.dropScope(scope);
  }

  private void quote(String currency, double price, Instant t) {
    CoinQuote q = Samples.quote("bitcoin", currency, price, t).build();
    quotes.pipeInput("bitcoin:" + currency, Flow.quote(q), t);
  }

  private void order(String id, Instant t) {
    Order o = Samples.order(id, "c1", "p1", "Books", 1, "10.00", "0.00", t).build();
    orders.pipeInput("p1", Flow.order(o, false), t);
  }

  private void watermark(int partition, Instant t) {
    orders.pipeInput(Flow.WATERMARK_KEY, Flow.watermark(partition, t.toEpochMilli()), t);
  }

  private void tick() {
    for (int i = 0; i < 4; i++) {
      driver.advanceWallClockTime(Duration.ofMillis(250));
    }
  }

  @Test
  void shouldKeepWindowsOpenUntilTheSlowestPartitionHasPassedThem() {
    quote("usd", 60_000, at(-60));
    quote("inr", 5_000_000, at(-60));
    quote("usd", 60_000, at(7200));
    quote("inr", 5_000_000, at(7200));

    // Partition 0 races ten minutes ahead; partition 1 has only reached 10:00:05
    order("p0-a", at(10));
    order("p0-b", at(70));
    order("p0-c", at(600));
    watermark(0, at(600));
    order("p1-a", at(5));
    watermark(1, at(5));
    tick();
    assertThat(sales.isEmpty()).isTrue();

    // Partition 1 catches up with records a stream-time-based window would have dropped as late
    order("p1-b", at(30));
    order("p1-c", at(100));
    watermark(1, at(180)); // min is now 10:03: windows [10:00) and [10:01) close
    tick();

    List<KeyValue<String, CategorySales>> out = sales.readKeyValuesToList();
    assertThat(out)
        .extracting(kv -> kv.key, kv -> kv.value.getOrders())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Books:1m:" + at(0).toEpochMilli(), 3L),
            org.assertj.core.groups.Tuple.tuple("Books:1m:" + at(60).toEpochMilli(), 2L));
    assertThat(counters.lateCount(Names.LATE_SALES)).isZero();
  }

  @Test
  void shouldHoldWindowWhileAnOrderWaitsForItsQuotes() {
    quote("usd", 60_000, at(-60));
    quote("inr", 5_000_000, at(-60));
    order("o1", at(10)); // held: no quote has moved past 10:00:10 + 30 s yet
    watermark(0, at(600));
    watermark(1, at(600));
    tick();
    assertThat(sales.isEmpty()).isTrue();

    quote("usd", 61_000, at(100));
    quote("inr", 5_100_000, at(100)); // releases o1
    tick();
    CategorySales books = sales.readValue();
    assertThat(books.getOrders()).isEqualTo(1);
    assertThat(books.getRevenueUsd()).isEqualByComparingTo("0.12"); // valued with the -60 s quotes
  }

  @Test
  void shouldCountOrdersMarkedLateUpstreamAsDroppedAndNeverInAWindow() {
    quote("usd", 60_000, at(-60));
    quote("inr", 5_000_000, at(-60));
    quote("usd", 60_000, at(7200));
    quote("inr", 5_000_000, at(7200));
    order("o1", at(10));
    Order late = Samples.order("late", "c1", "p1", "Books", 1, "10.00", "0.00", at(20)).build();
    orders.pipeInput("p1", Flow.order(late, true), at(20));
    watermark(0, at(600));
    watermark(1, at(600));
    tick();
    assertThat(sales.readValue().getOrders()).isEqualTo(1);
    assertThat(counters.lateCount(Names.LATE_SALES)).isEqualTo(1);
  }

  @Test
  void shouldLeaveIdlePartitionOutOfTheMinimumUntilItHasDataAgain() {
    quote("usd", 60_000, at(-60));
    quote("inr", 5_000_000, at(-60));
    quote("usd", 60_000, at(7200));
    quote("inr", 5_000_000, at(7200));
    order("o1", at(10));
    watermark(0, at(300));
    orders.pipeInput(
        Flow.WATERMARK_KEY,
        Flow.watermark(1, dev.hopper.streams.topology.flow.Watermarks.IDLE),
        at(0));
    tick();
    assertThat(sales.readValue().getOrders()).isEqualTo(1); // partition 0 alone closes [10:00)

    // Partition 1 wakes up with an order for the closed window: counted late, never re-emitted
    order("p1-old", at(20));
    watermark(1, at(30));
    order("o2", at(310));
    watermark(0, at(600));
    watermark(1, at(600));
    tick();
    assertThat(sales.readValuesToList())
        .extracting(s -> s.getWindowStart())
        .doesNotContain(at(0))
        .contains(at(300));
    assertThat(counters.lateCount(Names.LATE_SALES)).isEqualTo(1);
  }
}

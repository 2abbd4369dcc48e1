package dev.hopper.platform.bench.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.avro.CategorySales;
import dev.hopper.avro.Order;
import dev.hopper.avro.PaymentMethod;
import dev.hopper.registry.client.MockSchemaRegistry;
import dev.hopper.streams.config.RegistrySerdeFactory;
import dev.hopper.streams.topology.HopperSerdes;
import dev.hopper.streams.topology.InputProgress;
import dev.hopper.streams.topology.ProcessingCounters;
import dev.hopper.streams.topology.Topics;
import dev.hopper.streams.topology.TopologySettings;
import dev.hopper.topics.TopicCatalog;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's sales-only job on a {@link TopologyTestDriver}: exact windows, idle input. */
class SalesOnlyTopologyTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  @TempDir Path state;
  private final String scope = "sales-only-test-" + UUID.randomUUID();
  private TopologyTestDriver driver;
  private HopperSerdes serdes;
  private Topics topics;
  private TestInputTopic<String, byte[]> orders;
  private TestOutputTopic<String, CategorySales> sales;

  @BeforeEach
  void start() {
    serdes =
        new HopperSerdes(
            new RegistrySerdeFactory(Map.of("schema.registry.url", "mock://" + scope)));
    topics = Topics.from(TopicCatalog.defaults(), serdes);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sales-only-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    driver =
        new TopologyTestDriver(
            JobTopologies.salesOnly(
                topics,
                serdes,
                TopologySettings.defaults(1, 1),
                new ProcessingCounters(),
                InputProgress.PIPED),
            props,
            T0);
    orders =
        driver.createInputTopic(
            topics.orders().name(), serdes.key().serializer(), serdes.raw().serializer());
    sales =
        driver.createOutputTopic(
            topics.salesByCategory().name(),
            serdes.key().deserializer(),
            serdes.categorySales().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
    MockSchemaRegistry.dropScope(scope);
  }

  private void order(String id, String category, String price, Instant time) {
    Order order =
        Order.newBuilder()
            .setOrderId(id)
            .setCustomerId("c1")
            .setProductId("p1")
            .setCategory(category)
            .setQuantity(1)
            .setUnitPrice(new BigDecimal(price))
            .setDiscountPct(new BigDecimal("0.00"))
            .setFinalPrice(new BigDecimal(price))
            .setCurrency("INR")
            .setPaymentMethod(PaymentMethod.UPI)
            .setOrderTime(time)
            .build();
    orders.pipeInput(
        id, serdes.order().serializer().serialize(topics.orders().name(), order), time);
  }

  private void tick(Duration d) {
    for (long ms = 0; ms < d.toMillis(); ms += 250) {
      driver.advanceWallClockTime(Duration.ofMillis(250));
    }
  }

  @Test
  void windowsCloseOnceWithExactSums() {
    order("o1", "Books", "10.00", T0.plusSeconds(5));
    order("o2", "Books", "15.50", T0.plusSeconds(50));
    order("o3", "Toys", "7.25", T0.plusSeconds(59));
    order("o4", "Books", "1.00", T0.plusSeconds(61)); // next window
    tick(Duration.ofSeconds(1));
    assertThat(sales.isEmpty()).isTrue();
    order("o5", "Toys", "2.00", T0.plusSeconds(150)); // end + grace of [10:00) passed, not [10:01)
    tick(Duration.ofSeconds(1));
    List<CategorySales> out = sales.readValuesToList();
    assertThat(out)
        .extracting(CategorySales::getCategory, CategorySales::getOrders)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("Books", 2L),
            org.assertj.core.groups.Tuple.tuple("Toys", 1L));
    assertThat(out)
        .filteredOn(s -> s.getCategory().equals("Books"))
        .singleElement()
        .extracting(CategorySales::getNetRevenue)
        .isEqualTo(new BigDecimal("25.50"));
  }

  @Test
  void anIdleOrdersPartitionNeverSendsAnOutOfRangeTimestamp() {
    order("o1", "Books", "10.00", T0.plusSeconds(5));
    order("o2", "Books", "10.00", T0.plusSeconds(150));
    tick(Duration.ofSeconds(1));
    assertThat(sales.readValuesToList()).hasSize(1);
    // No more orders: the partition goes idle, which must travel as a watermark with a real
    // timestamp (a broker rejects Long.MAX_VALUE), and closes nothing by itself.
    tick(Duration.ofMinutes(5));
    assertThat(sales.isEmpty()).isTrue();
    order("o3", "Books", "10.00", T0.plusSeconds(300));
    tick(Duration.ofSeconds(1));
    List<TestRecord<String, CategorySales>> out = sales.readRecordsToList();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).getValue().getWindowStart()).isEqualTo(T0.plusSeconds(120));
    assertThat(out.get(0).timestamp()).isLessThan(Long.MAX_VALUE);
  }
}

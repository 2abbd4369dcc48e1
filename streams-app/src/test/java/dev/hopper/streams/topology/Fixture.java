package dev.hopper.streams.topology;

import dev.hopper.avro.Candle;
import dev.hopper.avro.CategorySales;
import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.Customer;
import dev.hopper.avro.EnrichedOrder;
import dev.hopper.avro.Order;
import dev.hopper.avro.OrderPayment;
import dev.hopper.avro.Payment;
import dev.hopper.avro.PriceMove;
import dev.hopper.avro.Product;
import dev.hopper.avro.RejectedRecord;
import dev.hopper.registry.client.MockSchemaRegistry;
import dev.hopper.streams.config.RegistrySerdeFactory;
import dev.hopper.streams.config.RejectingDeserializationHandler;
import dev.hopper.topics.TopicCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * One {@link TopologyTestDriver} over the full topology, with the registry's serdes on a private
 * {@code mock://} scope. Inputs are piped with explicit ingestion timestamps; the wall clock starts
 * at {@link Samples#T0} and only moves when a test calls {@link #tick()}.
 */
final class Fixture implements AutoCloseable {
  final String scope = "topology-test-" + UUID.randomUUID();
  final HopperSerdes serdes =
      new HopperSerdes(new RegistrySerdeFactory(Map.of("schema.registry.url", "mock://" + scope)));
  final TopicCatalog catalog = TopicCatalog.defaults();
  final Topics topics = Topics.from(catalog, serdes);
  final ProcessingCounters counters = new ProcessingCounters();
  final TopologySettings settings;
  final Topology topology;
  final TopologyTestDriver driver;

  final TestInputTopic<String, byte[]> orders;
  final TestInputTopic<String, byte[]> payments;
  final TestInputTopic<String, byte[]> quotes;
  final TestInputTopic<String, Product> products;
  final TestInputTopic<String, Customer> customers;
  final TestOutputTopic<String, Candle> candles;
  final TestOutputTopic<String, PriceMove> moves;
  final TestOutputTopic<String, EnrichedOrder> enriched;
  final TestOutputTopic<String, CategorySales> sales;
  final TestOutputTopic<String, OrderPayment> paymentStatus;
  final TestOutputTopic<String, RejectedRecord> rejected;

  Fixture(Path stateDir) {
    this(stateDir, TopologySettings.defaults(1, 1));
  }

  Fixture(Path stateDir, TopologySettings settings) {
    this(stateDir, settings, InputProgress.PIPED);
  }

  /** The full topology asking {@code progress} whether a silent input is idle. */
  Fixture(Path stateDir, TopologySettings settings, InputProgress progress) {
    this.settings = settings;
    this.topology = HopperTopology.build(topics, serdes, settings, counters, null, progress);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
    props.put("schema.registry.url", "mock://" + scope);
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        RejectingDeserializationHandler.class);
    props.put(RejectingDeserializationHandler.TOPIC_CONFIG, topics.rejected().name());
    props.put(RejectingDeserializationHandler.COUNTERS_CONFIG, counters);
    this.driver = new TopologyTestDriver(topology, props, Samples.T0);
    var key = serdes.key();
    orders =
        driver.createInputTopic(
            topics.orders().name(), key.serializer(), serdes.raw().serializer());
    payments =
        driver.createInputTopic(
            topics.payments().name(), key.serializer(), serdes.raw().serializer());
    quotes =
        driver.createInputTopic(
            topics.quotes().name(), key.serializer(), serdes.raw().serializer());
    products =
        driver.createInputTopic(
            topics.products().name(), key.serializer(), serdes.product().serializer());
    customers =
        driver.createInputTopic(
            topics.customers().name(), key.serializer(), serdes.customer().serializer());
    candles =
        driver.createOutputTopic(
            topics.candles().name(), key.deserializer(), serdes.candle().deserializer());
    moves =
        driver.createOutputTopic(
            topics.priceMoves().name(), key.deserializer(), serdes.priceMove().deserializer());
    enriched =
        driver.createOutputTopic(
            topics.enrichedOrders().name(),
            key.deserializer(),
            serdes.enrichedOrder().deserializer());
    sales =
        driver.createOutputTopic(
            topics.salesByCategory().name(),
            key.deserializer(),
            serdes.categorySales().deserializer());
    paymentStatus =
        driver.createOutputTopic(
            topics.paymentStatus().name(),
            key.deserializer(),
            serdes.orderPayment().deserializer());
    rejected =
        driver.createOutputTopic(
            topics.rejected().name(), key.deserializer(), serdes.rejected().deserializer());
  }

  /** Pipes an order ingested one second after its event time. */
  void order(Order order) {
    order(order, order.getOrderTime().plusSeconds(1));
  }

  void order(Order order, Instant ingestedAt) {
    orders.pipeInput(
        order.getOrderId(),
        serdes.order().serializer().serialize(topics.orders().name(), order),
        ingestedAt);
  }

  void payment(Payment payment) {
    payments.pipeInput(
        payment.getOrderId(),
        serdes.payment().serializer().serialize(topics.payments().name(), payment),
        payment.getPaidAt().plusSeconds(1));
  }

  void quote(CoinQuote quote) {
    quote(quote, quote.getLastUpdated().plusSeconds(1));
  }

  void quote(CoinQuote quote, Instant ingestedAt) {
    quotes.pipeInput(
        quote.getCoinId() + ":" + quote.getVsCurrency(),
        serdes.quote().serializer().serialize(topics.quotes().name(), quote),
        ingestedAt);
  }

  /** Bitcoin quotes in USD and INR at {@code time}. */
  void bitcoin(double usd, double inr, Instant time) {
    quote(Samples.quote("bitcoin", "usd", usd, time).build());
    quote(Samples.quote("bitcoin", "inr", inr, time).build());
  }

  /** Lets the wall-clock punctuators run, so watermarks travel through every stage. */
  void tick() {
    for (int i = 0; i < 4; i++) {
      driver.advanceWallClockTime(Duration.ofMillis(250));
    }
  }

  @Override
  public void close() {
    driver.close();
    MockSchemaRegistry.dropScope(scope);
  }
}

package dev.hopper.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.hopper.avro.CategorySales;
import dev.hopper.config.LayeredConfig;
import dev.hopper.connect.ConnectRestClient;
import dev.hopper.connect.SinkConnector;
import dev.hopper.connect.SinkConnectors;
import dev.hopper.connect.SinkDeployer;
import dev.hopper.connect.SinkOverlay;
import dev.hopper.registry.serde.SpecificAvroSerializer;
import dev.hopper.topics.TopicAdmin;
import dev.hopper.topics.TopicCatalog;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped sink configs deployed by {@link SinkDeployer} to the embedded Connect worker: every
 * connector runs, MongoDB gets its indexes, documents land with {@code _id} = record key, decimals
 * as Decimal128 and times as dates, re-delivery upserts, and a record the converter cannot read
 * goes to the dead-letter topic without stopping the connector. Its own platform: the connectors
 * read the canonical output topic names.
 */
class SinkDeployIT {
  private static EmbeddedPlatform platform;
  private static LayeredConfig config;

  @BeforeAll
  static void startPlatform() {
    platform = EmbeddedPlatform.builder().start();
    config = LayeredConfig.builder().flags(platform.clientConfig()).build();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
      TopicAdmin.ensureTopics(admin, TopicCatalog.from(config).all());
    }
  }

  @AfterAll
  static void stopPlatform() {
    platform.close();
  }

  private static List<SinkConnector> connectors() {
    SinkOverlay overlay = SinkOverlay.from(config);
    return SinkConnectors.shipped().stream().map(overlay::apply).toList();
  }

  private static CategorySales sales(long orders, String net) {
    Instant start = Instant.parse("2024-11-21T00:00:00Z");
    return CategorySales.newBuilder()
        .setCategory("Books")
        .setInterval("1m")
        .setWindowStart(start)
        .setWindowEnd(start.plusSeconds(60))
        .setOrders(orders)
        .setUnits(orders)
        .setGrossRevenue(new BigDecimal("1000.00"))
        .setNetRevenue(new BigDecimal(net))
        .setDiscountTotal(new BigDecimal("1000.00").subtract(new BigDecimal(net)))
        .setRevenueUsd(new BigDecimal("11.85"))
        .setUnvaluedOrders(0)
        .setOrdersByPaymentMethod(Map.of("UPI", orders))
        .build();
  }

  @Test
  void shouldRefuseConfigsConnectRejectsNamingConnectorAndKey() {
    LayeredConfig bad =
        config.with(
            Map.of(
                "hopper.connect.name.prefix", "bad-",
                "hopper.connect.set.writemodel.strategy", "no.such.Strategy"));
    SinkOverlay overlay = SinkOverlay.from(bad);
    SinkDeployer deployer =
        new SinkDeployer(
            new ConnectRestClient(platform.connectUrl().orElseThrow()),
            null,
            Duration.ofSeconds(30));

    assertThatThrownBy(
            () -> deployer.deploy(SinkConnectors.shipped().stream().map(overlay::apply).toList()))
        .isInstanceOf(SinkDeployer.DeployException.class)
        .hasMessageContaining("Connect rejected the sink configs")
        .hasMessageContaining("bad-hopper-sink-candles: writemodel.strategy");
  }

  @Test
  void shouldDeployIdempotentlyAndSinkUpsertedDocumentsWithDecimalsAndDates() throws Exception {
    SinkDeployer deployer =
        new SinkDeployer(
            new ConnectRestClient(platform.connectUrl().orElseThrow()),
            platform.mongoUri().orElseThrow(),
            Duration.ofSeconds(90));

    SinkDeployer.Result first = deployer.deploy(connectors());
    assertThat(first.actions()).hasSize(5).containsValues("created").doesNotContainValue("updated");
    assertThat(first.indexesCreated())
        .contains(
            "candles.coin_interval_window",
            "category_sales.category_interval_window",
            "enriched_orders.customer_time");
    SinkDeployer.Result second = deployer.deploy(connectors());
    assertThat(second.actions())
        .hasSize(5)
        .containsValues("updated")
        .doesNotContainValue("created");
    assertThat(second.indexesCreated()).isEmpty();

    String key = "Books:1m:1732147200000";
    String topic =
        TopicCatalog.from(config).name(dev.hopper.topics.HopperTopic.SHOP_SALES_BY_CATEGORY);
    SpecificAvroSerializer<CategorySales> serializer = new SpecificAvroSerializer<>();
    serializer.configure(config.kafkaProperties(), false);
    try (KafkaProducer<String, CategorySales> producer =
            new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", platform.bootstrapServers()),
                new StringSerializer(),
                serializer);
        KafkaProducer<String, byte[]> raw =
            new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", platform.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
        MongoClient mongo = MongoClients.create(platform.mongoUri().orElseThrow())) {
      MongoCollection<Document> docs = mongo.getDatabase("hopper").getCollection("category_sales");

      producer.send(new ProducerRecord<>(topic, key, sales(3, "900.00"))).get();
      // Bytes the converter cannot read: dead-lettered, and the connector keeps running.
      raw.send(new ProducerRecord<>(topic, "poison", new byte[] {0, 0, 0, 0, 99, 1})).get();
      // The same key again with new figures: replaced in place.
      producer.send(new ProducerRecord<>(topic, key, sales(4, "850.50"))).get();

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(docs.find(Filters.eq("_id", key)).first())
                      .isNotNull()
                      .containsEntry("orders", 4L));
      Document doc = docs.find(Filters.eq("_id", key)).first();
      assertThat(docs.countDocuments()).isEqualTo(1);
      assertThat(doc.get("netRevenue")).isEqualTo(Decimal128.parse("850.50"));
      assertThat(doc.get("grossRevenue")).isEqualTo(Decimal128.parse("1000.00"));
      assertThat(doc.get("windowStart"))
          .isEqualTo(Date.from(Instant.parse("2024-11-21T00:00:00Z")));
      assertThat(doc.get("ordersByPaymentMethod", Document.class)).containsEntry("UPI", 4L);
      assertThat(doc).containsEntry("category", "Books").containsEntry("interval", "1m");

      ConnectRestClient.Status status =
          new ConnectRestClient(platform.connectUrl().orElseThrow())
              .status("hopper-sink-category-sales");
      assertThat(status.running()).isTrue();
    }
  }
}

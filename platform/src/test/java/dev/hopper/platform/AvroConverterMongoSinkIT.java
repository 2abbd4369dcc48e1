package dev.hopper.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.hopper.avro.EnrichedOrder;
import dev.hopper.avro.OrderPayment;
import dev.hopper.avro.OrderPaymentStatus;
import dev.hopper.registry.serde.SpecificAvroSerializer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/**
 * Hopper's Avro converter in the real Connect worker, feeding the real MongoDB sink connector:
 * decimals land as Decimal128 and timestamps as BSON dates, checked on the raw documents.
 */
class AvroConverterMongoSinkIT {
  private static final Instant ORDER_TIME = Instant.parse("2024-11-21T10:15:30.123Z");

  private final EmbeddedPlatform platform = SharedPlatform.get();
  private final String registryUrl = platform.schemaRegistryUrl().orElseThrow();

  private String sinkConfig(String topic, String collection) {
    return """
        {
          "connector.class": "com.mongodb.kafka.connect.MongoSinkConnector",
          "tasks.max": "1",
          "topics": "%s",
          "connection.uri": "%s",
          "database": "hopper",
          "collection": "%s",
          "key.converter": "org.apache.kafka.connect.storage.StringConverter",
          "value.converter": "dev.hopper.registry.connect.AvroConverter",
          "value.converter.schema.registry.url": "%s",
          "transforms": "keyAsId",
          "transforms.keyAsId.type": "org.apache.kafka.connect.transforms.HoistField$Key",
          "transforms.keyAsId.field": "_id",
          "document.id.strategy": "com.mongodb.kafka.connect.sink.processor.id.strategy.ProvidedInKeyStrategy",
          "writemodel.strategy": "com.mongodb.kafka.connect.sink.writemodel.strategy.ReplaceOneDefaultStrategy"
        }
        """
        .formatted(topic, platform.mongoUri().orElseThrow(), collection, registryUrl);
  }

  private <T extends SpecificRecord> void produce(String topic, String key, T value)
      throws Exception {
    SpecificAvroSerializer<T> serializer = new SpecificAvroSerializer<>();
    serializer.configure(Map.of("schema.registry.url", registryUrl), false);
    try (KafkaProducer<String, T> producer =
        new KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", platform.bootstrapServers(), "acks", "all"),
            new StringSerializer(),
            serializer)) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  @Test
  void shouldSinkDecimalsAsDecimal128AndTimestampsAsDates() throws Exception {
    String topic = "it.converter.enriched";
    KafkaClients.createTopic(platform.bootstrapServers(), topic, 1);
    EnrichedOrder order =
        EnrichedOrder.newBuilder()
            .setOrderId("O-42")
            .setCustomerId("C-1")
            .setProductId("P-1")
            .setCategory("Books")
            .setQuantity(3)
            .setUnitPrice(new BigDecimal("499.00"))
            .setDiscountPct(new BigDecimal("10.00"))
            .setFinalPrice(new BigDecimal("1347.30"))
            .setCurrency("INR")
            .setPaymentMethod(dev.hopper.avro.PaymentMethod.UPI)
            .setOrderTime(ORDER_TIME)
            .setFinalPriceUsd(new BigDecimal("15.95"))
            .setFinalPriceBtc(new BigDecimal("0.00016254"))
            .setQuoteTime(ORDER_TIME.minusSeconds(40))
            .setFlags(List.of(dev.hopper.avro.EnrichmentFlag.PRODUCT_MISSING))
            .build();

    var response =
        ConnectRest.putConfig(
            platform.connectUrl().orElseThrow(),
            "it-avro-enriched",
            sinkConfig(topic, "it_enriched"));
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    produce(topic, order.getOrderId(), order);

    try (MongoClient mongo = MongoClients.create(platform.mongoUri().orElseThrow())) {
      MongoCollection<BsonDocument> docs =
          mongo.getDatabase("hopper").getCollection("it_enriched", BsonDocument.class);
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> assertThat(docs.find(Filters.eq("_id", "O-42")).first()).isNotNull());
      BsonDocument doc = docs.find(Filters.eq("_id", "O-42")).first();

      assertThat(doc.get("finalPrice").getBsonType()).isEqualTo(BsonType.DECIMAL128);
      assertThat(doc.getDecimal128("finalPrice").getValue())
          .isEqualTo(new Decimal128(new BigDecimal("1347.30")));
      assertThat(doc.getDecimal128("finalPriceBtc").getValue().bigDecimalValue())
          .isEqualTo(new BigDecimal("0.00016254"));
      assertThat(doc.get("orderTime").getBsonType()).isEqualTo(BsonType.DATE_TIME);
      assertThat(doc.getDateTime("orderTime").getValue()).isEqualTo(ORDER_TIME.toEpochMilli());
      assertThat(doc.getDateTime("quoteTime").getValue())
          .isEqualTo(ORDER_TIME.minusSeconds(40).toEpochMilli());
      assertThat(doc.getString("paymentMethod").getValue()).isEqualTo("UPI");
      assertThat(doc.getInt32("quantity").getValue()).isEqualTo(3);
      assertThat(doc.getArray("flags").get(0).asString().getValue()).isEqualTo("PRODUCT_MISSING");
      assertThat(doc.isNull("customerCity")).isTrue();
    }
  }

  @Test
  void shouldSinkOptionalDecimalsAndTimesWhenPresentAndNullsWhenNot() throws Exception {
    String topic = "it.converter.payments";
    KafkaClients.createTopic(platform.bootstrapServers(), topic, 1);
    OrderPayment unpaid =
        OrderPayment.newBuilder()
            .setOrderId("O-7")
            .setStatus(OrderPaymentStatus.UNPAID)
            .setOrderTime(ORDER_TIME)
            .build();
    OrderPayment paid =
        OrderPayment.newBuilder(unpaid)
            .setOrderId("O-8")
            .setStatus(OrderPaymentStatus.PAID)
            .setPaymentId("PAY-8")
            .setAmount(new BigDecimal("12.50"))
            .setPaidAt(ORDER_TIME.plusSeconds(61))
            .setPaymentLatencyMs(61_000L)
            .build();

    var response =
        ConnectRest.putConfig(
            platform.connectUrl().orElseThrow(),
            "it-avro-payments",
            sinkConfig(topic, "it_payments"));
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    produce(topic, "O-7", unpaid);
    produce(topic, "O-8", paid);

    try (MongoClient mongo = MongoClients.create(platform.mongoUri().orElseThrow())) {
      MongoCollection<Document> docs = mongo.getDatabase("hopper").getCollection("it_payments");
      await().atMost(Duration.ofSeconds(90)).until(() -> docs.countDocuments() == 2);

      Document paidDoc = docs.find(Filters.eq("_id", "O-8")).first();
      Document unpaidDoc = docs.find(Filters.eq("_id", "O-7")).first();
      assertThat(paidDoc.get("amount")).isEqualTo(new Decimal128(new BigDecimal("12.50")));
      assertThat(paidDoc.get("paidAt")).isEqualTo(Date.from(ORDER_TIME.plusSeconds(61)));
      assertThat(paidDoc.get("status")).isEqualTo("PAID");
      assertThat(unpaidDoc.get("amount")).isNull();
      assertThat(unpaidDoc.get("paidAt")).isNull();
      assertThat(unpaidDoc.get("orderTime")).isEqualTo(Date.from(ORDER_TIME));
    }
  }
}

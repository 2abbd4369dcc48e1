package dev.hopper.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class ConnectMongoSinkIT {
  private final EmbeddedPlatform platform = SharedPlatform.get();

  private static String sinkConfig(String topic, String mongoUri, String collection) {
    return """
        {
          "connector.class": "com.mongodb.kafka.connect.MongoSinkConnector",
          "tasks.max": "1",
          "topics": "%s",
          "connection.uri": "%s",
          "database": "hopper",
          "collection": "%s",
          "key.converter": "org.apache.kafka.connect.storage.StringConverter",
          "value.converter": "org.apache.kafka.connect.json.JsonConverter",
          "value.converter.schemas.enable": "false",
          "transforms": "keyAsId",
          "transforms.keyAsId.type": "org.apache.kafka.connect.transforms.HoistField$Key",
          "transforms.keyAsId.field": "_id",
          "document.id.strategy": "com.mongodb.kafka.connect.sink.processor.id.strategy.ProvidedInKeyStrategy",
          "writemodel.strategy": "com.mongodb.kafka.connect.sink.writemodel.strategy.ReplaceOneDefaultStrategy"
        }
        """
        .formatted(topic, mongoUri, collection);
  }

  @Test
  void shouldSinkJsonRecordsAsDocumentsAndUpsertOnRedelivery() throws Exception {
    String topic = "it.sink.json";
    String mongoUri = platform.mongoUri().orElseThrow();
    String connectUrl = platform.connectUrl().orElseThrow();
    KafkaClients.createTopic(platform.bootstrapServers(), topic, 1);

    var response =
        ConnectRest.putConfig(connectUrl, "it-json-sink", sinkConfig(topic, mongoUri, "it_docs"));
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);

    try (KafkaProducer<String, String> producer =
            KafkaClients.producer(platform.bootstrapServers(), Map.of());
        MongoClient mongo = MongoClients.create(mongoUri)) {
      MongoCollection<Document> docs = mongo.getDatabase("hopper").getCollection("it_docs");

      producer.send(new ProducerRecord<>(topic, "order-1", "{\"status\":\"NEW\",\"n\":1}")).get();
      producer.send(new ProducerRecord<>(topic, "order-2", "{\"status\":\"NEW\",\"n\":2}")).get();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(docs.countDocuments()).isEqualTo(2));
      assertThat(docs.find(Filters.eq("_id", "order-1")).first())
          .containsEntry("status", "NEW")
          .containsEntry("n", 1L);

      // The same key again: the document is replaced in place, not duplicated.
      producer.send(new ProducerRecord<>(topic, "order-1", "{\"status\":\"PAID\",\"n\":3}")).get();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(docs.find(Filters.eq("_id", "order-1")).first())
                      .containsEntry("status", "PAID"));
      assertThat(docs.countDocuments()).isEqualTo(2);
      assertThat(docs.find(Filters.eq("_id", "order-1")).first()).containsEntry("n", 3L);
    }
  }

  @Test
  void shouldNeverSinkRecordsOfAbortedTransactions() throws Exception {
    String topic = "it.sink.tx";
    String mongoUri = platform.mongoUri().orElseThrow();
    KafkaClients.createTopic(platform.bootstrapServers(), topic, 1);
    var response =
        ConnectRest.putConfig(
            platform.connectUrl().orElseThrow(),
            "it-tx-sink",
            sinkConfig(topic, mongoUri, "it_tx"));
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);

    try (KafkaProducer<String, String> producer =
            KafkaClients.producer(
                platform.bootstrapServers(),
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-sink-tx"));
        MongoClient mongo = MongoClients.create(mongoUri)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "aborted", "{\"v\":1}"));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "committed", "{\"v\":2}"));
      producer.commitTransaction();

      MongoCollection<Document> docs = mongo.getDatabase("hopper").getCollection("it_tx");
      // The committed record comes after the aborted one: once it is in, the sink has passed both.
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> assertThat(docs.find(Filters.eq("_id", "committed")).first()).isNotNull());
      assertThat(docs.find(Filters.eq("_id", "aborted")).first()).isNull();
      assertThat(docs.countDocuments()).isEqualTo(1);
    }
  }
}

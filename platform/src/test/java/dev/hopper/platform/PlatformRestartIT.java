package dev.hopper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformRestartIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SCHEMA_REQUEST =
      "{\"schema\": \"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"RestartProbe\\\","
          + "\\\"fields\\\":[{\\\"name\\\":\\\"n\\\",\\\"type\\\":\\\"int\\\"}]}\"}";

  @Test
  void shouldKeepTopicsOffsetsAndDocumentsAcrossARestartOnTheSameDataDir(@TempDir Path dataDir)
      throws Exception {
    // Fixed ports for both runs, as the launcher has: connector configs stored in Kafka name them.
    EmbeddedPlatform.Builder builder =
        EmbeddedPlatform.builder()
            .dataDir(dataDir)
            .mongoStorage(EmbeddedPlatform.MongoStorage.FILE)
            .kafkaPort(Ports.freePort())
            .registryPort(Ports.freePort())
            .mongoPort(Ports.freePort())
            .connectPort(Ports.freePort());
    String topic = "it.restart";
    String schemaId;
    String group = "it-restart-group";

    try (EmbeddedPlatform first = builder.start()) {
      KafkaClients.createTopic(first.bootstrapServers(), topic, 1);
      try (KafkaProducer<String, String> producer =
          KafkaClients.producer(first.bootstrapServers(), Map.of())) {
        for (int i = 1; i <= 5; i++) {
          producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
        }
      }
      try (KafkaConsumer<String, String> consumer =
          KafkaClients.consumer(first.bootstrapServers(), group, Map.of("max.poll.records", 3))) {
        consumer.subscribe(List.of(topic));
        List<ConsumerRecord<String, String>> firstThree =
            KafkaClients.poll(consumer, 3, Duration.ofSeconds(30));
        assertThat(firstThree).extracting(ConsumerRecord::value).startsWith("v1", "v2", "v3");
        consumer.commitSync(
            Map.of(
                new org.apache.kafka.common.TopicPartition(topic, 0),
                new org.apache.kafka.clients.consumer.OffsetAndMetadata(3)));
      }
      HttpResponse<String> registered =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          first.schemaRegistryUrl().orElseThrow()
                              + "/subjects/it.restart-value/versions"))
                  .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                  .POST(HttpRequest.BodyPublishers.ofString(SCHEMA_REQUEST))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
      schemaId = registered.body();
      try (MongoClient mongo = MongoClients.create(first.mongoUri().orElseThrow())) {
        mongo
            .getDatabase("hopper")
            .getCollection("it_restart")
            .insertOne(new Document("_id", "kept").append("n", 42));
      }
    }

    try (EmbeddedPlatform second = builder.start()) {
      try (KafkaConsumer<String, String> sameGroup =
              KafkaClients.consumer(second.bootstrapServers(), group, Map.of());
          KafkaConsumer<String, String> newGroup =
              KafkaClients.consumer(second.bootstrapServers(), "it-restart-new", Map.of())) {
        sameGroup.subscribe(List.of(topic));
        newGroup.subscribe(List.of(topic));

        assertThat(KafkaClients.poll(sameGroup, 2, Duration.ofSeconds(30)))
            .extracting(ConsumerRecord::value)
            .containsExactly("v4", "v5");
        assertThat(KafkaClients.poll(newGroup, 5, Duration.ofSeconds(30)))
            .extracting(ConsumerRecord::value)
            .containsExactly("v1", "v2", "v3", "v4", "v5");
      }
      // The registry rebuilt its state from the _schemas topic: same id, same schema.
      int id = Integer.parseInt(schemaId.replaceAll("[^0-9]", ""));
      HttpResponse<String> byId =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(second.schemaRegistryUrl().orElseThrow() + "/schemas/ids/" + id))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(byId.statusCode()).isEqualTo(200);
      assertThat(byId.body()).contains("RestartProbe");
      try (MongoClient mongo = MongoClients.create(second.mongoUri().orElseThrow())) {
        Document kept = mongo.getDatabase("hopper").getCollection("it_restart").find().first();
        assertThat(kept).isNotNull().containsEntry("_id", "kept").containsEntry("n", 42);
      }
    }
  }
}

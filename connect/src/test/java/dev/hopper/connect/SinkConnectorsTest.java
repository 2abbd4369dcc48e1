package dev.hopper.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopper.config.ConfigException;
import dev.hopper.config.LayeredConfig;
import dev.hopper.topics.HopperTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkConnectorsTest {

  @Test
  void shouldShipOneUpsertingSinkPerOutputTopicKeyedByTheRecordKey() {
    List<SinkConnector> sinks = SinkConnectors.shipped();

    assertThat(sinks)
        .extracting(SinkConnector::collection)
        .containsExactly(
            "candles", "price_moves", "enriched_orders", "category_sales", "order_payments");
    for (SinkConnector sink : sinks) {
      assertThat(sink.config())
          .containsEntry("connector.class", "com.mongodb.kafka.connect.MongoSinkConnector")
          .containsEntry("topics", sink.topic().defaultName())
          .containsEntry("database", "hopper")
          .containsEntry("collection", sink.collection())
          .containsEntry("key.converter", "org.apache.kafka.connect.storage.StringConverter")
          .containsEntry(
              "transforms.keyAsId.type", "org.apache.kafka.connect.transforms.HoistField$Key")
          .containsEntry("transforms.keyAsId.field", "_id")
          .containsEntry(
              "document.id.strategy",
              "com.mongodb.kafka.connect.sink.processor.id.strategy.ProvidedInKeyStrategy")
          .containsEntry(
              "writemodel.strategy",
              "com.mongodb.kafka.connect.sink.writemodel.strategy.ReplaceOneDefaultStrategy")
          .containsEntry("consumer.override.isolation.level", "read_committed")
          .containsEntry("errors.tolerance", "all")
          .containsEntry("errors.deadletterqueue.context.headers.enable", "true");
    }
  }

  @Test
  void shouldApplyTheEmbeddedOverlayWithUrlsAndRenamedTopics() {
    LayeredConfig config =
        LayeredConfig.builder()
            .flags(
                Map.of(
                    "mongodb.uri", "mongodb://127.0.0.1:1234",
                    "schema.registry.url", "http://127.0.0.1:5678",
                    "hopper.topic.crypto.candles.name", "prod.candles",
                    "hopper.connect.name.prefix", "prod-",
                    "hopper.connect.set.tasks.max", "2"))
            .build();

    SinkConnector candles = SinkOverlay.from(config).apply(SinkConnectors.shipped().get(0));

    assertThat(candles.topic()).isEqualTo(HopperTopic.CRYPTO_CANDLES);
    assertThat(candles.name()).isEqualTo("prod-hopper-sink-candles");
    assertThat(candles.config())
        .containsEntry("topics", "prod.candles")
        .containsEntry("connection.uri", "mongodb://127.0.0.1:1234")
        .containsEntry("value.converter", SinkOverlay.HOPPER_CONVERTER)
        .containsEntry("value.converter.schema.registry.url", "http://127.0.0.1:5678")
        .containsEntry("errors.deadletterqueue.topic.replication.factor", "1")
        .containsEntry("tasks.max", "2");
  }

  @Test
  void shouldUseConfluentsConverterAndReplicatedDeadLettersInTheConfluentProfile() {
    LayeredConfig config =
        LayeredConfig.builder().flags(Map.of("hopper.connect.profile", "confluent")).build();

    SinkConnector sink = SinkOverlay.from(config).apply(SinkConnectors.shipped().get(1));

    assertThat(sink.config())
        .containsEntry("value.converter", SinkOverlay.CONFLUENT_CONVERTER)
        .containsEntry("errors.deadletterqueue.topic.replication.factor", "3");
  }

  @Test
  void shouldRejectAnUnknownProfileNamingTheAcceptedValues() {
    LayeredConfig config =
        LayeredConfig.builder().flags(Map.of("hopper.connect.profile", "cloud")).build();

    assertThatThrownBy(() -> SinkOverlay.from(config))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Configuration hopper.connect.profile=cloud must be embedded or confluent");
  }

  @Test
  void shouldReadConfigsFromADirectoryAndExplainWhatIsWrong(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> SinkConnectors.fromDirectory(dir))
        .hasMessageContaining("hopper-sink-candles.json is missing");

    for (SinkConnectors.Sink sink : SinkConnectors.Sink.values()) {
      Files.writeString(
          dir.resolve(sink.connectorName() + ".json"),
          "{\"name\":\""
              + sink.connectorName()
              + "\",\"config\":{\"connector.class\":\"X\",\"topics\":\"t\"}}");
    }
    assertThat(SinkConnectors.fromDirectory(dir)).hasSize(5);

    Files.writeString(dir.resolve("hopper-sink-candles.json"), "{\"config\": 1}");
    assertThatThrownBy(() -> SinkConnectors.fromDirectory(dir))
        .hasMessageContaining("expected {\"name\": ..., \"config\": {...}}");

    Files.writeString(dir.resolve("hopper-sink-candles.json"), "{not json");
    assertThatThrownBy(() -> SinkConnectors.fromDirectory(dir))
        .hasMessageContaining("is not valid JSON");
  }
}

package dev.hopper.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.hopper.config.LayeredConfig;
import dev.hopper.connect.ConnectRestClient;
import dev.hopper.connect.SinkConnectors;
import dev.hopper.connect.SinkDeployer;
import dev.hopper.connect.SinkOverlay;
import dev.hopper.platform.EmbeddedPlatform;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * The shipped sink connectors deployed for one fixture (its topics, its own database and connector
 * names on the shared Connect worker), and the check that MongoDB holds exactly the expected
 * results: one document per key, {@code _id} = key, each field converted from the expected Avro
 * record by SPEC's rules (decimals as Decimal128, times as dates), written here independently of
 * the converter and the sink.
 */
final class MongoSinks {
  private MongoSinks() {}

  /** Deploys the five sinks for {@code f}'s topics; returns the database they write. */
  static String deploy(EmbeddedPlatform platform, StreamsFixture f) throws Exception {
    String database = "it_" + f.prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    Map<String, String> flags = new LinkedHashMap<>(f.topicFlags);
    flags.putAll(platform.clientConfig());
    flags.put("hopper.connect.name.prefix", f.prefix);
    flags.put("hopper.connect.set.database", database);
    SinkOverlay overlay = SinkOverlay.from(LayeredConfig.builder().flags(flags).build());
    new SinkDeployer(
            new ConnectRestClient(platform.connectUrl().orElseThrow()), null, Duration.ofMinutes(2))
        .deploy(SinkConnectors.shipped().stream().map(overlay::apply).toList());
    return database;
  }

  /** Waits until {@code collection} holds exactly one document per expected key, equal to it. */
  static void awaitExactly(
      EmbeddedPlatform platform,
      String database,
      String collection,
      Map<String, ? extends SpecificRecord> expected) {
    Map<String, Document> wanted = new HashMap<>();
    expected.forEach((key, record) -> wanted.put(key, document(key, record)));
    try (MongoClient client = MongoClients.create(platform.mongoUri().orElseThrow())) {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(2))
          .untilAsserted(
              () -> {
                Map<String, Document> actual = new HashMap<>();
                for (Document d : client.getDatabase(database).getCollection(collection).find()) {
                  actual.put(d.getString("_id"), d);
                }
                assertThat(actual.keySet()).as(collection + " ids").isEqualTo(wanted.keySet());
                wanted.forEach(
                    (id, doc) ->
                        assertThat(actual.get(id)).as(collection + " " + id).isEqualTo(doc));
              });
    }
  }

  /**
   * Waits until every sink of {@code f} has committed offsets past the last committed record of its
   * topic: it has written everything there is, so what MongoDB holds now is final. (The end offset
   * itself may be a transaction marker, which a sink never commits past.)
   */
  static void awaitCaughtUp(EmbeddedPlatform platform, StreamsFixture f) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
      for (SinkConnectors.Sink sink : SinkConnectors.Sink.values()) {
        Map<TopicPartition, Long> needed = lastRecordOffsets(platform, f.topic(sink.topic()));
        String group = "connect-" + f.prefix + sink.connectorName();
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofSeconds(1))
            .untilAsserted(
                () -> {
                  Map<TopicPartition, OffsetAndMetadata> committed =
                      admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                  needed.forEach(
                      (tp, last) ->
                          assertThat(committed.get(tp))
                              .as("sink offset of " + tp)
                              .isNotNull()
                              .extracting(OffsetAndMetadata::offset)
                              .isEqualTo(last + 1));
                });
      }
    }
  }

  /** The offset of the last committed record of each non-empty partition of {@code topic}. */
  private static Map<TopicPartition, Long> lastRecordOffsets(
      EmbeddedPlatform platform, String topic) {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", platform.bootstrapServers());
    props.put("isolation.level", "read_committed");
    props.put("enable.auto.commit", "false");
    Map<TopicPartition, Long> last = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          last.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::max);
        }
      }
    }
    return last;
  }

  /** The document SPEC promises for a record: {@code _id} = key, then every field by its schema. */
  static Document document(String key, SpecificRecord record) {
    Document doc = new Document("_id", key);
    for (Schema.Field field : record.getSchema().getFields()) {
      doc.append(field.name(), bson(field.schema(), record.get(field.pos())));
    }
    return doc;
  }

  private static Object bson(Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    if (schema.getType() == Schema.Type.UNION) {
      Schema nonNull =
          schema.getTypes().stream()
              .filter(s -> s.getType() != Schema.Type.NULL)
              .findFirst()
              .orElseThrow();
      return bson(nonNull, value);
    }
    return switch (schema.getType()) {
      case BYTES -> new Decimal128((BigDecimal) value);
      case LONG -> value instanceof Instant instant ? Date.from(instant) : value;
      case ENUM, STRING -> value.toString();
      case MAP -> {
        Document map = new Document();
        ((Map<?, ?>) value)
            .forEach((k, v) -> map.append(k.toString(), bson(schema.getValueType(), v)));
        yield map;
      }
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (Object item : (List<?>) value) {
          list.add(bson(schema.getElementType(), item));
        }
        yield list;
      }
      default -> value;
    };
  }
}

package dev.hopper.producers.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopper.avro.Order;
import dev.hopper.producers.generate.BadKind;
import dev.hopper.producers.generate.DataGenerator;
import dev.hopper.producers.generate.GeneratedData;
import dev.hopper.producers.generate.GeneratedRecord;
import dev.hopper.producers.generate.GeneratorConfig;
import dev.hopper.registry.client.MockSchemaRegistry;
import dev.hopper.registry.serde.SpecificAvroDeserializer;
import dev.hopper.registry.serde.SpecificAvroSerializer;
import dev.hopper.topics.HopperTopic;
import dev.hopper.topics.TopicCatalog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HopperProducerTest {

  private static final String SCOPE = "hopper-producer-test";
  private static final Map<String, String> SERDE = Map.of("schema.registry.url", "mock://" + SCOPE);

  private static MockProducer<String, Object> mock(boolean autoComplete) {
    RecordValueSerializer values = new RecordValueSerializer(new SpecificAvroSerializer<>());
    values.configure(SERDE, false);
    return new MockProducer<>(autoComplete, null, new StringSerializer(), values);
  }

  @AfterEach
  void dropRegistry() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void shouldSendEveryGeneratedRecordWithItsKeyTimestampAndValueAvroOrRaw() {
    GeneratedData data =
        DataGenerator.generate(GeneratorConfig.builder().orders(400).badRatio(0.1).build());
    MockProducer<String, Object> mock = mock(true);
    TopicCatalog catalog = TopicCatalog.defaults();

    long sent;
    try (HopperProducer producer = new HopperProducer(mock, catalog)) {
      sent = RecordPublisher.publish(data.records(), producer);
      assertThat(producer.acked()).isEqualTo(sent);
    }

    List<ProducerRecord<String, Object>> history = mock.history();
    assertThat(sent).isEqualTo(data.records().size());
    assertThat(history).hasSize(data.records().size());
    SpecificAvroDeserializer<Order> orders = new SpecificAvroDeserializer<>();
    orders.configure(
        Map.of("schema.registry.url", "mock://" + SCOPE, "specific.avro.reader", "true"), false);
    for (int i = 0; i < history.size(); i++) {
      GeneratedRecord expected = data.records().get(i);
      ProducerRecord<String, Object> actual = history.get(i);
      assertThat(actual.topic()).isEqualTo(catalog.name(expected.topic()));
      assertThat(actual.key()).isEqualTo(expected.key());
      assertThat(actual.timestamp()).isEqualTo(expected.timestamp().toEpochMilli());
      if (expected.isPoisonPill()) {
        assertThat((byte[]) actual.value()).isEqualTo(expected.rawValue());
      } else {
        assertThat(actual.value()).isEqualTo(expected.value());
      }
    }
    GeneratedRecord order = data.records(HopperTopic.SHOP_ORDERS).get(0);
    RecordValueSerializer serializer = new RecordValueSerializer(new SpecificAvroSerializer<>());
    serializer.configure(SERDE, false);
    byte[] framed = serializer.serialize("shop.orders", order.value());
    assertThat(framed[0]).isZero();
    assertThat(orders.deserialize("shop.orders", framed)).isEqualTo(order.value());
    assertThat(data.bad(BadKind.ORDER_POISON_PILL)).isNotEmpty();
  }

  @Test
  void shouldStopAtTheFirstRefusedRecordInsteadOfLosingItSilently() {
    MockProducer<String, Object> mock = mock(false);
    HopperProducer producer = new HopperProducer(mock, TopicCatalog.defaults());
    Instant future = Instant.now().plusSeconds(7200);

    producer.send(HopperTopic.SHOP_ORDERS, "o-1", new byte[] {1}, future);
    mock.errorNext(new InvalidTimestampException("Timestamp is out of range"));

    assertThat(producer.failed()).isEqualTo(1);
    assertThatThrownBy(
            () -> producer.send(HopperTopic.SHOP_ORDERS, "o-2", new byte[] {2}, Instant.now()))
        .isInstanceOf(SendFailedException.class)
        .hasMessageContaining("shop.orders")
        .hasMessageContaining("o-1")
        .hasMessageContaining("Timestamp is out of range");
    assertThatThrownBy(producer::flush).isInstanceOf(SendFailedException.class);
    assertThatThrownBy(producer::close).isInstanceOf(SendFailedException.class);
    assertThat(mock.history()).hasSize(1);
  }

  @Test
  void shouldReportASerializationFailureAtOnce() {
    HopperProducer producer = new HopperProducer(mock(true), TopicCatalog.defaults());

    assertThatThrownBy(() -> producer.send(HopperTopic.SHOP_ORDERS, "k", "not avro", Instant.now()))
        .isInstanceOf(SendFailedException.class)
        .hasMessageContaining("cannot serialize a java.lang.String");
  }

  @Test
  void shouldPaceToTheAskedRateAndShowRateAndEta() throws Exception {
    long[] now = {0};
    RatePacer pacer = new RatePacer(100, d -> now[0] += d.toNanos(), () -> now[0]);
    Progress progress = new Progress("rows", 1000, null, () -> now[0]);

    for (int i = 0; i < 500; i++) {
      pacer.acquire();
      progress.advance(1);
    }

    assertThat(now[0]).isEqualTo(4_990_000_000L);
    assertThat(progress.status()).isEqualTo("500/1,000 rows (100/s, ETA 0:04)");
    assertThat(Progress.duration(3725)).isEqualTo("1:02:05");
    RatePacer unlimited = new RatePacer(0, d -> now[0] = -1, () -> 0);
    unlimited.acquire();
    assertThat(now[0]).isEqualTo(4_990_000_000L);
  }
}

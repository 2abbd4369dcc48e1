package dev.hopper.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopper.avro.Order;
import dev.hopper.avro.Payment;
import dev.hopper.registry.client.MockSchemaRegistry;
import dev.hopper.testing.AvroSamples;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SubjectNameStrategyTest {
  private final String scope = "strategy-" + UUID.randomUUID();

  @AfterEach
  void drop() {
    MockSchemaRegistry.dropScope(scope);
  }

  @Test
  void shouldNameSubjectsLikeConfluent() {
    var schema = Order.getClassSchema();

    assertThat(new TopicNameStrategy().subjectName("shop.orders", false, schema))
        .isEqualTo("shop.orders-value");
    assertThat(new TopicNameStrategy().subjectName("shop.orders", true, schema))
        .isEqualTo("shop.orders-key");
    assertThat(new RecordNameStrategy().subjectName("shop.orders", false, schema))
        .isEqualTo("dev.hopper.avro.Order");
    assertThat(new TopicRecordNameStrategy().subjectName("shop.orders", false, schema))
        .isEqualTo("shop.orders-dev.hopper.avro.Order");
  }

  @Test
  void shouldAcceptConfluentClassNamesHopperClassesAndSimpleNames() {
    assertThat(SubjectNameStrategy.of("io.confluent.kafka.serializers.subject.RecordNameStrategy"))
        .isInstanceOf(RecordNameStrategy.class);
    assertThat(SubjectNameStrategy.of(TopicRecordNameStrategy.class))
        .isInstanceOf(TopicRecordNameStrategy.class);
    assertThat(SubjectNameStrategy.of("TopicNameStrategy")).isInstanceOf(TopicNameStrategy.class);
    assertThat(SubjectNameStrategy.of(null)).isInstanceOf(TopicNameStrategy.class);
    assertThatThrownBy(() -> SubjectNameStrategy.of("com.example.Nope"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown strategy");
  }

  @Test
  void shouldRegisterSeveralRecordTypesOfOneTopicUnderTheirOwnSubjects() {
    KafkaAvroSerializer serializer = new KafkaAvroSerializer();
    serializer.configure(
        Map.of(
            "schema.registry.url",
            "mock://" + scope,
            "value.subject.name.strategy",
            "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"),
        false);

    for (SpecificRecord record :
        new SpecificRecord[] {AvroSamples.order(), AvroSamples.payment()}) {
      serializer.serialize("shop.events", record);
    }

    assertThat(MockSchemaRegistry.service(scope).subjects(null, false, false))
        .containsExactly(
            "shop.events-" + Order.class.getName(), "shop.events-" + Payment.class.getName());
  }
}

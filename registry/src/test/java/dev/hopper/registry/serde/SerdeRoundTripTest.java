package dev.hopper.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.registry.client.MockSchemaRegistry;
import dev.hopper.testing.AvroSamples;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Hopper schema through the real serdes and the mock registry, specific and generic. */
class SerdeRoundTripTest {
  private final String scope = "round-trip-" + UUID.randomUUID();
  private final Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.dropScope(scope);
  }

  static Stream<Arguments> records() {
    return Stream.concat(
            AvroSamples.full().stream().map(r -> Arguments.of(r.getClass().getSimpleName(), r)),
            AvroSamples.sparse().stream()
                .map(r -> Arguments.of(r.getClass().getSimpleName() + " (sparse)", r)))
        .flatMap(
            a -> Stream.of(true, false).map(isKey -> Arguments.of(a.get()[0], a.get()[1], isKey)));
  }

  @ParameterizedTest(name = "{0} as key={2}")
  @MethodSource("records")
  void shouldRoundTripSpecificRecords(String name, SpecificRecord record, boolean isKey) {
    try (SpecificAvroSerde<SpecificRecord> serde = new SpecificAvroSerde<>()) {
      serde.configure(config, isKey);

      byte[] bytes = serde.serializer().serialize("topic-a", record);
      SpecificRecord back = serde.deserializer().deserialize("topic-a", bytes);

      assertThat(bytes[0]).isZero();
      assertThat(back).isEqualTo(record);
      assertThat(MockSchemaRegistry.service(scope).subjects(null, false, false))
          .containsExactly(isKey ? "topic-a-key" : "topic-a-value");
    }
  }

  @ParameterizedTest(name = "{0} as key={2}")
  @MethodSource("records")
  void shouldRoundTripGenericRecordsAndMeetSpecificOnes(
      String name, SpecificRecord record, boolean isKey) {
    try (SpecificAvroSerde<SpecificRecord> specific = new SpecificAvroSerde<>();
        GenericAvroSerde generic = new GenericAvroSerde()) {
      specific.configure(config, isKey);
      generic.configure(config, isKey);

      // Specific bytes read generically, written back generically, read specifically again.
      GenericRecord asGeneric =
          generic.deserializer().deserialize("t", specific.serializer().serialize("t", record));
      byte[] rewritten = generic.serializer().serialize("t", asGeneric);
      SpecificRecord back = specific.deserializer().deserialize("t", rewritten);

      assertThat(asGeneric.getSchema()).isEqualTo(record.getSchema());
      assertThat(back).isEqualTo(record);
      // Same schema, same subject: one registered version, one id.
      assertThat(
              MockSchemaRegistry.service(scope).versions(isKey ? "t-key" : "t-value", false, false))
          .containsExactly(1);
    }
  }

  @ParameterizedTest(name = "{0} as key={2}")
  @MethodSource("records")
  void shouldReadLogicalTypesGenericallyWhenAsked(
      String name, SpecificRecord record, boolean isKey) {
    try (SpecificAvroSerializer<SpecificRecord> serializer = new SpecificAvroSerializer<>();
        GenericAvroDeserializer deserializer = new GenericAvroDeserializer()) {
      serializer.configure(config, isKey);
      deserializer.configure(
          Map.of(
              "schema.registry.url", "mock://" + scope, "avro.use.logical.type.converters", true),
          isKey);

      GenericRecord generic = deserializer.deserialize("t", serializer.serialize("t", record));

      // With conversions on, GenericData and SpecificData agree field by field.
      for (var field : record.getSchema().getFields()) {
        Object expected = record.get(field.pos());
        Object actual = generic.get(field.name());
        if (expected instanceof CharSequence || expected instanceof Enum<?>) {
          assertThat(String.valueOf(actual)).isEqualTo(String.valueOf(expected));
        } else if (expected instanceof SpecificRecord
            || expected instanceof java.util.Collection<?>
            || expected instanceof Map<?, ?>) {
          assertThat(SpecificData.get().deepCopy(field.schema(), actual)).isNotNull();
        } else {
          assertThat(actual).as(field.name()).isEqualTo(expected);
        }
      }
    }
  }
}

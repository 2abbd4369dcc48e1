package dev.hopper.registry.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopper.avro.Customer;
import dev.hopper.avro.EnrichedOrder;
import dev.hopper.registry.client.MockSchemaRegistry;
import dev.hopper.registry.serde.SpecificAvroDeserializer;
import dev.hopper.registry.serde.SpecificAvroSerializer;
import dev.hopper.registry.serde.UnknownMagicByteException;
import dev.hopper.testing.AvroSamples;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroConverterTest {
  private final String scope = "converter-" + UUID.randomUUID();
  private final Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);
  private final AvroConverter converter = new AvroConverter();
  private final SpecificAvroSerializer<SpecificRecord> producer = new SpecificAvroSerializer<>();

  @BeforeEach
  void configure() {
    converter.configure(config, false);
    producer.configure(config, false);
  }

  @AfterEach
  void drop() throws Exception {
    converter.close();
    MockSchemaRegistry.dropScope(scope);
  }

  @Test
  void shouldReadDecimalsAndTimestampsAsConnectLogicalTypes() {
    EnrichedOrder order = AvroSamples.enrichedOrder();

    SchemaAndValue read =
        converter.toConnectData(
            "shop.orders.enriched", producer.serialize("shop.orders.enriched", order));

    Struct struct = (Struct) read.value();
    Schema schema = read.schema();
    assertThat(schema.name()).isEqualTo("dev.hopper.avro.EnrichedOrder");
    assertThat(schema.field("finalPrice").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
    assertThat(schema.field("finalPrice").schema().parameters())
        .containsEntry(Decimal.SCALE_FIELD, "2")
        .containsEntry(ConnectAvroData.DECIMAL_PRECISION, "18");
    assertThat(struct.get("finalPrice")).isEqualTo(new BigDecimal("4373.25"));
    assertThat(struct.get("finalPriceBtc")).isEqualTo(new BigDecimal("0.00052771"));
    assertThat(schema.field("finalPriceBtc").schema().isOptional()).isTrue();
    assertThat(schema.field("orderTime").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(struct.get("orderTime")).isEqualTo(java.util.Date.from(AvroSamples.T0));
    assertThat(struct.get("quoteTime"))
        .isEqualTo(java.util.Date.from(AvroSamples.T0.minusSeconds(30)));
    assertThat(struct.get("paymentMethod")).isEqualTo("CREDIT_CARD");
    assertThat(struct.get("customerSegment")).isEqualTo("VIP");
    assertThat(struct.get("flags")).isEqualTo(List.of());
    assertThat(struct.get("productName")).isEqualTo("Noise-cancelling headphones");
  }

  @Test
  void shouldReadAvroDatesAsConnectDates() {
    Customer customer = AvroSamples.customer();

    SchemaAndValue read =
        converter.toConnectData("shop.customers", producer.serialize("shop.customers", customer));

    assertThat(read.schema().field("signupDate").schema().name()).isEqualTo(Date.LOGICAL_NAME);
    assertThat(((Struct) read.value()).get("signupDate"))
        .isEqualTo(java.util.Date.from(Instant.parse("2021-03-14T00:00:00Z")));
  }

  static Stream<SpecificRecord> samples() {
    return Stream.concat(AvroSamples.full().stream(), AvroSamples.sparse().stream());
  }

  @ParameterizedTest
  @MethodSource("samples")
  void shouldWriteBackWhatItReadWithoutLoss(SpecificRecord record) {
    // Given Avro written by a producer, read by the converter (a sink) ...
    SchemaAndValue read = converter.toConnectData("in", producer.serialize("in", record));

    // ... when the converter writes it again (a source) ...
    byte[] written = converter.fromConnectData("out", read.schema(), read.value());

    // ... then a Hopper consumer reads the very same record
    SpecificAvroDeserializer<SpecificRecord> consumer = new SpecificAvroDeserializer<>();
    consumer.configure(config, false);
    assertThat(consumer.deserialize("out", written)).isEqualTo(record);
    assertThat(converter.toConnectData("out", written)).isEqualTo(read);
  }

  @Test
  void shouldWriteConnectStructsOfAnySourceAndReadThemBack() {
    Schema address =
        SchemaBuilder.struct().field("city", Schema.OPTIONAL_STRING_SCHEMA).optional().build();
    Schema schema =
        SchemaBuilder.struct()
            .field("id", Schema.STRING_SCHEMA)
            .field("tiny", Schema.INT8_SCHEMA)
            .field("small", Schema.INT16_SCHEMA)
            .field("amount", Decimal.builder(3).build())
            .field("maybeAmount", Decimal.builder(2).optional().build())
            .field("at", Timestamp.SCHEMA)
            .field("day", Date.SCHEMA)
            .field("clock", Time.SCHEMA)
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("counts", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build())
            .field("raw", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("address", address)
            .build();
    Struct value =
        new Struct(schema)
            .put("id", "x-1")
            .put("tiny", (byte) 7)
            .put("small", (short) 300)
            .put("amount", new BigDecimal("12.345"))
            .put("maybeAmount", null)
            .put("at", java.util.Date.from(Instant.parse("2024-11-21T10:15:30.250Z")))
            .put("day", java.util.Date.from(Instant.parse("2024-11-21T00:00:00Z")))
            .put("clock", new java.util.Date(37_230_250L))
            .put("tags", List.of("a", "b"))
            .put("counts", Map.of("UPI", 3L))
            .put("raw", new byte[] {1, 2, 3})
            .put("address", new Struct(address).put("city", "Pune"));

    byte[] bytes = converter.fromConnectData("source-topic", schema, value);
    Struct back = (Struct) converter.toConnectData("source-topic", bytes).value();

    assertThat(back.getString("id")).isEqualTo("x-1");
    assertThat(back.get("tiny")).isEqualTo(7);
    assertThat(back.get("small")).isEqualTo(300);
    assertThat(back.get("amount")).isEqualTo(new BigDecimal("12.345"));
    assertThat(back.schema().field("amount").schema().parameters())
        .containsEntry(Decimal.SCALE_FIELD, "3");
    assertThat(back.get("maybeAmount")).isNull();
    assertThat(back.get("at")).isEqualTo(value.get("at"));
    assertThat(back.get("day")).isEqualTo(value.get("day"));
    assertThat(back.get("clock")).isEqualTo(value.get("clock"));
    assertThat(back.get("tags")).isEqualTo(List.of("a", "b"));
    assertThat(back.get("counts")).isEqualTo(Map.of("UPI", 3L));
    assertThat(back.getBytes("raw")).containsExactly(1, 2, 3);
    assertThat(back.getStruct("address").getString("city")).isEqualTo("Pune");
    assertThat(back.schema().name()).isEqualTo("io.confluent.connect.avro.ConnectDefault");
    assertThat(MockSchemaRegistry.service(scope).subjects(null, false, false))
        .containsExactly("source-topic-value");
  }

  @Test
  void shouldConvertTopLevelPrimitivesAndLogicalTypes() {
    Schema decimal = Decimal.builder(2).build();

    byte[] text = converter.fromConnectData("t", Schema.STRING_SCHEMA, "hello");
    byte[] money = converter.fromConnectData("m", decimal, new BigDecimal("9.99"));

    assertThat(converter.toConnectData("t", text))
        .isEqualTo(new SchemaAndValue(Schema.STRING_SCHEMA, "hello"));
    SchemaAndValue readMoney = converter.toConnectData("m", money);
    assertThat(readMoney.value()).isEqualTo(new BigDecimal("9.99"));
    assertThat(readMoney.schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
  }

  @Test
  void shouldPassTombstonesThrough() {
    assertThat(converter.fromConnectData("t", null, null)).isNull();
    assertThat(converter.toConnectData("t", null)).isEqualTo(SchemaAndValue.NULL);
  }

  @Test
  void shouldFailWithADataExceptionOnBadInput() {
    assertThatThrownBy(() -> converter.toConnectData("t", new byte[] {42, 0}))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("topic t")
        .hasCauseInstanceOf(UnknownMagicByteException.class);
    assertThatThrownBy(() -> converter.fromConnectData("t", null, Map.of("a", 1)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("schemaless");
  }

  @Test
  void shouldBeFoundByTheServiceLoader() {
    assertThat(ServiceLoader.load(Converter.class).stream().map(ServiceLoader.Provider::type))
        .contains(AvroConverter.class);
    assertThat(converter.config().names()).contains("schema.registry.url", "auto.register.schemas");
  }
}

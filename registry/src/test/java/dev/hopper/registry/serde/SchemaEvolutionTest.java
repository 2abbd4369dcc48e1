package dev.hopper.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopper.avro.Order;
import dev.hopper.avro.PaymentMethod;
import dev.hopper.registry.client.IncompatibleSchemaException;
import dev.hopper.registry.client.MockSchemaRegistry;
import dev.hopper.registry.client.SchemaNotFoundException;
import dev.hopper.testing.AvroSamples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reads resolve the writer's schema (from the registry) to the reader's: an older writer read by a
 * newer reader and the reverse, an enum symbol the reader does not know, and the registration rules
 * on the writer's side.
 */
class SchemaEvolutionTest {
  private final String scope = "evolution-" + UUID.randomUUID();
  private final Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);

  @AfterEach
  void drop() {
    MockSchemaRegistry.dropScope(scope);
  }

  /** Order as it was before {@code currency} (which has a default) existed. */
  static Schema orderWithoutCurrency() {
    return rebuild(
        Order.getClassSchema(), fields -> fields.removeIf(f -> f.name().equals("currency")));
  }

  /** Order as a later version might be: a new {@code channel} field with a default. */
  static Schema orderWithChannel() {
    return rebuild(
        Order.getClassSchema(),
        fields ->
            fields.add(
                new Schema.Field(
                    "channel", Schema.create(Schema.Type.STRING), "Sales channel.", "web")));
  }

  static Schema rebuild(Schema schema, java.util.function.Consumer<List<Schema.Field>> change) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    change.accept(fields);
    return Schema.createRecord(
        schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
  }

  private GenericRecord asGeneric(Order order, Schema schema) {
    GenericRecord record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      Schema.Field own = Order.getClassSchema().getField(field.name());
      record.put(
          field.name(),
          own != null
              ? order.get(own.pos())
              : (field.defaultVal() == JsonProperties.NULL_VALUE ? null : field.defaultVal()));
    }
    return record;
  }

  @Test
  void shouldReadDataOfAnOlderWriterWithTheReadersDefaults() {
    Order order = AvroSamples.order();
    GenericRecord old = asGeneric(order, orderWithoutCurrency());
    GenericAvroSerializer oldProducer = new GenericAvroSerializer();
    oldProducer.configure(config, false);
    SpecificAvroDeserializer<Order> consumer = new SpecificAvroDeserializer<>();
    consumer.configure(config, false);

    Order read = consumer.deserialize("shop.orders", oldProducer.serialize("shop.orders", old));

    assertThat(read).isEqualTo(Order.newBuilder(order).setCurrency("INR").build());
  }

  @Test
  void shouldReadDataOfANewerWriterIgnoringWhatTheReaderDoesNotKnow() {
    Order order = AvroSamples.order();
    GenericRecord newer = asGeneric(order, orderWithChannel());
    newer.put("channel", "app");
    GenericAvroSerializer newProducer = new GenericAvroSerializer();
    newProducer.configure(config, false);
    SpecificAvroDeserializer<Order> oldConsumer = new SpecificAvroDeserializer<>();
    oldConsumer.configure(config, false);

    Order read =
        oldConsumer.deserialize("shop.orders", newProducer.serialize("shop.orders", newer));

    assertThat(read).isEqualTo(order);
  }

  @Test
  void shouldReadAnUnknownEnumSymbolAsTheEnumsDefault() {
    Schema methods = Order.getClassSchema().getField("paymentMethod").schema();
    List<String> symbols = new ArrayList<>(methods.getEnumSymbols());
    symbols.add("CRYPTO_WALLET");
    Schema widened =
        Schema.createEnum(
            methods.getName(), methods.getDoc(), methods.getNamespace(), symbols, "UNKNOWN");
    Schema writer =
        rebuild(
            Order.getClassSchema(),
            fields ->
                fields.replaceAll(
                    f ->
                        f.name().equals("paymentMethod")
                            ? new Schema.Field(f.name(), widened, f.doc())
                            : f));
    GenericRecord record = asGeneric(AvroSamples.order(), writer);
    record.put("paymentMethod", new GenericData.EnumSymbol(widened, "CRYPTO_WALLET"));
    GenericAvroSerializer producer = new GenericAvroSerializer();
    producer.configure(config, false);
    SpecificAvroDeserializer<Order> consumer = new SpecificAvroDeserializer<>();
    consumer.configure(config, false);

    Order read = consumer.deserialize("shop.orders", producer.serialize("shop.orders", record));

    assertThat(read.getPaymentMethod()).isEqualTo(PaymentMethod.UNKNOWN);
  }

  @Test
  void shouldRefuseToRegisterAnIncompatibleSchemaWhenSerializing() {
    SpecificAvroSerializer<Order> producer = new SpecificAvroSerializer<>();
    producer.configure(config, false);
    producer.serialize("shop.orders", AvroSamples.order());
    Schema breaking =
        rebuild(
            Order.getClassSchema(),
            fields ->
                fields.add(
                    new Schema.Field("channel", Schema.create(Schema.Type.STRING), "No default.")));
    GenericRecord record = asGeneric(AvroSamples.order(), breaking);
    record.put("channel", "app");
    GenericAvroSerializer breakingProducer = new GenericAvroSerializer();
    breakingProducer.configure(config, false);

    assertThatThrownBy(() -> breakingProducer.serialize("shop.orders", record))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageContaining("shop.orders-value")
        .hasMessageContaining("channel");
  }

  @Test
  void shouldOnlyLookUpWhenAutoRegisterIsOff() {
    SpecificAvroSerializer<Order> strict = new SpecificAvroSerializer<>();
    strict.configure(
        Map.of("schema.registry.url", "mock://" + scope, "auto.register.schemas", false), false);

    assertThatThrownBy(() -> strict.serialize("shop.orders", AvroSamples.order()))
        .isInstanceOfSatisfying(
            SchemaNotFoundException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));

    int id =
        MockSchemaRegistry.service(scope)
            .register("shop.orders-value", Order.getClassSchema().toString(), null)
            .id();
    byte[] bytes = strict.serialize("shop.orders", AvroSamples.order());

    assertThat(WireFormat.schemaId(bytes)).isEqualTo(id);
  }

  @Test
  void shouldWriteWithTheLatestVersionWhenAsked() {
    // Given the subject's latest version already has the new channel field
    MockSchemaRegistry.service(scope)
        .register("shop.orders-value", Order.getClassSchema().toString(), null);
    int latestId =
        MockSchemaRegistry.service(scope)
            .register("shop.orders-value", orderWithChannel().toString(), null)
            .id();
    SpecificAvroSerializer<Order> producer = new SpecificAvroSerializer<>();
    producer.configure(
        Map.of(
            "schema.registry.url", "mock://" + scope,
            "use.latest.version", true,
            "auto.register.schemas", false),
        false);
    GenericAvroDeserializer consumer = new GenericAvroDeserializer();
    consumer.configure(config, false);

    byte[] bytes = producer.serialize("shop.orders", AvroSamples.order());
    GenericRecord read = consumer.deserialize("shop.orders", bytes);

    // Then the record was written with the latest schema, the new field at its default
    assertThat(WireFormat.schemaId(bytes)).isEqualTo(latestId);
    assertThat(read.get("channel").toString()).isEqualTo("web");
    assertThat(read.get("orderId").toString()).isEqualTo("O-1");
  }
}

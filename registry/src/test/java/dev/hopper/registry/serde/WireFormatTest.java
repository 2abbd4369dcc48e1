package dev.hopper.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopper.registry.client.InMemorySchemaRegistryClient;
import dev.hopper.registry.client.SchemaRegistryClient;
import dev.hopper.registry.server.SchemaRegistryService;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Golden bytes of Confluent's framing: magic byte 0, big-endian id, Avro binary. */
class WireFormatTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void shouldFrameWithMagicByteAndBigEndianId() {
    byte[] framed = WireFormat.frame(0x01020304, new byte[] {0x7f});

    assertThat(HEX.formatHex(framed)).isEqualTo("00010203047f");
    assertThat(WireFormat.schemaId(framed)).isEqualTo(0x01020304);
    assertThat(WireFormat.payload(framed).remaining()).isEqualTo(1);
  }

  @Test
  void shouldSerializeAStringToConfluentGoldenBytes() {
    // Given a fresh registry, the first schema gets id 1.
    try (KafkaAvroSerializer serializer = new KafkaAvroSerializer(client())) {
      serializer.configure(Map.of(), false);

      byte[] bytes = serializer.serialize("greetings", "hopper");

      // 00 | 00000001 | length 6 zig-zag = 0x0c | "hopper"
      assertThat(HEX.formatHex(bytes)).isEqualTo("00000000010c686f70706572");
    }
  }

  @Test
  void shouldSerializeARecordToConfluentGoldenBytes() {
    Schema schema =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"Point\",\"fields\":["
                    + "{\"name\":\"x\",\"type\":\"int\"},{\"name\":\"label\",\"type\":[\"null\","
                    + "\"string\"],\"default\":null}]}");
    GenericRecord point = new GenericData.Record(schema);
    point.put("x", -3);
    point.put("label", "A");
    SchemaRegistryClient client = client();
    client.register("other-value", Schema.create(Schema.Type.STRING));
    try (KafkaAvroSerializer serializer = new KafkaAvroSerializer(client)) {
      serializer.configure(Map.of(), false);

      byte[] bytes = serializer.serialize("points", point);

      // id 2 | x=-3 zig-zag 0x05 | union branch 1 = 0x02 | "A" length 1 = 0x02, 0x41
      assertThat(HEX.formatHex(bytes)).isEqualTo("000000000205020241");
    }
  }

  @Test
  void shouldDeserializeGoldenBytesWrittenByAnotherProducer() {
    SchemaRegistryClient client = client();
    int id = client.register("greetings-value", Schema.create(Schema.Type.STRING));
    try (KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer(client)) {
      deserializer.configure(Map.of(), false);

      Object value =
          deserializer.deserialize("greetings", HEX.parseHex("00000000010c686f70706572"));

      assertThat(id).isEqualTo(1);
      assertThat(value).isEqualTo("hopper");
    }
  }

  @Test
  void shouldRejectBytesWithoutTheMagicByte() {
    assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {1, 0, 0, 0, 1, 2}))
        .isInstanceOf(UnknownMagicByteException.class)
        .hasMessageContaining("Unknown magic byte 1");
    assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 0, 1}))
        .isInstanceOf(UnknownMagicByteException.class)
        .hasMessageContaining("fewer than the 5-byte header");
    assertThatThrownBy(() -> WireFormat.schemaId(new byte[0]))
        .isInstanceOf(UnknownMagicByteException.class)
        .hasMessageContaining("empty");
  }

  private static SchemaRegistryClient client() {
    return new InMemorySchemaRegistryClient(SchemaRegistryService.inMemory());
  }
}

package dev.hopper.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopper.avro.Order;
import dev.hopper.registry.client.MockSchemaRegistry;
import dev.hopper.registry.client.RegistryUnavailableException;
import dev.hopper.registry.client.SchemaNotFoundException;
import dev.hopper.testing.AvroSamples;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every failure is a typed SerializationException that says what went wrong. */
class SerdeErrorsTest {
  private final String scope = "errors-" + UUID.randomUUID();
  private final Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);

  @AfterEach
  void drop() {
    MockSchemaRegistry.dropScope(scope);
  }

  private SpecificAvroDeserializer<Order> deserializer(Map<String, Object> settings) {
    SpecificAvroDeserializer<Order> deserializer = new SpecificAvroDeserializer<>();
    deserializer.configure(settings, false);
    return deserializer;
  }

  @Test
  void shouldRejectDataWithoutTheMagicByte() {
    byte[] plainJson = "{\"orderId\":\"O-1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThatThrownBy(() -> deserializer(config).deserialize("shop.orders", plainJson))
        .isInstanceOf(UnknownMagicByteException.class)
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Unknown magic byte 123");
  }

  @Test
  void shouldRejectAnUnknownSchemaId() {
    byte[] unknownId = WireFormat.frame(4242, new byte[] {2, 65});

    assertThatThrownBy(() -> deserializer(config).deserialize("shop.orders", unknownId))
        .isInstanceOfSatisfying(
            SchemaNotFoundException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(40403);
              assertThat(e).hasMessageContaining("4242");
            });
  }

  @Test
  void shouldRejectAPayloadThatDoesNotMatchItsSchema() {
    SpecificAvroSerializer<Order> serializer = new SpecificAvroSerializer<>();
    serializer.configure(config, false);
    byte[] bytes = serializer.serialize("shop.orders", AvroSamples.order());
    byte[] truncated = Arrays.copyOf(bytes, 12);

    assertThatThrownBy(() -> deserializer(config).deserialize("shop.orders", truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("schema id 1")
        .hasMessageContaining("shop.orders");
  }

  @Test
  void shouldRejectARecordMissingARequiredField() {
    SpecificAvroSerializer<Order> serializer = new SpecificAvroSerializer<>();
    serializer.configure(config, false);
    Order broken = AvroSamples.order();
    broken.put("customerId", null);

    assertThatThrownBy(() -> serializer.serialize("shop.orders", broken))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("dev.hopper.avro.Order")
        .hasMessageContaining("shop.orders");
  }

  @Test
  void shouldSayTheRegistryIsUnreachable() throws IOException {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    SpecificAvroSerializer<Order> serializer = new SpecificAvroSerializer<>();
    serializer.configure(
        Map.of(
            "schema.registry.url", "http://127.0.0.1:" + deadPort,
            "max.retries", 1,
            "retries.wait.ms", 5),
        false);

    assertThatThrownBy(() -> serializer.serialize("shop.orders", AvroSamples.order()))
        .isInstanceOf(RegistryUnavailableException.class)
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("127.0.0.1:" + deadPort);
  }

  @Test
  void shouldRequireTheRegistryUrl() {
    SpecificAvroSerializer<Order> serializer = new SpecificAvroSerializer<>();

    assertThatThrownBy(() -> serializer.configure(Map.of(), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url");
  }

  @Test
  void shouldPassTombstonesThrough() {
    SpecificAvroSerde<Order> serde = new SpecificAvroSerde<>();
    serde.configure(config, false);

    assertThat(serde.serializer().serialize("shop.orders", null)).isNull();
    assertThat(serde.deserializer().deserialize("shop.orders", null)).isNull();
  }
}

package dev.hopper.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.avro.Order;
import dev.hopper.registry.server.SchemaRegistryServer;
import dev.hopper.testing.AvroSamples;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After the first record of a schema, serializing and deserializing make no registry call at all,
 * counted on a real registry server.
 */
class SerializerHotPathTest {
  private static final int RECORDS = 1_000_000;

  private SchemaRegistryServer server;

  @BeforeEach
  void start() {
    server = SchemaRegistryServer.builder().host("127.0.0.1").port(0).build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldMakeNoRegistryCallsAfterWarmUp() {
    Map<String, Object> config = Map.of("schema.registry.url", server.url());
    try (SpecificAvroSerializer<Order> serializer = new SpecificAvroSerializer<>();
        SpecificAvroDeserializer<Order> deserializer = new SpecificAvroDeserializer<>()) {
      serializer.configure(config, false);
      deserializer.configure(config, false);
      Order[] orders = {
        AvroSamples.order(),
        Order.newBuilder(AvroSamples.order()).setOrderId("O-2").setQuantity(5).build()
      };
      // Warm-up: one registration, one schema fetch.
      byte[] warm = serializer.serialize("shop.orders", orders[0]);
      assertThat(deserializer.deserialize("shop.orders", warm)).isEqualTo(orders[0]);
      long afterWarmUp = server.requestCount();

      long bytes = 0;
      byte[] last = null;
      for (int i = 0; i < RECORDS; i++) {
        last = serializer.serialize("shop.orders", orders[i & 1]);
        bytes += last.length;
      }
      Order read = null;
      for (int i = 0; i < RECORDS; i++) {
        read = deserializer.deserialize("shop.orders", last);
      }

      assertThat(afterWarmUp).isEqualTo(2);
      assertThat(server.requestCount()).isEqualTo(afterWarmUp);
      assertThat(read).isEqualTo(orders[1]);
      assertThat(bytes).isGreaterThan(RECORDS * 50L);
    }
  }
}

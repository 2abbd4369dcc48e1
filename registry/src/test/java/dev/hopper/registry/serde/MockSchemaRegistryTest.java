package dev.hopper.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopper.avro.Order;
import dev.hopper.registry.client.MockSchemaRegistry;
import dev.hopper.registry.client.SchemaNotFoundException;
import dev.hopper.testing.AvroSamples;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockSchemaRegistryTest {
  private final String scope = "mock-test-" + UUID.randomUUID();
  private final Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);

  @AfterEach
  void drop() {
    MockSchemaRegistry.dropScope(scope);
  }

  @Test
  void shouldShareOneRegistryBetweenSerdesOfTheSameScope() {
    // Given a producer-side serializer and a consumer-side deserializer configured separately
    SpecificAvroSerializer<Order> serializer = new SpecificAvroSerializer<>();
    serializer.configure(config, false);
    SpecificAvroDeserializer<Order> deserializer = new SpecificAvroDeserializer<>();
    deserializer.configure(config, false);

    // When one writes and the other reads
    Order read =
        deserializer.deserialize(
            "shop.orders", serializer.serialize("shop.orders", AvroSamples.order()));

    // Then the reader found the writer's schema in the shared scope
    assertThat(read).isEqualTo(AvroSamples.order());
    assertThat(MockSchemaRegistry.service(scope).subjects(null, false, false))
        .containsExactly("shop.orders-value");
  }

  @Test
  void shouldForgetEverythingWhenTheScopeIsDropped() {
    SpecificAvroSerializer<Order> serializer = new SpecificAvroSerializer<>();
    serializer.configure(config, false);
    byte[] bytes = serializer.serialize("shop.orders", AvroSamples.order());

    MockSchemaRegistry.dropScope(scope);
    SpecificAvroDeserializer<Order> fresh = new SpecificAvroDeserializer<>();
    fresh.configure(config, false);

    assertThatThrownBy(() -> fresh.deserialize("shop.orders", bytes))
        .isInstanceOf(SchemaNotFoundException.class)
        .satisfies(e -> assertThat(((SchemaNotFoundException) e).errorCode()).isEqualTo(40403));
  }

  @Test
  void shouldKeepScopesApart() {
    String other = scope + "-other";
    try {
      SpecificAvroSerializer<Order> serializer = new SpecificAvroSerializer<>();
      serializer.configure(Map.of("schema.registry.url", "mock://" + other), false);
      serializer.serialize("shop.orders", AvroSamples.order());

      assertThat(MockSchemaRegistry.service(other).subjects(null, false, false)).hasSize(1);
      assertThat(MockSchemaRegistry.service(scope).subjects(null, false, false)).isEmpty();
    } finally {
      MockSchemaRegistry.dropScope(other);
    }
  }

  @Test
  void shouldCountOnlyTheCallsThatPassTheCache() {
    SpecificAvroSerializer<Order> serializer = new SpecificAvroSerializer<>();
    serializer.configure(config, false);

    for (int i = 0; i < 100; i++) {
      serializer.serialize("shop.orders", AvroSamples.order());
    }

    assertThat(MockSchemaRegistry.callCount(scope)).isEqualTo(1);
  }
}

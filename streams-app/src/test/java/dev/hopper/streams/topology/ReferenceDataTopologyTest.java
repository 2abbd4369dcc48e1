package dev.hopper.streams.topology;

import static dev.hopper.streams.topology.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.avro.EnrichedOrder;
import dev.hopper.avro.RejectedRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceDataTopologyTest {
  @TempDir Path state;

  @Test
  void shouldDeadLetterUnreadableProductAndKeepProcessing() {
    try (Fixture f = new Fixture(state)) {
      // Given a poison pill on the products table topic
      TestInputTopic<String, byte[]> rawProducts =
          f.driver.createInputTopic(
              f.topics.products().name(), new StringSerializer(), new ByteArraySerializer());
      byte[] garbage = "{not avro".getBytes(StandardCharsets.UTF_8);
      rawProducts.pipeInput("p9", garbage, at(0));

      // Then it is a RejectedRecord inside the normal output, and the table still works
      RejectedRecord r = f.rejected.readValue();
      assertThat(r.getSourceTopic()).isEqualTo("shop.products");
      assertThat(r.getRules()).containsExactly("DESERIALIZATION");
      assertThat(r.getKey()).isEqualTo("p9");
      assertThat(r.getRawValue()).isEqualTo(ByteBuffer.wrap(garbage));
      assertThat(f.counters.unreadableCount("shop.products")).isEqualTo(1);

      f.products.pipeInput("p1", Samples.product("p1", "Books", "Dune"), at(0));
      f.bitcoin(60_000, 5_000_000, at(0));
      f.bitcoin(60_000, 5_000_000, at(600));
      f.order(Samples.order("o1", at(60)).build());
      EnrichedOrder e = f.enriched.readValue();
      assertThat(e.getProductName()).isEqualTo("Dune");
    }
  }

  @Test
  void shouldApplyProductUpdateAlreadyInTheTopicBeforeLaterOrders() {
    try (Fixture f = new Fixture(state)) {
      f.products.pipeInput("p1", Samples.product("p1", "Books", "Old name"), at(0));
      f.products.pipeInput("p1", Samples.product("p1", "Books", "New name"), at(30));
      f.bitcoin(60_000, 5_000_000, at(0));
      f.bitcoin(60_000, 5_000_000, at(600));
      f.order(Samples.order("o1", at(60)).build());
      assertThat(f.enriched.readValue().getProductName()).isEqualTo("New name");
    }
  }
}

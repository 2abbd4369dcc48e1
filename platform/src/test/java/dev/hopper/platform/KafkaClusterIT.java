package dev.hopper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.platform.kafka.EmbeddedKafkaCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class KafkaClusterIT {

  @Test
  void shouldRunThreeNodesAndKeepServingWhenOneStops() throws Exception {
    try (EmbeddedPlatform platform =
        EmbeddedPlatform.builder().kafkaNodes(3).withoutConnect().withoutMongo().start()) {
      EmbeddedKafkaCluster cluster = platform.kafka().orElseThrow();
      String bootstrap = platform.bootstrapServers();
      assertThat(bootstrap.split(",")).hasSize(3);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);
      }
      KafkaClients.createTopic(bootstrap, "it.cluster", 3);

      try (KafkaProducer<String, String> producer =
          KafkaClients.producer(bootstrap, Map.of("delivery.timeout.ms", 60_000))) {
        producer.send(new ProducerRecord<>("it.cluster", "before", "1")).get();

        cluster.stopNode(2);
        assertThat(cluster.isRunning(2)).isFalse();
        // Replication 3 with min ISR 2: acks=all writes still succeed with one node down.
        producer.send(new ProducerRecord<>("it.cluster", "during", "2")).get(60, TimeUnit.SECONDS);

        cluster.restartNode(2);
        assertThat(cluster.isRunning(2)).isTrue();
        producer.send(new ProducerRecord<>("it.cluster", "after", "3")).get(60, TimeUnit.SECONDS);
      }
      try (KafkaConsumer<String, String> consumer =
          KafkaClients.consumer(bootstrap, "it-cluster", Map.of())) {
        consumer.subscribe(List.of("it.cluster"));
        assertThat(KafkaClients.poll(consumer, 3, Duration.ofSeconds(30)))
            .extracting(ConsumerRecord::key)
            .containsExactlyInAnyOrder("before", "during", "after");
      }
    }
  }
}

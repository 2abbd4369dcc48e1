package dev.hopper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class KafkaBrokerIT {
  private final EmbeddedPlatform platform = SharedPlatform.get();

  @Test
  void shouldProduceAndConsumeThroughTheBroker() throws Exception {
    String topic = "it.broker.plain";
    KafkaClients.createTopic(platform.bootstrapServers(), topic, 2);

    try (KafkaProducer<String, String> producer =
        KafkaClients.producer(platform.bootstrapServers(), Map.of())) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
      }
    }
    try (KafkaConsumer<String, String> consumer =
        KafkaClients.consumer(platform.bootstrapServers(), "it-broker-plain", Map.of())) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<String, String>> records =
          KafkaClients.poll(consumer, 10, Duration.ofSeconds(30));

      assertThat(records)
          .extracting(ConsumerRecord::key, ConsumerRecord::value)
          .containsExactlyInAnyOrderElementsOf(
              java.util.stream.IntStream.range(0, 10)
                  .mapToObj(i -> org.assertj.core.groups.Tuple.tuple("k" + i, "v" + i))
                  .toList());
    }
  }

  @Test
  void shouldHideAbortedTransactionsFromReadCommittedConsumers() throws Exception {
    String topic = "it.broker.tx";
    KafkaClients.createTopic(platform.bootstrapServers(), topic, 1);

    try (KafkaProducer<String, String> producer =
        KafkaClients.producer(
            platform.bootstrapServers(),
            Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-broker-tx"))) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "a", "committed-1"));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "b", "aborted"));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "c", "committed-2"));
      producer.commitTransaction();
    }

    try (KafkaConsumer<String, String> committed =
            KafkaClients.consumer(
                platform.bootstrapServers(),
                "it-tx-rc",
                Map.of("isolation.level", "read_committed"));
        KafkaConsumer<String, String> uncommitted =
            KafkaClients.consumer(
                platform.bootstrapServers(),
                "it-tx-ru",
                Map.of("isolation.level", "read_uncommitted"))) {
      committed.subscribe(List.of(topic));
      uncommitted.subscribe(List.of(topic));

      assertThat(KafkaClients.poll(committed, 2, Duration.ofSeconds(30)))
          .extracting(ConsumerRecord::value)
          .containsExactly("committed-1", "committed-2");
      assertThat(KafkaClients.poll(uncommitted, 3, Duration.ofSeconds(30)))
          .extracting(ConsumerRecord::value)
          .containsExactly("committed-1", "aborted", "committed-2");
    }
  }
}

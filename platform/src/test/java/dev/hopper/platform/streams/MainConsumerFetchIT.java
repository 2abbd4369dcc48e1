package dev.hopper.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.config.LayeredConfig;
import dev.hopper.platform.EmbeddedPlatform;
import dev.hopper.platform.KafkaClients;
import dev.hopper.platform.SharedPlatform;
import dev.hopper.streams.config.StreamsSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * How long a new record waits behind a backlog of small records in the app's main consumer, on a
 * real broker. The consumer sends no fetch to a broker while it still buffers data from that
 * broker, so a partition that gets its first record after a fetch waits until the whole previous
 * response has been handed out. With Kafka's 1 MiB per partition that is tens of thousands of
 * quotes (an enrichment task waited for its quotes behind them for tens of seconds in the
 * benchmark); Hopper's default bounds each partition's share of a response.
 */
class MainConsumerFetchIT {
  private static final int BACKLOG = 120_000;
  private final EmbeddedPlatform platform = SharedPlatform.get();

  @Test
  void shouldHandOutANewRecordAfterAFewThousandBackloggedOnesNotTensOfThousands() throws Exception {
    String bootstrap = platform.bootstrapServers();
    String backlog = "it.fetch.backlog";
    KafkaClients.createTopic(bootstrap, backlog, 1);
    try (KafkaProducer<String, String> producer =
        KafkaClients.producer(bootstrap, Map.of(ProducerConfig.LINGER_MS_CONFIG, 20))) {
      for (int i = 0; i < BACKLOG; i++) {
        producer.send(new ProducerRecord<>(backlog, null, "q" + (i % 1000)));
      }
      producer.flush();
    }

    Map<String, Object> hopper = mainConsumerConfig(bootstrap, Map.of());
    Map<String, Object> kafkaDefault =
        mainConsumerConfig(
            bootstrap,
            Map.of(
                StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                Integer.toString(ConsumerConfig.DEFAULT_MAX_PARTITION_FETCH_BYTES)));
    assertThat(String.valueOf(hopper.get(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG)))
        .isEqualTo(StreamsSettings.MAIN_CONSUMER_PARTITION_FETCH_BYTES);

    long behindDefault =
        recordsHandedOutBeforeTheNewOne(bootstrap, backlog, "default", kafkaDefault);
    long behindHopper = recordsHandedOutBeforeTheNewOne(bootstrap, backlog, "hopper", hopper);

    assertThat(behindDefault).as("behind Kafka's 1 MiB per partition").isGreaterThan(40_000);
    assertThat(behindHopper).as("behind Hopper's fetch size").isLessThan(15_000);
  }

  /** The main consumer's configuration Kafka Streams derives from the app's settings. */
  private static Map<String, Object> mainConsumerConfig(
      String bootstrap, Map<String, String> overrides) {
    Map<String, String> flags = new HashMap<>(overrides);
    flags.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    flags.put(StreamsConfig.APPLICATION_ID_CONFIG, "it-fetch");
    StreamsSettings settings =
        StreamsSettings.from(
            LayeredConfig.builder().defaults(StreamsSettings.defaults()).flags(flags).build());
    return new StreamsConfig(settings.streamsProperties())
        .getMainConsumerConfigs("it-fetch", "it-fetch-consumer", 0);
  }

  /**
   * Reads the backlog's first records, then writes one record to a fresh partition and counts the
   * backlog records handed out before it.
   */
  private static long recordsHandedOutBeforeTheNewOne(
      String bootstrap, String backlog, String name, Map<String, Object> config) throws Exception {
    String fresh = "it.fetch.fresh-" + name;
    KafkaClients.createTopic(bootstrap, fresh, 1);
    // The consumer settings alone: Kafka Streams' assignor and internal keys need a live app.
    Map<String, Object> c = new HashMap<>();
    config.forEach(
        (k, v) -> {
          if (ConsumerConfig.configNames().contains(k)
              && !k.equals(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG)
              && !k.equals(ConsumerConfig.GROUP_ID_CONFIG)) {
            c.put(k, v);
          }
        });
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    TopicPartition backlogPartition = new TopicPartition(backlog, 0);
    TopicPartition freshPartition = new TopicPartition(fresh, 0);
    try (KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap, Map.of())) {
      consumer.assign(List.of(backlogPartition, freshPartition));
      consumer.seekToBeginning(List.of(backlogPartition, freshPartition));
      long handedOut = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (handedOut == 0 && System.nanoTime() < deadline) {
        handedOut += consumer.poll(Duration.ofMillis(200)).count();
      }
      assertThat(handedOut).as("first records of the backlog").isPositive();
      producer.send(new ProducerRecord<>(fresh, "k", "new")).get();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.topic().equals(fresh)) {
            return handedOut;
          }
          handedOut++;
        }
      }
      throw new AssertionError("the new record never came, after " + handedOut + " others");
    }
  }
}

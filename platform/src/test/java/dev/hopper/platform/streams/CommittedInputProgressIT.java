package dev.hopper.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.platform.EmbeddedPlatform;
import dev.hopper.platform.KafkaClients;
import dev.hopper.platform.SharedPlatform;
import dev.hopper.streams.CommittedInputProgress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The committed-offset view of input progress on a real broker, with transactions: caught up means
 * nothing readable after the group's committed offset, whatever markers and aborted records lie
 * between it and the end.
 */
class CommittedInputProgressIT {
  private static final String TOPIC = "it.input-progress";
  private static final String GROUP = "it-input-progress";
  private final EmbeddedPlatform platform = SharedPlatform.get();

  @Test
  void shouldBeCaughtUpOnlyWhenNothingReadableIsLeftAfterTheCommittedOffset() throws Exception {
    String bootstrap = platform.bootstrapServers();
    KafkaClients.createTopic(bootstrap, TOPIC, 2);
    TopicPartition p0 = new TopicPartition(TOPIC, 0);
    try (CommittedInputProgress progress =
            new CommittedInputProgress(
                Map.of("bootstrap.servers", bootstrap), GROUP, false, Duration.ofHours(1));
        KafkaProducer<String, String> producer =
            KafkaClients.producer(
                bootstrap, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-input-progress"));
        KafkaConsumer<String, String> app =
            KafkaClients.consumer(bootstrap, GROUP, Map.of("isolation.level", "read_committed"))) {
      assertThat(progress.caughtUp(TOPIC, 0)).isFalse(); // nothing sampled yet: unknown
      progress.sample();
      assertThat(progress.caughtUp(TOPIC)).isTrue(); // empty, never committed

      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < 3; i++) {
        producer.send(new ProducerRecord<>(TOPIC, 0, "k" + i, "v" + i));
      }
      producer.commitTransaction(); // offsets 0-2, a commit marker at 3
      // The markers are written after the commit returns: readable (and behind) shortly after.
      sampleUntil(progress, () -> !progress.caughtUp(TOPIC, 0));
      assertThat(progress.caughtUp(TOPIC, 0)).isFalse();
      assertThat(progress.caughtUp(TOPIC, 1)).isTrue();
      assertThat(progress.caughtUp(TOPIC)).isFalse();

      app.assign(List.of(p0));
      List<ConsumerRecord<String, String>> read = KafkaClients.poll(app, 3, Duration.ofSeconds(30));
      assertThat(read).hasSize(3);
      // As an application that processed the records commits: after the last one, before the
      // marker. The marker is never readable, so the partition is caught up.
      app.commitSync(Map.of(p0, new OffsetAndMetadata(read.get(2).offset() + 1)));
      progress.sample();
      assertThat(progress.caughtUp(TOPIC, 0)).isTrue();

      producer.beginTransaction();
      producer.send(new ProducerRecord<>(TOPIC, 0, "a", "aborted"));
      producer.flush();
      producer.abortTransaction(); // nothing readable added
      awaitEndOffset(bootstrap, p0, 6); // three records, a commit marker, one aborted, a marker
      progress.sample();
      assertThat(progress.caughtUp(TOPIC, 0)).isTrue();

      producer.beginTransaction();
      producer.send(new ProducerRecord<>(TOPIC, 0, "k3", "v3"));
      producer.commitTransaction();
      sampleUntil(progress, () -> !progress.caughtUp(TOPIC, 0));
      assertThat(progress.caughtUp(TOPIC, 0)).isFalse();
      assertThat(progress.caughtUp(TOPIC)).isFalse();
    }
  }

  /** Samples until {@code condition} holds, for at most 10 s. */
  private static void sampleUntil(CommittedInputProgress progress, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    do {
      progress.sample();
    } while (!condition.getAsBoolean() && System.nanoTime() < deadline);
  }

  /** Waits until the read-committed end offset of {@code tp} is {@code offset}. */
  private static void awaitEndOffset(String bootstrap, TopicPartition tp, long offset)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      long end;
      do {
        end =
            admin
                .listOffsets(
                    Map.of(tp, OffsetSpec.latest()),
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .partitionResult(tp)
                .get()
                .offset();
      } while (end < offset && System.nanoTime() < deadline);
      assertThat(end).isEqualTo(offset);
    }
  }
}

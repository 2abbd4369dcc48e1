package dev.hopper.streams.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the records on the dead-letter topic with a consumer of its own (no group, committed
 * records only, values never decoded). Offsets cannot be used for this: the app writes dead letters
 * inside its transactions, so the topic's offsets include commit markers and aborted records. Each
 * call reads what arrived since the last one, for a bounded time.
 */
final class DeadLetterCounter implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(100);

  private final String topic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<TopicPartition, Long> counted = new HashMap<>();
  private List<TopicPartition> assigned = List.of();
  private boolean caughtUp;

  DeadLetterCounter(Map<String, Object> clientProps, String topic, String clientId) {
    this.topic = topic;
    Map<String, Object> props = new HashMap<>(clientProps);
    props.keySet().retainAll(ConsumerConfig.configNames());
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    props.remove(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  String topic() {
    return topic;
  }

  /**
   * Reads the new records of {@code partitions} partitions for at most {@code budget}; returns the
   * count so far. A partition whose log start moved past what was read (retention) is read on from
   * its new start.
   */
  long advance(int partitions, Duration budget) {
    if (assigned.size() != partitions) {
      List<TopicPartition> tps = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        tps.add(new TopicPartition(topic, p));
      }
      consumer.assign(tps);
      assigned = List.copyOf(tps);
      consumer.seekToBeginning(tps.stream().filter(tp -> !counted.containsKey(tp)).toList());
    }
    long deadline = System.nanoTime() + budget.toNanos();
    Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, budget);
    caughtUp = false;
    while (System.nanoTime() < deadline) {
      if (atEnd(ends)) {
        caughtUp = true;
        break;
      }
      ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
      for (TopicPartition tp : records.partitions()) {
        counted.merge(tp, (long) records.records(tp).size(), Long::sum);
      }
    }
    return count();
  }

  private boolean atEnd(Map<TopicPartition, Long> ends) {
    Set<TopicPartition> tps = consumer.assignment();
    for (TopicPartition tp : tps) {
      Long end = ends.get(tp);
      if (end != null && consumer.position(tp, POLL) < end) {
        return false;
      }
    }
    return true;
  }

  long count() {
    long n = 0;
    for (long c : counted.values()) {
      n += c;
    }
    return n;
  }

  boolean caughtUp() {
    return caughtUp;
  }

  /** Aborts a read in progress (from another thread), before {@link #close()}. */
  void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
  }
}

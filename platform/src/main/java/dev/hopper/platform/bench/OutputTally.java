package dev.hopper.platform.bench;

import dev.hopper.avro.CategorySales;
import dev.hopper.registry.serde.SpecificAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Counts what a run has made visible on its output topics, as a {@code read_committed} consumer
 * sees it: records, distinct keys (a duplicate shows as records &gt; keys) and, for the sales
 * topic, the orders its windows count in total. The generator's trailing records are left out. Runs
 * on its own thread from the beginning of each topic; cheap enough (keys only, sales values
 * decoded) not to take much CPU from the app under test.
 */
final class OutputTally implements AutoCloseable {
  /** The counts of one topic at one moment. */
  record Count(long records, long keys, long windowedOrders) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final String salesTopic;
  private final SpecificAvroDeserializer<CategorySales> sales = new SpecificAvroDeserializer<>();
  private final Map<String, Set<String>> keys = new HashMap<>();
  private final Map<String, long[]> counts = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  /** Starts counting {@code topics}; {@code salesTopic} (may be null) gets its orders summed. */
  OutputTally(String bootstrap, String registryUrl, List<String> topics, String salesTopic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.salesTopic = salesTopic;
    sales.configure(
        Map.of("schema.registry.url", registryUrl, "specific.avro.reader", true), false);
    List<TopicPartition> parts = new ArrayList<>();
    for (String topic : topics) {
      keys.put(topic, new HashSet<>());
      counts.put(topic, new long[3]);
      consumer
          .partitionsFor(topic)
          .forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
    }
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
    this.thread = new Thread(this::loop, "bench-output-tally");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          String key = r.key();
          if (key != null && key.contains(Dataset.TRAILER_MARK)) {
            continue;
          }
          long[] c = counts.get(r.topic());
          long ordersInWindow = 0;
          if (r.topic().equals(salesTopic) && r.value() != null) {
            ordersInWindow = sales.deserialize(r.topic(), r.value()).getOrders();
          }
          boolean added = keys.get(r.topic()).add(key);
          synchronized (c) {
            c[0]++;
            if (added) {
              c[1]++;
            }
            c[2] += ordersInWindow;
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  /** The counts of {@code topic} so far. */
  Count count(String topic) {
    if (failure != null) {
      throw new IllegalStateException("Counting outputs failed: " + failure, failure);
    }
    long[] c = counts.get(topic);
    synchronized (c) {
      return new Count(c[0], c[1], c[2]);
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close(Duration.ofSeconds(5));
    sales.close();
  }
}

package dev.hopper.platform.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A {@code read_committed} consumer of the enriched orders and the sales windows of a live run,
 * timing what it sees: for each recorded order, the time from its send to the moment its enriched
 * record is visible; for each final sales window that lies inside the measured period, the time
 * from the window's close (end + grace, in event time, which is wall-clock time in a live run) to
 * the moment its record is visible.
 */
final class LatencyProbe implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final String enrichedTopic;
  private final String salesTopic;
  private final LiveFeed feed;
  private final long windowMs;
  private final long graceMs;
  private final Stats.Samples enriched = new Stats.Samples();
  private final Stats.Samples finals = new Stats.Samples();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long measureFromMs = Long.MAX_VALUE;
  private volatile long measureUntilMs = Long.MAX_VALUE;
  private volatile RuntimeException failure;

  LatencyProbe(
      String bootstrap,
      String enrichedTopic,
      String salesTopic,
      LiveFeed feed,
      Duration window,
      Duration grace) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.enrichedTopic = enrichedTopic;
    this.salesTopic = salesTopic;
    this.feed = feed;
    this.windowMs = window.toMillis();
    this.graceMs = grace.toMillis();
    List<TopicPartition> parts = new ArrayList<>();
    for (String topic : List.of(enrichedTopic, salesTopic)) {
      consumer
          .partitionsFor(topic)
          .forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
    }
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
    this.thread = new Thread(this::loop, "bench-latency-probe");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
          long nanos = System.nanoTime();
          long wall = System.currentTimeMillis();
          if (r.topic().equals(enrichedTopic)) {
            Long sent = feed.takeSentAt(r.key());
            if (sent != null) {
              synchronized (enriched) {
                enriched.add((nanos - sent) / 1_000);
              }
            }
          } else if (r.topic().equals(salesTopic) && r.key() != null) {
            long start = Long.parseLong(r.key().substring(r.key().lastIndexOf(':') + 1));
            if (start >= measureFromMs && start + windowMs <= measureUntilMs) {
              synchronized (finals) {
                finals.add((wall - (start + windowMs + graceMs)) * 1_000);
              }
            }
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  /** Windows starting from now on are timed. */
  void measureFrom(long wallMs) {
    measureFromMs = wallMs;
  }

  /** Windows ending after {@code wallMs} are not timed. */
  void measureUntil(long wallMs) {
    measureUntilMs = wallMs;
  }

  /** Enriched-order latencies so far, in microseconds, sorted. */
  long[] enriched() {
    check();
    synchronized (enriched) {
      return enriched.sorted();
    }
  }

  /** Window-final delays so far, in microseconds, sorted. */
  long[] finals() {
    check();
    synchronized (finals) {
      return finals.sorted();
    }
  }

  private void check() {
    if (failure != null) {
      throw new IllegalStateException("the latency probe failed: " + failure, failure);
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close(Duration.ofSeconds(5));
  }
}

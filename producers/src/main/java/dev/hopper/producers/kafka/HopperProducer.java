package dev.hopper.producers.kafka;

import dev.hopper.config.LayeredConfig;
import dev.hopper.producers.generate.GeneratedRecord;
import dev.hopper.topics.HopperTopic;
import dev.hopper.topics.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Hopper's records: String keys, Avro values through the registry, topic names from the
 * {@link TopicCatalog}. Every send has a callback that is checked: the first failure is kept and
 * makes the next {@link #send}, {@link #flush()} or {@link #close()} throw, so no record is lost
 * silently. Thread-safe, like the Kafka producer it wraps.
 */
public final class HopperProducer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HopperProducer.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Producer<String, Object> producer;
  private final TopicCatalog catalog;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<SendFailedException> firstFailure = new AtomicReference<>();
  private volatile boolean closed;

  /** Wraps {@code producer} (tests use Kafka's {@code MockProducer}). */
  public HopperProducer(Producer<String, Object> producer, TopicCatalog catalog) {
    this.producer = producer;
    this.catalog = catalog;
  }

  /** A producer configured from {@code config} (see {@link KafkaClients#producer}). */
  public static HopperProducer create(LayeredConfig config, String clientId) {
    return new HopperProducer(KafkaClients.producer(config, clientId), TopicCatalog.from(config));
  }

  /** The topic catalog names are taken from. */
  public TopicCatalog catalog() {
    return catalog;
  }

  /**
   * Sends one record asynchronously. {@code value} is an Avro SpecificRecord, or raw bytes sent as
   * they are.
   *
   * @throws SendFailedException when this or an earlier record failed
   */
  public void send(HopperTopic topic, String key, Object value, Instant timestamp) {
    checkFailure();
    String name = catalog.name(topic);
    ProducerRecord<String, Object> record =
        new ProducerRecord<>(name, null, timestamp.toEpochMilli(), key, value);
    try {
      producer.send(
          record,
          (metadata, exception) -> {
            if (exception == null) {
              acked.incrementAndGet();
            } else {
              failed.incrementAndGet();
              SendFailedException e =
                  new SendFailedException(
                      "Kafka refused a record for "
                          + name
                          + " (key "
                          + key
                          + ", timestamp "
                          + timestamp
                          + "): "
                          + KafkaClients.rootMessage(exception),
                      exception);
              if (firstFailure.compareAndSet(null, e)) {
                LOG.error("{}", e.getMessage());
              }
            }
          });
      sent.incrementAndGet();
    } catch (KafkaException | IllegalStateException e) {
      failed.incrementAndGet();
      SendFailedException f =
          new SendFailedException(
              "Cannot send a record to "
                  + name
                  + " (key "
                  + key
                  + "): "
                  + KafkaClients.rootMessage(e),
              e);
      firstFailure.compareAndSet(null, f);
      throw f;
    }
  }

  /** Sends a generated record to its topic with its key, value and timestamp. */
  public void send(GeneratedRecord r) {
    send(r.topic(), r.key(), r.isPoisonPill() ? r.rawValue() : r.value(), r.timestamp());
  }

  /** Waits until every record sent so far is acknowledged; throws if any failed. */
  public void flush() {
    producer.flush();
    checkFailure();
  }

  private void checkFailure() {
    SendFailedException f = firstFailure.get();
    if (f != null) {
      throw new SendFailedException(f.getMessage(), f.getCause());
    }
  }

  /** Records handed to the producer. */
  public long sent() {
    return sent.get();
  }

  /** Records acknowledged by the broker. */
  public long acked() {
    return acked.get();
  }

  /** Records that failed. */
  public long failed() {
    return failed.get();
  }

  /** Flushes, closes, and throws if a record failed. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      producer.flush();
    } catch (KafkaException e) {
      LOG.warn("Flush on close failed: {}", e.getMessage());
    } finally {
      producer.close(CLOSE_TIMEOUT);
    }
    checkFailure();
  }
}

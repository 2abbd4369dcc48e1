package dev.hopper.registry.server.store;

import dev.hopper.registry.server.RegistryError;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the registry's state in a compacted, single-partition Kafka topic ({@code _schemas} by
 * default), as Confluent's registry does. On start it creates the topic if needed and replays it to
 * the end; a reader thread then keeps applying new records, and {@link #append} returns only once
 * its records have been read back, so a restarted registry loses nothing and every instance reading
 * the topic converges.
 */
public final class KafkaSchemaStore implements SchemaStore {
  /** Confluent's default topic name. */
  public static final String DEFAULT_TOPIC = "_schemas";

  private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaStore.class);
  private static final Set<String> PRODUCER_ONLY =
      Set.of(ProducerConfig.ACKS_CONFIG, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);

  private final Map<String, Object> kafkaConfig;
  private final String topic;
  private final Optional<Short> replicationFactor;
  private final Duration timeout;
  private final TopicPartition partition;

  private final Object progressLock = new Object();
  private long position; // next offset to read; guarded by progressLock
  private volatile boolean running;
  private KafkaConsumer<byte[], byte[]> consumer;
  private KafkaProducer<byte[], byte[]> producer;
  private Thread reader;

  /**
   * @param kafkaConfig client settings: {@code bootstrap.servers} and any security settings
   * @param topic the topic holding the state
   * @param replicationFactor the topic's replication factor when creating it; empty for the
   *     broker's default
   * @param timeout how long a start-up replay or a write may take
   */
  public KafkaSchemaStore(
      Map<String, Object> kafkaConfig,
      String topic,
      Optional<Short> replicationFactor,
      Duration timeout) {
    this.kafkaConfig = Map.copyOf(kafkaConfig);
    this.topic = Objects.requireNonNull(topic, "topic");
    this.replicationFactor = replicationFactor;
    this.timeout = timeout;
    this.partition = new TopicPartition(topic, 0);
    if (!kafkaConfig.containsKey(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new IllegalArgumentException("The Kafka store needs bootstrap.servers");
    }
  }

  /** A store on {@code _schemas} at {@code bootstrapServers}, with 60 s timeouts. */
  public static KafkaSchemaStore of(String bootstrapServers) {
    return new KafkaSchemaStore(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        DEFAULT_TOPIC,
        Optional.empty(),
        Duration.ofSeconds(60));
  }

  @Override
  public void start(Consumer<StoreRecord> sink) {
    ensureTopic();
    consumer = new KafkaConsumer<>(consumerConfig());
    try {
      replay(sink);
    } catch (RuntimeException e) {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      consumer = null;
      throw e;
    }
    producer = new KafkaProducer<>(producerConfig());
    running = true;
    reader = new Thread(() -> readLoop(sink), "schema-store-reader-" + topic);
    reader.setDaemon(true);
    reader.start();
  }

  private void replay(Consumer<StoreRecord> sink) {
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
    long deadline = System.nanoTime() + timeout.toNanos();
    int replayed = 0;
    while (consumer.position(partition, timeout) < end) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Replaying " + topic + " did not reach offset " + end + " within " + timeout);
      }
      replayed += applyBatch(sink);
    }
    synchronized (progressLock) {
      position = consumer.position(partition, timeout);
    }
    LOG.info(
        "Schema store: replayed {} records from topic {} (up to offset {})", replayed, topic, end);
  }

  @Override
  public void append(List<StoreRecord> records) {
    if (producer == null) {
      throw new IllegalStateException("The Kafka store is not started");
    }
    long target = -1;
    try {
      RecordMetadata last = null;
      for (StoreRecord record : records) {
        last =
            producer
                .send(
                    new ProducerRecord<>(
                        topic, 0, StoreRecordCodec.key(record), StoreRecordCodec.value(record)))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      if (last == null) {
        return;
      }
      target = last.offset() + 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryError.storeError("Interrupted while writing to " + topic, e);
    } catch (ExecutionException e) {
      throw RegistryError.storeError(
          "Error while writing to the Kafka store topic " + topic + ": " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw RegistryError.timeout("Write to the Kafka store topic " + topic + " timed out");
    }
    awaitApplied(target);
  }

  private void awaitApplied(long target) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progressLock) {
      while (position < target) {
        long waitNanos = deadline - System.nanoTime();
        if (waitNanos <= 0) {
          throw RegistryError.timeout(
              "The registry did not read back its write to " + topic + " in time");
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(progressLock, waitNanos);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw RegistryError.storeError("Interrupted while waiting for " + topic, e);
        }
      }
    }
  }

  private void readLoop(Consumer<StoreRecord> sink) {
    boolean failing = false;
    try {
      while (running) {
        try {
          applyBatch(sink);
          long now = consumer.position(partition, timeout);
          synchronized (progressLock) {
            position = now;
            progressLock.notifyAll();
          }
          if (failing) {
            LOG.info("Schema store reader of {} recovered", topic);
            failing = false;
          }
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          // Transient (broker unreachable, timeouts): keep reading; writes wait meanwhile.
          if (!failing) {
            LOG.warn("Schema store reader of {} failed, retrying: {}", topic, e.toString());
            failing = true;
          }
          pause();
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("Schema store reader of {} woken up unexpectedly", topic, e);
      }
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private void pause() {
    try {
      TimeUnit.SECONDS.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private int applyBatch(Consumer<StoreRecord> sink) {
    int applied = 0;
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
      if (record.key() == null) {
        continue;
      }
      StoreRecord decoded;
      try {
        decoded = StoreRecordCodec.decode(record.key(), record.value());
      } catch (RuntimeException e) {
        LOG.warn(
            "Skipping unreadable record at offset {} of {}: {}",
            record.offset(),
            topic,
            e.getMessage());
        continue;
      }
      if (decoded != null) {
        sink.accept(decoded);
        applied++;
      }
    }
    return applied;
  }

  private void ensureTopic() {
    try (Admin admin = Admin.create(adminConfig())) {
      try {
        TopicDescription description =
            admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .get(topic);
        if (description.partitions().size() != 1) {
          throw new IllegalStateException(
              "The schema store topic "
                  + topic
                  + " has "
                  + description.partitions().size()
                  + " partitions; it must have exactly one to keep writes ordered");
        }
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause()
            instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
      NewTopic newTopic =
          new NewTopic(topic, Optional.of(1), replicationFactor)
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      try {
        admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Created the schema store topic {} (compacted, 1 partition)", topic);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while preparing topic " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Cannot prepare the schema store topic "
              + topic
              + ": "
              + (e.getCause() != null ? e.getCause() : e),
          e);
    }
  }

  private Map<String, Object> adminConfig() {
    Map<String, Object> config = new HashMap<>(kafkaConfig);
    PRODUCER_ONLY.forEach(config::remove);
    config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "schema-registry-admin");
    return config;
  }

  private Map<String, Object> consumerConfig() {
    Map<String, Object> config = new HashMap<>(kafkaConfig);
    PRODUCER_ONLY.forEach(config::remove);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader");
    return config;
  }

  private Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>(kafkaConfig);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-writer");
    return config;
  }

  @Override
  public String describe() {
    return "Kafka topic "
        + topic
        + " at "
        + kafkaConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
  }

  @Override
  public void close() {
    running = false;
    if (consumer != null && reader != null) {
      consumer.wakeup();
      try {
        reader.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else if (consumer != null) {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }
}

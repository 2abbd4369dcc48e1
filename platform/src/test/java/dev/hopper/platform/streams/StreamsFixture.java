package dev.hopper.platform.streams;

import dev.hopper.config.LayeredConfig;
import dev.hopper.producers.generate.DataGenerator;
import dev.hopper.producers.generate.GeneratedData;
import dev.hopper.producers.generate.GeneratedRecord;
import dev.hopper.producers.generate.GeneratorConfig;
import dev.hopper.registry.serde.SpecificAvroDeserializer;
import dev.hopper.registry.serde.SpecificAvroSerializer;
import dev.hopper.topics.HopperTopic;
import dev.hopper.topics.TopicAdmin;
import dev.hopper.topics.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The shared set-up of the streams integration tests: a generated fixture, topics with a private
 * name prefix on the shared platform, a producer that sends the fixture exactly as generated (keys,
 * record timestamps, raw poison pills), and readers of the output topics.
 */
final class StreamsFixture {
  static final int PARTITIONS = 3;

  final String bootstrap;
  final String registryUrl;
  final String prefix;
  final Map<String, String> topicFlags = new LinkedHashMap<>();
  final TopicCatalog catalog;

  StreamsFixture(String bootstrap, String registryUrl, String prefix) {
    this.bootstrap = bootstrap;
    this.registryUrl = registryUrl;
    this.prefix = prefix;
    for (HopperTopic t : HopperTopic.values()) {
      topicFlags.put("hopper.topic." + t.configId() + ".name", prefix + t.defaultName());
    }
    topicFlags.put("hopper.topic.partitions", Integer.toString(PARTITIONS));
    this.catalog = TopicCatalog.from(LayeredConfig.builder().flags(topicFlags).build());
  }

  /** The generated input: bad, late and disordered records, quotes first, trailers last. */
  static GeneratedData generate(long seed, long orders) {
    return DataGenerator.generate(
        GeneratorConfig.builder()
            .seed(seed)
            .orders(orders)
            .badRatio(0.06)
            .lateRatio(0.03)
            .disorderRatio(0.05)
            .orderLateness(Duration.ofMinutes(8))
            .quotesFirst(true)
            .partitions(PARTITIONS)
            .build());
  }

  String topic(HopperTopic t) {
    return catalog.name(t);
  }

  /** Creates every topic and waits until each partition's leader answers. */
  void createTopics() {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      TopicAdmin.ensureTopics(admin, catalog.all());
    }
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            p,
            new StringDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      for (var spec : catalog.all()) {
        List<TopicPartition> parts = new ArrayList<>();
        for (int i = 0; i < spec.partitions(); i++) {
          parts.add(new TopicPartition(spec.name(), i));
        }
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(() -> consumer.endOffsets(parts, Duration.ofSeconds(5)).size() == parts.size());
      }
    }
  }

  /** Sends every record in generated order, with its own timestamp; waits for every ack. */
  void produce(List<GeneratedRecord> records) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    Map<String, Object> serdeConfig = Map.of("schema.registry.url", registryUrl);
    try (SpecificAvroSerializer<SpecificRecord> avro = new SpecificAvroSerializer<>();
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      avro.configure(serdeConfig, false);
      List<Future<?>> acks = new ArrayList<>();
      for (GeneratedRecord r : records) {
        String topic = topic(r.topic());
        byte[] value = r.isPoisonPill() ? r.rawValue() : avro.serialize(topic, r.value());
        acks.add(
            producer.send(
                new ProducerRecord<>(topic, null, r.timestamp().toEpochMilli(), r.key(), value)));
      }
      producer.flush();
      for (Future<?> ack : acks) {
        ack.get();
      }
    }
  }

  /** Every record of an output topic, in offset order per partition. */
  <V extends SpecificRecord> List<KeyValueRecord<V>> readAll(
      HopperTopic output, boolean committedOnly) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        committedOnly ? "read_committed" : "read_uncommitted");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    List<KeyValueRecord<V>> out = new ArrayList<>();
    try (SpecificAvroDeserializer<V> avro = new SpecificAvroDeserializer<>();
        KafkaConsumer<String, byte[]> consumer =
            new KafkaConsumer<>(
                p,
                new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      avro.configure(Map.of("schema.registry.url", registryUrl), false);
      String topic = topic(output);
      List<TopicPartition> parts = new ArrayList<>();
      consumer
          .partitionsFor(topic)
          .forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      Map<TopicPartition, Long> position = new HashMap<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        boolean done = true;
        for (TopicPartition tp : parts) {
          position.put(tp, consumer.position(tp));
          if (position.get(tp) < end.get(tp)) {
            done = false;
          }
        }
        if (done) {
          break;
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(new KeyValueRecord<>(r.key(), avro.deserialize(r.topic(), r.value())));
        }
      }
    }
    return out;
  }

  /** One output record. */
  record KeyValueRecord<V>(String key, V value) {}
}

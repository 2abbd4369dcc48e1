package dev.hopper.producers.kafka;

import dev.hopper.config.LayeredConfig;
import dev.hopper.registry.serde.SpecificAvroSerializer;
import dev.hopper.topics.HopperTopic;
import dev.hopper.topics.TopicAdmin;
import dev.hopper.topics.TopicCatalog;
import dev.hopper.topics.TopicSpec;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Builds Hopper's Kafka clients from the layered configuration. Producer defaults (all overridable
 * by configuration): idempotence with {@code acks=all}, lz4 compression, 20 ms linger and 128 KiB
 * batches, which keep throughput high without holding records long. Native client keys pass
 * through, so SASL/SSL settings work by configuration alone; registry keys go to the serializer.
 */
public final class KafkaClients {

  /** Default bootstrap servers, the embedded platform's. */
  public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

  /** Default registry, the embedded platform's. */
  public static final String DEFAULT_REGISTRY = "http://127.0.0.1:8081";

  /**
   * How long to wait for Kafka before calling it unreachable (ms), {@code hopper.kafka.timeout.ms}.
   */
  public static final String TIMEOUT_KEY = "hopper.kafka.timeout.ms";

  private static final Set<String> SERDE_ONLY_PREFIXES =
      Set.of(
          "schema.registry.",
          "basic.auth.",
          "auto.register.schemas",
          "use.latest.version",
          "specific.avro.reader",
          "key.subject.name.strategy",
          "value.subject.name.strategy",
          "avro.",
          "max.schemas.per.subject",
          "latest.cache.ttl.sec");

  private KafkaClients() {}

  /** The defaults every producer command starts from (lowest precedence). */
  public static Map<String, String> defaults() {
    Map<String, String> d = new HashMap<>();
    d.put("bootstrap.servers", DEFAULT_BOOTSTRAP);
    d.put("schema.registry.url", DEFAULT_REGISTRY);
    d.put(ProducerConfig.ACKS_CONFIG, "all");
    d.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    d.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    d.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    d.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
    d.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
    d.put(TIMEOUT_KEY, "30000");
    return d;
  }

  /** The producer's own properties: client keys without the registry's. */
  static Map<String, Object> producerProperties(LayeredConfig config, String clientId) {
    Map<String, Object> props = new HashMap<>();
    defaults()
        .forEach(
            (k, v) -> {
              if (LayeredConfig.isClientKey(k) && !serdeOnly(k)) {
                props.put(k, v);
              }
            });
    config
        .kafkaProperties()
        .forEach(
            (k, v) -> {
              if (!serdeOnly(k)) {
                props.put(k, v);
              }
            });
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    return props;
  }

  /** What the serializers receive: every client key, registry ones included. */
  static Map<String, Object> serdeProperties(LayeredConfig config) {
    Map<String, Object> props = new HashMap<>();
    props.put("schema.registry.url", DEFAULT_REGISTRY);
    props.putAll(config.kafkaProperties());
    return props;
  }

  private static boolean serdeOnly(String key) {
    for (String p : SERDE_ONLY_PREFIXES) {
      if (key.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** An idempotent producer with String keys and registry-framed Avro (or raw byte) values. */
  public static KafkaProducer<String, Object> producer(LayeredConfig config, String clientId) {
    Serializer<SpecificRecord> avro = new SpecificAvroSerializer<>();
    RecordValueSerializer values = new RecordValueSerializer(avro);
    values.configure(serdeProperties(config), false);
    StringSerializer keys = new StringSerializer();
    try {
      return new KafkaProducer<>(producerProperties(config, clientId), keys, values);
    } catch (KafkaException e) {
      values.close();
      throw new IllegalStateException("Cannot create a Kafka producer: " + rootMessage(e), e);
    }
  }

  /**
   * Creates the given topics when missing (idempotent), failing with a one-line reason when Kafka
   * cannot be reached within {@code hopper.kafka.timeout.ms}.
   */
  public static Map<HopperTopic, Integer> ensureTopics(
      LayeredConfig config, TopicCatalog catalog, Collection<HopperTopic> topics) {
    int timeout = config.getInt(TIMEOUT_KEY, 30_000, 1_000, 3_600_000);
    Map<String, Object> props = new HashMap<>(producerProperties(config, "hopper-producers-admin"));
    props.keySet().retainAll(AdminClientConfig.configNames());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout, 15_000));
    String bootstrap = String.valueOf(props.get("bootstrap.servers"));
    try (Admin admin = Admin.create(props)) {
      Collection<TopicSpec> specs = topics.stream().map(catalog::spec).toList();
      TopicAdmin.ensureTopics(admin, specs);
      TopicAdmin.awaitReady(
          admin,
          specs.stream().map(TopicSpec::name).toList(),
          java.time.Duration.ofMillis(timeout));
      if (topics.contains(HopperTopic.SHOP_ORDERS) && topics.contains(HopperTopic.SHOP_PAYMENTS)) {
        TopicAdmin.checkCoPartitioned(admin, catalog);
      }
      Map<String, Integer> counts =
          TopicAdmin.partitionCounts(admin, topics.stream().map(catalog::name).toList());
      Map<HopperTopic, Integer> out = new java.util.EnumMap<>(HopperTopic.class);
      topics.forEach(t -> out.put(t, counts.get(catalog.name(t))));
      return out;
    } catch (KafkaException e) {
      throw new IllegalStateException(
          "Cannot reach Kafka at " + bootstrap + ": " + rootMessage(e), e);
    } catch (IllegalStateException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Cannot reach Kafka")) {
        throw new IllegalStateException(
            "Cannot reach Kafka at " + bootstrap + " within " + timeout + " ms", e);
      }
      throw e;
    }
  }

  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return m == null ? root.getClass().getSimpleName() : m;
  }
}

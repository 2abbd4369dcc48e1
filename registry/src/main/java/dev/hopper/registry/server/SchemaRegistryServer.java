package dev.hopper.registry.server;

import dev.hopper.registry.CompatibilityLevel;
import dev.hopper.registry.server.store.InMemorySchemaStore;
import dev.hopper.registry.server.store.KafkaSchemaStore;
import dev.hopper.registry.server.store.SchemaStore;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible Schema Registry server (REST API v1 on Javalin/Jetty), for the embedded
 * platform and tests. State is kept in a compacted Kafka topic ({@code _schemas}) and rebuilt on
 * start, or only in memory.
 *
 * <pre>{@code
 * try (SchemaRegistryServer registry =
 *     SchemaRegistryServer.builder().port(8081).kafkaStore("localhost:9092").build()) {
 *   registry.start();
 *   System.out.println(registry.url());
 * }
 * }</pre>
 */
public final class SchemaRegistryServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);

  private final String host;
  private final int requestedPort;
  private final SchemaRegistryService service;
  private final AtomicLong requests = new AtomicLong();
  private Javalin javalin;

  private SchemaRegistryServer(Builder builder) {
    this.host = builder.host;
    this.requestedPort = builder.port;
    this.service = new SchemaRegistryService(builder.store(), builder.defaultCompatibility);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Rebuilds the state from the store, then starts serving HTTP. */
  public SchemaRegistryServer start() {
    if (javalin != null) {
      throw new IllegalStateException("The registry is already started");
    }
    service.start();
    RestApi api = new RestApi(service, requests);
    javalin =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.http.prefer405over404 = true;
              config.http.maxRequestSize = 16L * 1024 * 1024;
              api.register(config.routes);
            });
    try {
      javalin.start(host, requestedPort);
    } catch (RuntimeException e) {
      service.close();
      throw new IllegalStateException(
          "Cannot start the schema registry on "
              + host
              + ":"
              + requestedPort
              + ": "
              + e.getMessage(),
          e);
    }
    LOG.info("Schema registry listening on {} ({})", url(), service.storeDescription());
    return this;
  }

  /** The port listened on (the free port chosen when built with port 0). */
  public int port() {
    if (javalin == null) {
      throw new IllegalStateException("The registry is not started");
    }
    return javalin.port();
  }

  /** The base URL clients use, e.g. {@code http://127.0.0.1:8081}. */
  public String url() {
    String reachable = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    return "http://" + reachable + ":" + port();
  }

  /** How many HTTP requests the server has received. */
  public long requestCount() {
    return requests.get();
  }

  /** The registry behind the HTTP API, for in-process use. */
  public SchemaRegistryService service() {
    return service;
  }

  @Override
  public void close() {
    if (javalin != null) {
      javalin.stop();
      javalin = null;
    }
    service.close();
  }

  /** Settings of a {@link SchemaRegistryServer}. */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int port = 8081;
    private CompatibilityLevel defaultCompatibility = CompatibilityLevel.BACKWARD;
    private SchemaStore store;
    private Map<String, Object> kafkaConfig;
    private String topic = KafkaSchemaStore.DEFAULT_TOPIC;
    private Optional<Short> replicationFactor = Optional.empty();
    private Duration storeTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /** Interface to listen on (default all, {@code 0.0.0.0}). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** Port to listen on (default 8081; 0 picks a free one). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("Not a port: " + port);
      }
      this.port = port;
      return this;
    }

    /** Keep state only in memory (the default when no Kafka store is given). */
    public Builder inMemoryStore() {
      this.store = new InMemorySchemaStore();
      this.kafkaConfig = null;
      return this;
    }

    /** Keep state in the {@code _schemas} topic of the cluster at {@code bootstrapServers}. */
    public Builder kafkaStore(String bootstrapServers) {
      Map<String, Object> config = new HashMap<>();
      config.put("bootstrap.servers", Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
      return kafkaStore(config);
    }

    /** Keep state in Kafka, with client settings (bootstrap servers, security) given as a map. */
    public Builder kafkaStore(Map<String, Object> kafkaClientConfig) {
      this.kafkaConfig = Map.copyOf(kafkaClientConfig);
      this.store = null;
      return this;
    }

    /** Name of the Kafka store topic (default {@code _schemas}). */
    public Builder topic(String topic) {
      this.topic = Objects.requireNonNull(topic, "topic");
      return this;
    }

    /** Replication factor of the store topic when created (default: the broker's default). */
    public Builder topicReplicationFactor(short replicationFactor) {
      this.replicationFactor = Optional.of(replicationFactor);
      return this;
    }

    /** How long a start-up replay or a write to the Kafka store may take (default 60 s). */
    public Builder storeTimeout(Duration timeout) {
      this.storeTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** A store of your own. */
    public Builder store(SchemaStore store) {
      this.store = Objects.requireNonNull(store, "store");
      this.kafkaConfig = null;
      return this;
    }

    /** Compatibility level when none was configured (default BACKWARD, as Confluent's). */
    public Builder defaultCompatibility(CompatibilityLevel level) {
      this.defaultCompatibility = Objects.requireNonNull(level, "level");
      return this;
    }

    public SchemaRegistryServer build() {
      return new SchemaRegistryServer(this);
    }

    private SchemaStore store() {
      if (store != null) {
        return store;
      }
      if (kafkaConfig != null) {
        return new KafkaSchemaStore(kafkaConfig, topic, replicationFactor, storeTimeout);
      }
      return new InMemorySchemaStore();
    }
  }
}

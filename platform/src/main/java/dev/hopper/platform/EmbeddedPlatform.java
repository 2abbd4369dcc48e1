package dev.hopper.platform;

import dev.hopper.config.LayeredConfig;
import dev.hopper.platform.connect.EmbeddedConnect;
import dev.hopper.platform.kafka.EmbeddedKafkaCluster;
import dev.hopper.platform.mongo.EmbeddedMongo;
import dev.hopper.registry.server.SchemaRegistryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hopper's services in one JVM on 127.0.0.1: a KRaft Kafka cluster, the schema registry, a MongoDB
 * wire-protocol server and a Kafka Connect worker with the MongoDB sink connector. Each service can
 * be replaced by an external endpoint, in which case it is not started and its address is passed
 * through. Tests build it with free ports and a temporary directory; the launcher with the default
 * ports and {@code ./data}.
 *
 * <pre>{@code
 * try (EmbeddedPlatform platform = EmbeddedPlatform.builder().build().start()) {
 *   String bootstrap = platform.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedPlatform implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPlatform.class);

  /** Default ports of the embedded services (SPEC). */
  public static final int KAFKA_PORT = 9092;

  /** Default schema registry port. */
  public static final int REGISTRY_PORT = 8081;

  /** Default Kafka Connect REST port. */
  public static final int CONNECT_PORT = 8083;

  /** Default MongoDB port. */
  public static final int MONGO_PORT = 27017;

  /** How MongoDB keeps its documents. */
  public enum MongoStorage {
    /** In memory: gone when the platform stops (tests). */
    MEMORY,
    /** In an H2 MVStore file under the data directory: survives restarts. */
    FILE
  }

  private final Builder settings;
  private final Path dataDir;
  private final boolean temporaryDataDir;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  private EmbeddedKafkaCluster kafka;
  private SchemaRegistryServer registry;
  private EmbeddedMongo mongo;
  private EmbeddedConnect connect;
  private String bootstrapServers;
  private String registryUrl;
  private String mongoUri;
  private String connectUrl;
  private long startMillis;

  private EmbeddedPlatform(Builder settings, Path dataDir, boolean temporaryDataDir) {
    this.settings = settings;
    this.dataDir = dataDir;
    this.temporaryDataDir = temporaryDataDir;
  }

  /** A builder with test-friendly defaults: free ports, a temporary directory, Mongo in memory. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts every service that is not external, in dependency order. On failure, what was started is
   * stopped again and the exception says which service failed.
   */
  public EmbeddedPlatform start() {
    long t0 = System.nanoTime();
    List<CompletableFuture<Void>> starts = new ArrayList<>();
    try {
      checkPorts();
      // MongoDB needs nothing else: it starts while Kafka does.
      starts.add(CompletableFuture.runAsync(this::startMongo));
      if (settings.externalKafka != null) {
        bootstrapServers = settings.externalKafka;
      } else {
        kafka =
            EmbeddedKafkaCluster.create(
                    dataDir.resolve("kafka"),
                    settings.kafkaNodes,
                    settings.kafkaPort,
                    settings.brokerOverrides)
                .start();
        register(kafka);
        bootstrapServers = kafka.bootstrapServers();
      }
      // The registry and the Connect worker only need Kafka: start them side by side.
      starts.add(CompletableFuture.runAsync(this::startRegistry));
      starts.add(CompletableFuture.runAsync(this::startConnect));
      settle(starts);
      for (CompletableFuture<Void> start : starts) {
        rethrow(start);
      }
    } catch (RuntimeException e) {
      settle(starts);
      close();
      throw e;
    }
    startMillis = (System.nanoTime() - t0) / 1_000_000;
    LOG.info("Embedded platform ready in {} ms: {}", startMillis, describe());
    return this;
  }

  /** Waits until every start has finished, successfully or not. */
  private static void settle(List<CompletableFuture<Void>> starts) {
    CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new))
        .exceptionally(t -> null)
        .join();
  }

  /** A failed start surfaces as the service's own exception. */
  private static void rethrow(CompletableFuture<Void> start) {
    try {
      start.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private void startMongo() {
    if (settings.externalMongo != null) {
      mongoUri = settings.externalMongo;
    } else if (settings.mongo) {
      mongo =
          EmbeddedMongo.start(
              settings.mongoPort,
              settings.mongoStorage == MongoStorage.FILE
                  ? dataDir.resolve("mongo").resolve("hopper.mv")
                  : null);
      register(mongo);
      mongoUri = mongo.uri();
    }
  }

  private void startRegistry() {
    if (settings.externalRegistry != null) {
      registryUrl = settings.externalRegistry;
    } else if (settings.registry) {
      // Durable like Confluent's: schemas live in the compacted _schemas topic.
      registry =
          SchemaRegistryServer.builder()
              .host(Ports.LOOPBACK)
              .port(Ports.resolve("Schema Registry", settings.registryPort))
              .kafkaStore(bootstrapServers)
              .build()
              .start();
      register(registry);
      registryUrl = registry.url();
    }
  }

  private void startConnect() {
    if (settings.externalConnect != null) {
      connectUrl = settings.externalConnect;
    } else if (settings.connect) {
      int port = Ports.resolve("Kafka Connect", settings.connectPort);
      int replication = kafka == null ? -1 : Math.min(3, kafka.size());
      connect =
          EmbeddedConnect.start(
              EmbeddedConnect.workerProps(
                  bootstrapServers, port, replication, settings.connectOverrides));
      register(connect);
      connectUrl = connect.url();
    }
  }

  private synchronized void register(AutoCloseable service) {
    started.push(service);
  }

  /** Fails fast, before anything starts, when a fixed port is already taken. */
  private void checkPorts() {
    if (settings.externalKafka == null) {
      for (int i = 0; i < settings.kafkaNodes; i++) {
        Ports.checkAvailable("Kafka", settings.kafkaPort == 0 ? 0 : settings.kafkaPort + i);
      }
    }
    if (settings.externalRegistry == null && settings.registry) {
      Ports.checkAvailable("Schema Registry", settings.registryPort);
    }
    if (settings.externalMongo == null && settings.mongo) {
      Ports.checkAvailable("MongoDB", settings.mongoPort);
    }
    if (settings.externalConnect == null && settings.connect) {
      Ports.checkAvailable("Kafka Connect", settings.connectPort);
    }
  }

  /** One line naming every service and its address. */
  public String describe() {
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("kafka", bootstrapServers + (kafka == null ? " (external)" : ""));
    if (registryUrl != null) {
      parts.put("registry", registryUrl + (registry == null ? " (external)" : ""));
    }
    if (mongoUri != null) {
      parts.put("mongodb", mongo == null ? "(external)" : mongoUri);
    }
    if (connectUrl != null) {
      parts.put("connect", connectUrl + (connect == null ? " (external)" : ""));
    }
    StringBuilder sb = new StringBuilder();
    parts.forEach(
        (k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    return sb.toString();
  }

  /** Kafka's {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The schema registry URL, when there is one. */
  public Optional<String> schemaRegistryUrl() {
    return Optional.ofNullable(registryUrl);
  }

  /** The MongoDB connection string, when there is one. */
  public Optional<String> mongoUri() {
    return Optional.ofNullable(mongoUri);
  }

  /** The Kafka Connect REST URL, when there is one. */
  public Optional<String> connectUrl() {
    return Optional.ofNullable(connectUrl);
  }

  /** The embedded Kafka cluster, for fault tests; empty when Kafka is external. */
  public Optional<EmbeddedKafkaCluster> kafka() {
    return Optional.ofNullable(kafka);
  }

  /** Where services keep their data. */
  public Path dataDir() {
    return dataDir;
  }

  /** How long {@link #start()} took, in milliseconds. */
  public long startMillis() {
    return startMillis;
  }

  /**
   * Client settings for this platform: {@code bootstrap.servers}, {@code schema.registry.url} and
   * {@code mongodb.uri}, ready to layer under a command's configuration.
   */
  public Map<String, String> clientConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("bootstrap.servers", bootstrapServers);
    if (registryUrl != null) {
      config.put("schema.registry.url", registryUrl);
    }
    if (mongoUri != null) {
      config.put("mongodb.uri", mongoUri);
    }
    if (connectUrl != null) {
      config.put("hopper.connect.url", connectUrl);
    }
    return config;
  }

  /** Stops every started service in reverse order; a temporary data directory is deleted. */
  @Override
  public void close() {
    while (true) {
      AutoCloseable service;
      synchronized (this) {
        if (started.isEmpty()) {
          break;
        }
        service = started.pop();
      }
      try {
        service.close();
      } catch (Exception e) {
        LOG.warn("{} did not stop cleanly: {}", service.getClass().getSimpleName(), e.toString());
      }
    }
    if (temporaryDataDir) {
      deleteRecursively(dataDir);
    }
  }

  /** Deletes a directory tree; missing is fine. */
  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }

  /** Chooses which services run and where. */
  public static final class Builder {
    private Path dataDir;
    private int kafkaNodes = 1;
    private int kafkaPort;
    private int registryPort;
    private int mongoPort;
    private int connectPort;
    private boolean mongo = true;
    private boolean connect = true;
    private boolean registry = true;
    private MongoStorage mongoStorage = MongoStorage.MEMORY;
    private String externalKafka;
    private String externalRegistry;
    private String externalMongo;
    private String externalConnect;
    private final Map<String, String> brokerOverrides = new LinkedHashMap<>();
    private final Map<String, String> connectOverrides = new LinkedHashMap<>();

    private Builder() {}

    /** Keeps data in {@code dir} (kept after close); by default a temporary directory is used. */
    public Builder dataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /** SPEC's default ports (Kafka 9092, registry 8081, Connect 8083, MongoDB 27017). */
    public Builder defaultPorts() {
      kafkaPort = KAFKA_PORT;
      registryPort = REGISTRY_PORT;
      connectPort = CONNECT_PORT;
      mongoPort = MONGO_PORT;
      return this;
    }

    /** Kafka's client port (node 1; more nodes take the next ports); 0 for a free port. */
    public Builder kafkaPort(int port) {
      this.kafkaPort = port;
      return this;
    }

    /** The schema registry's port; 0 for a free port. */
    public Builder registryPort(int port) {
      this.registryPort = port;
      return this;
    }

    /** MongoDB's port; 0 for a free port. */
    public Builder mongoPort(int port) {
      this.mongoPort = port;
      return this;
    }

    /** Kafka Connect's REST port; 0 for a free port. */
    public Builder connectPort(int port) {
      this.connectPort = port;
      return this;
    }

    /** Number of Kafka nodes (each a combined broker and controller); 1 by default. */
    public Builder kafkaNodes(int nodes) {
      if (nodes < 1) {
        throw new IllegalArgumentException("kafkaNodes must be >= 1");
      }
      this.kafkaNodes = nodes;
      return this;
    }

    /** A broker setting applied to every node, over Hopper's defaults. */
    public Builder brokerConfig(String key, String value) {
      brokerOverrides.put(key, value);
      return this;
    }

    /** A Connect worker setting, over Hopper's defaults. */
    public Builder connectConfig(String key, String value) {
      connectOverrides.put(key, value);
      return this;
    }

    /** How MongoDB keeps documents. */
    public Builder mongoStorage(MongoStorage storage) {
      this.mongoStorage = storage;
      return this;
    }

    /** Uses an external Kafka cluster instead of starting one. */
    public Builder externalKafka(String bootstrapServers) {
      this.externalKafka = bootstrapServers;
      return this;
    }

    /** Uses an external schema registry instead of starting one. */
    public Builder externalRegistry(String url) {
      this.externalRegistry = url;
      return this;
    }

    /** Uses an external MongoDB instead of starting one. */
    public Builder externalMongo(String uri) {
      this.externalMongo = uri;
      return this;
    }

    /** Uses an external Kafka Connect cluster instead of starting a worker. */
    public Builder externalConnect(String url) {
      this.externalConnect = url;
      return this;
    }

    /** Starts no MongoDB. */
    public Builder withoutMongo() {
      this.mongo = false;
      return this;
    }

    /** Starts no Connect worker. */
    public Builder withoutConnect() {
      this.connect = false;
      return this;
    }

    /** Starts no schema registry. */
    public Builder withoutRegistry() {
      this.registry = false;
      return this;
    }

    /**
     * Takes external endpoints from configuration: {@code bootstrap.servers} (env {@code
     * KAFKA_BOOTSTRAP_SERVERS}), {@code schema.registry.url}, {@code mongodb.uri}, {@code
     * hopper.connect.url}. A service whose endpoint is set is not started.
     */
    public Builder external(LayeredConfig config) {
      config.find("bootstrap.servers").ifPresent(this::externalKafka);
      config.find("schema.registry.url").ifPresent(this::externalRegistry);
      config.find("mongodb.uri").ifPresent(this::externalMongo);
      config.find("hopper.connect.url").ifPresent(this::externalConnect);
      return this;
    }

    /** The platform, not yet started. */
    public EmbeddedPlatform build() {
      if (dataDir != null) {
        return new EmbeddedPlatform(this, dataDir.toAbsolutePath(), false);
      }
      try {
        return new EmbeddedPlatform(this, Files.createTempDirectory("hopper-platform-"), true);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create a temporary data directory", e);
      }
    }

    /** Builds and starts the platform. */
    public EmbeddedPlatform start() {
      return build().start();
    }
  }
}

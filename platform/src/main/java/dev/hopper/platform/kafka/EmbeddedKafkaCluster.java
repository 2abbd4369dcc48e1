package dev.hopper.platform.kafka;

import dev.hopper.platform.Ports;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka cluster in KRaft mode inside this JVM: every node is a combined broker and
 * controller listening on 127.0.0.1, with a static controller quorum. Internal topics are sized for
 * the node count, so transactions (exactly-once) work on a single node. Storage is formatted on
 * first start and reused afterwards: topics, offsets and transactions survive a restart on the same
 * directory.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String CLUSTER_ID_FILE = "cluster.id";

  private final Path dir;
  private final List<Node> nodes;
  private final String clusterId;

  private EmbeddedKafkaCluster(Path dir, List<Node> nodes, String clusterId) {
    this.dir = dir;
    this.nodes = nodes;
    this.clusterId = clusterId;
  }

  /**
   * Prepares a cluster of {@code nodeCount} nodes under {@code dir}. {@code firstPort} is the
   * client port of node 1 (0 for free ports); with fixed ports, node {@code i} takes {@code
   * firstPort + i - 1} and its controller a free port. {@code overrides} are broker settings
   * applied to every node last.
   */
  public static EmbeddedKafkaCluster create(
      Path dir, int nodeCount, int firstPort, Map<String, String> overrides) {
    if (nodeCount < 1) {
      throw new IllegalArgumentException("A Kafka cluster needs at least one node");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create Kafka data directory " + dir, e);
    }
    String clusterId = loadOrCreateClusterId(dir);
    List<int[]> ports = new ArrayList<>();
    for (int i = 1; i <= nodeCount; i++) {
      int port = firstPort == 0 ? 0 : firstPort + i - 1;
      ports.add(new int[] {Ports.resolve("Kafka", port), Ports.freePort()});
    }
    String voters =
        java.util.stream.IntStream.range(0, nodeCount)
            .mapToObj(i -> (i + 1) + "@" + Ports.LOOPBACK + ":" + ports.get(i)[1])
            .collect(Collectors.joining(","));
    List<Node> nodes = new ArrayList<>();
    for (int i = 1; i <= nodeCount; i++) {
      int[] p = ports.get(i - 1);
      Path logDir = dir.resolve("node-" + i);
      Map<String, String> props = brokerProps(i, nodeCount, p[0], p[1], voters, logDir);
      props.putAll(overrides);
      nodes.add(new Node(i, p[0], logDir, props));
    }
    return new EmbeddedKafkaCluster(dir, nodes, clusterId);
  }

  private static Map<String, String> brokerProps(
      int nodeId, int nodeCount, int port, int controllerPort, String voters, Path logDir) {
    int replication = Math.min(3, nodeCount);
    int minIsr = nodeCount >= 3 ? 2 : 1;
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(nodeId));
    p.put("controller.quorum.voters", voters);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put(
        "listeners",
        "PLAINTEXT://"
            + Ports.LOOPBACK
            + ":"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + Ports.LOOPBACK
            + ":"
            + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + port);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    // Hopper creates every topic with explicit settings; a typo must not silently create one.
    p.put("auto.create.topics.enable", "false");
    p.put("num.partitions", "1");
    p.put("default.replication.factor", Integer.toString(replication));
    p.put("min.insync.replicas", Integer.toString(minIsr));
    // Internal topics sized for a small cluster: fewer partitions start faster on 2 cores.
    p.put("offsets.topic.replication.factor", Integer.toString(replication));
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", Integer.toString(replication));
    p.put("transaction.state.log.min.isr", Integer.toString(minIsr));
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", Integer.toString(replication));
    p.put("share.coordinator.state.topic.min.isr", Integer.toString(minIsr));
    // No waiting for more members before the first rebalance: nothing else is coming.
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.put("background.threads", "4");
    p.put("log.cleaner.threads", "1");
    p.put("log.cleaner.dedupe.buffer.size", Long.toString(16L << 20));
    if (nodeCount > 1) {
      p.put("controller.quorum.election.timeout.ms", "1000");
      p.put("controller.quorum.fetch.timeout.ms", "2000");
      p.put("broker.session.timeout.ms", "6000");
      p.put("broker.heartbeat.interval.ms", "1000");
    }
    return p;
  }

  private static String loadOrCreateClusterId(Path dir) {
    Path file = dir.resolve(CLUSTER_ID_FILE);
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      String id = Uuid.randomUuid().toString();
      Files.writeString(file, id, StandardCharsets.UTF_8);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write " + file, e);
    }
  }

  /** Formats storage where needed and starts every node; returns when all brokers serve clients. */
  public EmbeddedKafkaCluster start() {
    // Controllers of a multi-node quorum wait for each other: start the nodes side by side.
    List<CompletableFuture<Void>> starts = new ArrayList<>();
    for (Node node : nodes) {
      starts.add(CompletableFuture.runAsync(() -> startNode(node)));
    }
    try {
      CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      close();
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("Kafka failed to start: " + cause.getMessage(), cause);
    }
    awaitClusterSize(nodes.size());
    return this;
  }

  private void startNode(Node node) {
    format(node);
    KafkaConfig config = new KafkaConfig(node.props, false);
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    node.server = server;
    LOG.info("Kafka node {} listening on {}:{}", node.id, Ports.LOOPBACK, node.port);
  }

  private void format(Node node) {
    if (Files.exists(node.logDir.resolve("meta.properties"))) {
      return;
    }
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, "UTF-8"))
          .setNodeId(node.id)
          .setClusterId(clusterId)
          .setDirectories(List.of(node.logDir.toString()))
          .setMetadataLogDirectory(node.logDir.toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setReleaseVersion(MetadataVersion.latestProduction())
          .run();
    } catch (Exception e) {
      throw new IllegalStateException(
          "Cannot format Kafka storage in " + node.logDir + ": " + e.getMessage(), e);
    }
  }

  private void awaitClusterSize(int expected) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        try {
          int size = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
          if (size >= expected) {
            return;
          }
        } catch (Exception e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Kafka did not become ready: " + e.getMessage(), e);
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Kafka did not reach " + expected + " nodes in 60 s");
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
      }
    }
  }

  /** {@code host:port,...} of every node's client listener. */
  public String bootstrapServers() {
    return nodes.stream().map(n -> Ports.LOOPBACK + ":" + n.port).collect(Collectors.joining(","));
  }

  /** Number of nodes. */
  public int size() {
    return nodes.size();
  }

  /** The cluster id, stable across restarts on the same directory. */
  public String clusterId() {
    return clusterId;
  }

  /** The directory holding every node's storage. */
  public Path dir() {
    return dir;
  }

  /** Stops one node (1-based id) cleanly, for fault tests; its storage stays. */
  public void stopNode(int id) {
    Node node = nodes.get(id - 1);
    if (node.server != null) {
      node.server.shutdown();
      node.server.awaitShutdown();
      node.server = null;
      LOG.info("Kafka node {} stopped", id);
    }
  }

  /** Restarts a stopped node on its old ports and storage. */
  public void restartNode(int id) {
    Node node = nodes.get(id - 1);
    if (node.server == null) {
      startNode(node);
    }
  }

  /** Whether a node is running. */
  public boolean isRunning(int id) {
    return nodes.get(id - 1).server != null;
  }

  /** Stops every node, brokers before the controller quorum goes away. */
  @Override
  public void close() {
    List<Node> running = nodes.stream().filter(n -> n.server != null).toList();
    // Shut down side by side: a node waiting for a quorum that has already left would hang.
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    for (Node node : running) {
      stops.add(
          CompletableFuture.runAsync(
              () -> {
                try {
                  node.server.shutdown();
                  node.server.awaitShutdown();
                } catch (RuntimeException e) {
                  LOG.warn("Kafka node {} did not stop cleanly: {}", node.id, e.toString());
                } finally {
                  node.server = null;
                }
              }));
    }
    CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
  }

  private static final class Node {
    final int id;
    final int port;
    final Path logDir;
    final Map<String, String> props;
    volatile KafkaRaftServer server;

    Node(int id, int port, Path logDir, Map<String, String> props) {
      this.id = id;
      this.port = port;
      this.logDir = logDir;
      this.props = props;
    }
  }
}

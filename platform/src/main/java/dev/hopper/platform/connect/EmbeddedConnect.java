package dev.hopper.platform.connect;

import dev.hopper.platform.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect worker in distributed mode inside this JVM, with its REST API on 127.0.0.1. Its
 * configs, offsets and statuses live in Kafka topics, so connectors and their progress survive a
 * restart. Plugins are found with {@code plugin.discovery=service_load} on the class path (the
 * MongoDB sink connector among them), and sink consumers read committed records only: records of
 * aborted transactions never reach a sink.
 */
public final class EmbeddedConnect implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedConnect.class);

  /** Group id of the embedded worker. */
  public static final String GROUP_ID = "hopper-connect";

  private final Connect<?> connect;
  private final int port;

  private EmbeddedConnect(Connect<?> connect, int port) {
    this.connect = connect;
    this.port = port;
  }

  /**
   * The worker settings for a cluster at {@code bootstrapServers} with {@code replication} replicas
   * of its internal topics, REST on {@code port}. Overrides are applied last.
   */
  public static Map<String, String> workerProps(
      String bootstrapServers, int port, int replication, Map<String, String> overrides) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("group.id", GROUP_ID);
    p.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    p.put("value.converter.schemas.enable", "false");
    p.put("config.storage.topic", "connect-configs");
    p.put("offset.storage.topic", "connect-offsets");
    p.put("status.storage.topic", "connect-status");
    p.put("config.storage.replication.factor", Integer.toString(replication));
    p.put("offset.storage.replication.factor", Integer.toString(replication));
    p.put("status.storage.replication.factor", Integer.toString(replication));
    p.put("offset.storage.partitions", "5");
    p.put("status.storage.partitions", "1");
    p.put("offset.flush.interval.ms", "1000");
    p.put("listeners", "http://" + Ports.LOOPBACK + ":" + port);
    p.put("rest.advertised.host.name", Ports.LOOPBACK);
    p.put("rest.advertised.port", Integer.toString(port));
    // Plugins declare themselves in META-INF/services: no class-path scan (seconds faster).
    p.put("plugin.discovery", "service_load");
    // Sinks must never see records of aborted transactions.
    p.put("consumer.isolation.level", "read_committed");
    // Let connector configs carry consumer.override.* (e.g. a per-connector isolation level).
    p.put("connector.client.config.override.policy", "All");
    // A lone worker: no point waiting for departed members before reassigning their tasks.
    p.put("scheduled.rebalance.max.delay.ms", "0");
    p.putAll(overrides);
    return p;
  }

  /** Starts a worker with {@code props} and waits until its REST API answers. */
  public static EmbeddedConnect start(Map<String, String> props) {
    int port = URI.create(props.get("listeners").split(",")[0].trim()).getPort();
    Ports.checkAvailable("Kafka Connect", port);
    AtomicReference<Connect<?>> started = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    // Connect swaps the context class loader of the thread that starts it: keep that off callers.
    Thread starter =
        new Thread(
            () -> {
              // Connect calls Exit when it cannot start; in-process that must be an exception.
              Exit.setExitProcedure(
                  (code, message) -> {
                    throw new IllegalStateException(
                        "Kafka Connect failed to start (exit " + code + ")");
                  });
              try {
                started.set(new ConnectDistributed().startConnect(props));
              } catch (Throwable t) {
                failure.set(t);
              } finally {
                Exit.resetExitProcedure();
              }
            },
            "hopper-connect-starter");
    starter.setContextClassLoader(EmbeddedConnect.class.getClassLoader());
    starter.start();
    try {
      starter.join(TimeUnit.SECONDS.toMillis(120));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting Kafka Connect", e);
    }
    if (failure.get() != null || started.get() == null) {
      Throwable t = failure.get();
      throw new IllegalStateException(
          "Kafka Connect failed to start: " + (t == null ? "timed out" : rootMessage(t)), t);
    }
    EmbeddedConnect worker = new EmbeddedConnect(started.get(), port);
    try {
      worker.awaitRestReady(Duration.ofSeconds(60));
    } catch (RuntimeException e) {
      worker.close();
      throw e;
    }
    LOG.info("Kafka Connect worker REST API on {}", worker.url());
    return worker;
  }

  /** Polls {@code GET /connectors} until the herder answers (it has joined its group). */
  private void awaitRestReady(Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url() + "/connectors"))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = "HTTP " + response.statusCode();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for Kafka Connect", e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for Kafka Connect", e);
      }
    }
    throw new IllegalStateException(
        "Kafka Connect REST API not ready after " + timeout + ": " + last);
  }

  /** The REST API's base URL. */
  public String url() {
    return "http://" + Ports.LOOPBACK + ":" + port;
  }

  /** The REST port. */
  public int port() {
    return port;
  }

  /** Stops connectors, tasks and the REST API. */
  @Override
  public void close() {
    connect.stop();
    connect.awaitStop();
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}

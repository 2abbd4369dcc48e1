package dev.hopper.connect;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the sink connectors: prepares MongoDB collections and indexes, validates every config
 * through Connect, creates or updates the connectors (idempotently), and waits until every task
 * runs. A config Connect rejects, or a task that fails, ends the deploy with the reason.
 */
public final class SinkDeployer {
  private static final Logger LOG = LoggerFactory.getLogger(SinkDeployer.class);
  private static final int TRACE_LINES = 12;

  private final ConnectRestClient connect;
  private final String mongoUri;
  private final Duration timeout;

  /**
   * A deployer for the Connect cluster behind {@code connect}; {@code mongoUri} may be null to skip
   * preparing MongoDB (e.g. when the deploy host cannot reach it).
   */
  public SinkDeployer(ConnectRestClient connect, String mongoUri, Duration timeout) {
    this.connect = connect;
    this.mongoUri = mongoUri;
    this.timeout = timeout;
  }

  /** What a deploy did, per connector: created or updated. */
  public record Result(Map<String, String> actions, List<String> indexesCreated) {}

  /** Deploys {@code connectors}; throws {@link DeployException} with the reason on failure. */
  public Result deploy(List<SinkConnector> connectors) throws IOException, InterruptedException {
    List<String> indexes = List.of();
    if (mongoUri != null) {
      try (MongoClient mongo = MongoClients.create(mongoUri)) {
        indexes =
            MongoCollections.prepare(
                mongo, connectors.stream().map(SinkConnector::collection).toList());
      } catch (RuntimeException e) {
        throw new DeployException("Cannot prepare MongoDB collections: " + e.getMessage(), e);
      }
    }
    List<String> problems = new ArrayList<>();
    for (SinkConnector connector : connectors) {
      Map<String, String> config = withName(connector);
      for (String error : connect.validate(connector.connectorClass(), config)) {
        problems.add(connector.name() + ": " + error);
      }
    }
    if (!problems.isEmpty()) {
      throw new DeployException(
          "Connect rejected the sink configs:\n  " + String.join("\n  ", problems), null);
    }
    Map<String, String> actions = new LinkedHashMap<>();
    for (SinkConnector connector : connectors) {
      boolean created = putWithRetry(connector);
      actions.put(connector.name(), created ? "created" : "updated");
      LOG.info("Connector {} {}", connector.name(), created ? "created" : "updated");
    }
    awaitRunning(connectors);
    return new Result(actions, indexes);
  }

  private static Map<String, String> withName(SinkConnector connector) {
    Map<String, String> config = new LinkedHashMap<>(connector.config());
    config.put("name", connector.name());
    return config;
  }

  /** Connect answers 409 while its group rebalances; such a request is simply tried again. */
  private boolean putWithRetry(SinkConnector connector) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return connect.putConfig(connector.name(), withName(connector));
      } catch (ConnectRestClient.ConnectRestException e) {
        if (e.status() != 409 || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(250);
      }
    }
  }

  private void awaitRunning(List<SinkConnector> connectors)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<SinkConnector> pending = new ArrayList<>(connectors);
    while (!pending.isEmpty()) {
      for (var it = pending.iterator(); it.hasNext(); ) {
        SinkConnector connector = it.next();
        ConnectRestClient.Status status = connect.status(connector.name());
        if (status == null) {
          continue;
        }
        if (status.failed()) {
          throw new DeployException(
              "Connector " + connector.name() + " failed: " + firstTrace(status), null);
        }
        if (status.running()) {
          it.remove();
        }
      }
      if (pending.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new DeployException(
            "Connectors not RUNNING after "
                + timeout.toSeconds()
                + " s: "
                + pending.stream().map(SinkConnector::name).toList(),
            null);
      }
      Thread.sleep(200);
    }
  }

  private static String firstTrace(ConnectRestClient.Status status) {
    String trace = status.connectorTrace();
    for (ConnectRestClient.TaskStatus task : status.tasks()) {
      if ("FAILED".equals(task.state())) {
        trace = "task " + task.id() + ": " + task.trace();
        break;
      }
    }
    String[] lines = trace.split("\n");
    return String.join("\n", java.util.Arrays.copyOf(lines, Math.min(lines.length, TRACE_LINES)));
  }

  /** A deploy that could not complete; the message says why. */
  public static final class DeployException extends IOException {
    private static final long serialVersionUID = 1L;

    DeployException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

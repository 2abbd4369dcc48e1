package dev.hopper.streams.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads every connector of a Kafka Connect cluster with its tasks' states, in one call of its REST
 * API ({@code GET /connectors?expand=status&expand=info}). The streams app does not depend on the
 * connect module: this is the one call the monitoring page needs.
 */
final class ConnectStatusReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final String baseUrl;
  private final HttpClient http;

  ConnectStatusReader(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  String baseUrl() {
    return baseUrl;
  }

  /** Every connector, sorted by name. */
  List<MonitorViews.Connector> connectors() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/connectors?expand=status&expand=info"))
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      throw new IOException("Kafka Connect is not reachable at " + baseUrl, e);
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "Kafka Connect at "
              + baseUrl
              + " answered "
              + response.statusCode()
              + " to GET /connectors");
    }
    return parse(JSON.readTree(response.body()));
  }

  /** The connectors of an expanded {@code /connectors} answer. */
  static List<MonitorViews.Connector> parse(JsonNode root) {
    List<MonitorViews.Connector> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String name = e.getKey();
      JsonNode status = e.getValue().path("status");
      JsonNode info = e.getValue().path("info");
      JsonNode connector = status.path("connector");
      String type = text(status.path("type"), text(info.path("type"), null));
      List<MonitorViews.ConnectorTask> tasks = new ArrayList<>();
      for (JsonNode t : status.path("tasks")) {
        tasks.add(
            new MonitorViews.ConnectorTask(
                t.path("id").asInt(),
                text(t.path("state"), "UNKNOWN"),
                text(t.path("worker_id"), null),
                firstLine(text(t.path("trace"), null))));
      }
      tasks.sort((a, b) -> Integer.compare(a.id(), b.id()));
      String topics = text(info.path("config").path("topics"), null);
      if (topics == null) {
        topics = text(info.path("config").path("topics.regex"), null);
      }
      out.add(
          new MonitorViews.Connector(
              name,
              type,
              text(connector.path("state"), "UNKNOWN"),
              text(connector.path("worker_id"), null),
              firstLine(text(connector.path("trace"), null)),
              topics,
              "sink".equals(type) ? "connect-" + name : null,
              tasks));
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  private static String text(JsonNode n, String fallback) {
    return n == null || n.isMissingNode() || n.isNull() ? fallback : n.asText();
  }

  /** The first line of a stack trace: its exception and message. */
  static String firstLine(String trace) {
    if (trace == null || trace.isBlank()) {
      return null;
    }
    int nl = trace.indexOf('\n');
    String line = (nl < 0 ? trace : trace.substring(0, nl)).trim();
    return line.length() > 500 ? line.substring(0, 500) + "..." : line;
  }
}

package dev.hopper.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The few calls of Kafka Connect's REST API that deploying needs: validate a config, create or
 * update a connector, read its status. Works against any Connect cluster, embedded or not.
 */
public final class ConnectRestClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final HttpClient http;

  /** A client for the Connect REST API at {@code baseUrl}. */
  public ConnectRestClient(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** State of a connector and its tasks, from {@code GET /connectors/{name}/status}. */
  public record Status(String connectorState, String connectorTrace, List<TaskStatus> tasks) {
    /** Whether the connector and at least one task run, and no task failed. */
    public boolean running() {
      return "RUNNING".equals(connectorState)
          && !tasks.isEmpty()
          && tasks.stream().allMatch(t -> "RUNNING".equals(t.state()));
    }

    /** Whether the connector or a task failed. */
    public boolean failed() {
      return "FAILED".equals(connectorState)
          || tasks.stream().anyMatch(t -> "FAILED".equals(t.state()));
    }
  }

  /** State of one task. */
  public record TaskStatus(int id, String state, String trace) {}

  /**
   * Validates a config with {@code PUT /connector-plugins/{class}/config/validate}; returns one
   * {@code key: error} line per error, empty when the config is valid.
   */
  public List<String> validate(String connectorClass, Map<String, String> config)
      throws IOException, InterruptedException {
    String path =
        "/connector-plugins/"
            + URLEncoder.encode(connectorClass, StandardCharsets.UTF_8)
            + "/config/validate";
    JsonNode body = send("PUT", path, JSON.writeValueAsString(config), 200);
    List<String> errors = new ArrayList<>();
    if (body.path("error_count").asInt() == 0) {
      return errors;
    }
    for (JsonNode entry : body.path("configs")) {
      JsonNode value = entry.path("value");
      for (JsonNode error : value.path("errors")) {
        errors.add(value.path("name").asText() + ": " + error.asText());
      }
    }
    return errors;
  }

  /**
   * Creates or updates a connector with {@code PUT /connectors/{name}/config}; returns true when it
   * was created.
   */
  public boolean putConfig(String name, Map<String, String> config)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        exchange("PUT", "/connectors/" + encode(name) + "/config", JSON.writeValueAsString(config));
    if (response.statusCode() != 200 && response.statusCode() != 201) {
      throw failure("PUT", "/connectors/" + name + "/config", response);
    }
    return response.statusCode() == 201;
  }

  /** The status of a connector, or null when it does not exist (yet). */
  public Status status(String name) throws IOException, InterruptedException {
    HttpResponse<String> response =
        exchange("GET", "/connectors/" + encode(name) + "/status", null);
    if (response.statusCode() == 404) {
      return null;
    }
    if (response.statusCode() != 200) {
      throw failure("GET", "/connectors/" + name + "/status", response);
    }
    JsonNode body = JSON.readTree(response.body());
    List<TaskStatus> tasks = new ArrayList<>();
    for (JsonNode task : body.path("tasks")) {
      tasks.add(
          new TaskStatus(
              task.path("id").asInt(), task.path("state").asText(), task.path("trace").asText("")));
    }
    return new Status(
        body.path("connector").path("state").asText(),
        body.path("connector").path("trace").asText(""),
        tasks);
  }

  /** Names of every connector. */
  public List<String> connectors() throws IOException, InterruptedException {
    List<String> names = new ArrayList<>();
    send("GET", "/connectors", null, 200).forEach(n -> names.add(n.asText()));
    return names;
  }

  /** Restarts a connector and its failed tasks. */
  public void restart(String name) throws IOException, InterruptedException {
    HttpResponse<String> response =
        exchange(
            "POST",
            "/connectors/" + encode(name) + "/restart?includeTasks=true&onlyFailed=true",
            "");
    if (response.statusCode() >= 300) {
      throw failure("POST", "/connectors/" + name + "/restart", response);
    }
  }

  /** The base URL. */
  public String baseUrl() {
    return baseUrl;
  }

  private JsonNode send(String method, String path, String body, int expected)
      throws IOException, InterruptedException {
    HttpResponse<String> response = exchange(method, path, body);
    if (response.statusCode() != expected) {
      throw failure(method, path, response);
    }
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> exchange(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      throw new IOException("Kafka Connect is not reachable at " + baseUrl, e);
    }
  }

  private static IOException failure(String method, String path, HttpResponse<String> response) {
    String message = response.body();
    try {
      JsonNode error = JSON.readTree(response.body());
      if (error.hasNonNull("message")) {
        message = error.get("message").asText();
      }
    } catch (IOException ignored) {
      // Not JSON: keep the raw body.
    }
    return new ConnectRestException(
        response.statusCode(),
        method + " " + path + " answered " + response.statusCode() + ": " + message);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Connect answered with an error status. */
  public static final class ConnectRestException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    ConnectRestException(int status, String message) {
      super(message);
      this.status = status;
    }

    /** The HTTP status. */
    public int status() {
      return status;
    }
  }
}

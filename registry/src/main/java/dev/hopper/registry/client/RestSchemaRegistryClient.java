package dev.hopper.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hopper.registry.CompatibilityLevel;
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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's REST API v1 over HTTP ({@link HttpClient}), without caching: every call is a
 * request. Fails over across the configured URLs and retries connection failures and 5xx/408/429
 * answers with exponential back-off before giving up with a {@link RegistryUnavailableException}.
 * Wrap it in a {@link CachedSchemaRegistryClient} for use on a hot path.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
  /** The registry's content type, sent and accepted. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryClientConfig config;
  private final HttpClient http;
  private final AtomicInteger preferredUrl = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();

  public RestSchemaRegistryClient(RegistryClientConfig config) {
    this.config = config;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** How many HTTP requests this client has sent, retries included. */
  public long requestCount() {
    return requests.get();
  }

  @Override
  public int register(String subject, Schema schema) {
    return call("POST", "/subjects/" + segment(subject) + "/versions", schemaBody(schema))
        .path("id")
        .asInt();
  }

  @Override
  public int getId(String subject, Schema schema) {
    return call("POST", "/subjects/" + segment(subject), schemaBody(schema)).path("id").asInt();
  }

  @Override
  public int getVersion(String subject, Schema schema) {
    return call("POST", "/subjects/" + segment(subject), schemaBody(schema))
        .path("version")
        .asInt();
  }

  @Override
  public Schema getSchemaById(int id) {
    return parse(call("GET", "/schemas/ids/" + id, null).path("schema").asText());
  }

  @Override
  public SchemaMetadata getLatestSchemaMetadata(String subject) {
    return metadata(call("GET", "/subjects/" + segment(subject) + "/versions/latest", null));
  }

  @Override
  public SchemaMetadata getSchemaMetadata(String subject, int version) {
    return metadata(call("GET", "/subjects/" + segment(subject) + "/versions/" + version, null));
  }

  @Override
  public List<String> getAllSubjects() {
    List<String> subjects = new ArrayList<>();
    call("GET", "/subjects", null).forEach(node -> subjects.add(node.asText()));
    return subjects;
  }

  @Override
  public List<Integer> getAllVersions(String subject) {
    return ints(call("GET", "/subjects/" + segment(subject) + "/versions", null));
  }

  @Override
  public boolean testCompatibility(String subject, Schema schema) {
    return call(
            "POST", "/compatibility/subjects/" + segment(subject) + "/versions", schemaBody(schema))
        .path("is_compatible")
        .asBoolean();
  }

  @Override
  public Optional<CompatibilityLevel> getCompatibility(String subject) {
    String path = subject == null ? "/config" : "/config/" + segment(subject);
    try {
      return CompatibilityLevel.parse(call("GET", path, null).path("compatibilityLevel").asText());
    } catch (SchemaNotFoundException e) {
      if (e.errorCode() == 40408 || e.errorCode() == 40401) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void updateCompatibility(String subject, CompatibilityLevel level) {
    String path = subject == null ? "/config" : "/config/" + segment(subject);
    ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
    call("PUT", path, body.toString());
  }

  @Override
  public List<Integer> deleteSubject(String subject, boolean permanent) {
    return ints(
        call(
            "DELETE",
            "/subjects/" + segment(subject) + (permanent ? "?permanent=true" : ""),
            null));
  }

  @Override
  public int deleteSchemaVersion(String subject, int version, boolean permanent) {
    return call(
            "DELETE",
            "/subjects/"
                + segment(subject)
                + "/versions/"
                + version
                + (permanent ? "?permanent=true" : ""),
            null)
        .asInt();
  }

  /** Sends one call, failing over across URLs and retrying with back-off; returns the JSON body. */
  private JsonNode call(String method, String path, String body) {
    List<URI> urls = config.urls();
    Exception lastFailure = null;
    int lastStatus = -1;
    for (int round = 0; round <= config.maxRetries(); round++) {
      if (round > 0) {
        backOff(round, method, path, lastFailure);
      }
      int start = preferredUrl.get();
      for (int i = 0; i < urls.size(); i++) {
        int index = (start + i) % urls.size();
        URI url = URI.create(urls.get(index) + path);
        try {
          HttpResponse<String> response = send(method, url, body);
          int status = response.statusCode();
          if (status >= 200 && status < 300) {
            preferredUrl.set(index);
            return response.body() == null || response.body().isEmpty()
                ? JSON.nullNode()
                : JSON.readTree(response.body());
          }
          SchemaRegistryException error = errorOf(status, response.body(), method, url);
          if (!(error instanceof RegistryUnavailableException)) {
            throw error;
          }
          lastFailure = error;
          lastStatus = status;
        } catch (IOException e) {
          lastFailure = e;
          lastStatus = -1;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RegistryUnavailableException(
              "Interrupted while calling the schema registry at " + url, -1, -1, e);
        }
      }
    }
    throw new RegistryUnavailableException(
        "Schema registry unreachable: "
            + method
            + " "
            + path
            + " failed on "
            + urls
            + " after "
            + (config.maxRetries() + 1)
            + " rounds; last error: "
            + (lastFailure == null ? "none" : lastFailure.getMessage()),
        lastStatus,
        lastFailure instanceof SchemaRegistryException e ? e.errorCode() : -1,
        lastFailure);
  }

  private HttpResponse<String> send(String method, URI url, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(config.readTimeout())
            .header(
                "Accept", CONTENT_TYPE + ", application/vnd.schemaregistry+json, application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", CONTENT_TYPE);
    }
    config.authorization().ifPresent(value -> request.header("Authorization", value));
    requests.incrementAndGet();
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private void backOff(int round, String method, String path, Exception lastFailure) {
    long wait = config.retryWait().toMillis() << Math.min(round - 1, 20);
    wait = Math.min(wait, config.retryMaxWait().toMillis());
    LOG.warn(
        "Schema registry call {} {} failed ({}); retry {} of {} in {} ms",
        method,
        path,
        lastFailure == null ? "unknown error" : lastFailure.getMessage(),
        round,
        config.maxRetries(),
        wait);
    try {
      Thread.sleep(Duration.ofMillis(wait).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException(
          "Interrupted while waiting to retry the schema registry", -1, -1, e);
    }
  }

  private static SchemaRegistryException errorOf(int status, String body, String method, URI url) {
    int code = status;
    String message = method + " " + url + " answered HTTP " + status;
    if (body != null && !body.isBlank()) {
      try {
        JsonNode error = JSON.readTree(body);
        if (error.has("error_code")) {
          code = error.path("error_code").asInt(status);
        }
        if (error.hasNonNull("message")) {
          message = error.path("message").asText();
        }
      } catch (IOException e) {
        message = message + ": " + body.substring(0, Math.min(200, body.length()));
      }
    }
    return SchemaRegistryException.fromResponse(status, code, message);
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private static SchemaMetadata metadata(JsonNode node) {
    return new SchemaMetadata(
        node.path("subject").asText(),
        node.path("version").asInt(),
        node.path("id").asInt(),
        parse(node.path("schema").asText()));
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> values = new ArrayList<>();
    array.forEach(node -> values.add(node.asInt()));
    return values;
  }

  static Schema parse(String schema) {
    Schema.Parser parser = new Schema.Parser();
    parser.setValidateDefaults(false);
    return parser.parse(schema);
  }

  /** URL-encodes a subject as one path segment (spaces as %20, slashes escaped). */
  static String segment(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

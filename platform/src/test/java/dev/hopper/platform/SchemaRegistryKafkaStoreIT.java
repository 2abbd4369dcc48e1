package dev.hopper.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hopper.registry.server.SchemaRegistryServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry server keeps its state in a compacted Kafka topic and rebuilds it on start: a
 * restarted registry — or a restarted platform — answers exactly as before, over raw HTTP.
 */
class SchemaRegistryKafkaStoreIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String V1 =
      "{\"type\":\"record\",\"name\":\"Quote\",\"fields\":[{\"name\":\"coin\",\"type\":\"string\"}]}";
  private static final String V2 =
      "{\"type\":\"record\",\"name\":\"Quote\",\"fields\":[{\"name\":\"coin\",\"type\":\"string\"},"
          + "{\"name\":\"price\",\"type\":[\"null\",\"double\"],\"default\":null}]}";

  private static SchemaRegistryServer registry(String bootstrap, String topic) {
    return SchemaRegistryServer.builder()
        .host(Ports.LOOPBACK)
        .port(0)
        .kafkaStore(bootstrap)
        .topic(topic)
        .build()
        .start();
  }

  @Test
  void shouldAnswerAsBeforeAfterARegistryRestart() throws Exception {
    String bootstrap = SharedPlatform.get().bootstrapServers();
    String topic = "_schemas-it-" + UUID.randomUUID();

    try (SchemaRegistryServer first = registry(bootstrap, topic)) {
      populate(first.url());
    }

    try (SchemaRegistryServer second = registry(bootstrap, topic)) {
      assertState(second.url());
      // Ids continue after the highest one ever given.
      assertThat(
              call(second.url(), "POST", "/subjects/other-value/versions", schema("\"int\""))
                  .path("id")
                  .asInt())
          .isEqualTo(4);
    }

    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
      var description =
          admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
      Config config =
          admin
              .describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
              .all()
              .get(30, TimeUnit.SECONDS)
              .values()
              .iterator()
              .next();
      assertThat(description.partitions()).hasSize(1);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }
  }

  @Test
  void shouldShowOneInstancesWritesToAnotherSharingTheTopic() throws Exception {
    String bootstrap = SharedPlatform.get().bootstrapServers();
    String topic = "_schemas-it-" + UUID.randomUUID();

    try (SchemaRegistryServer writer = registry(bootstrap, topic);
        SchemaRegistryServer reader = registry(bootstrap, topic)) {
      int id =
          call(writer.url(), "POST", "/subjects/quotes-value/versions", schema(V1))
              .path("id")
              .asInt();

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          call(reader.url(), "GET", "/schemas/ids/" + id, null)
                              .path("schema")
                              .asText())
                      .isEqualTo(V1));
    }
  }

  @Test
  void shouldAnswerAsBeforeAfterAPlatformRestart(@TempDir Path dataDir) throws Exception {
    // The platform's own registry, on the platform's _schemas topic.
    EmbeddedPlatform.Builder builder =
        EmbeddedPlatform.builder()
            .dataDir(dataDir)
            .kafkaPort(Ports.freePort())
            .withoutMongo()
            .withoutConnect();

    try (EmbeddedPlatform platform = builder.start()) {
      populate(platform.schemaRegistryUrl().orElseThrow());
    }

    try (EmbeddedPlatform platform = builder.start()) {
      assertState(platform.schemaRegistryUrl().orElseThrow());
    }
  }

  private static void populate(String url) throws Exception {
    assertThat(call(url, "POST", "/subjects/quotes-value/versions", schema(V1)).path("id").asInt())
        .isEqualTo(1);
    assertThat(call(url, "POST", "/subjects/quotes-value/versions", schema(V2)).path("id").asInt())
        .isEqualTo(2);
    assertThat(call(url, "POST", "/subjects/mirror-value/versions", schema(V1)).path("id").asInt())
        .isEqualTo(1);
    assertThat(
            call(url, "POST", "/subjects/gone-value/versions", schema("\"long\""))
                .path("id")
                .asInt())
        .isEqualTo(3);
    call(url, "DELETE", "/subjects/quotes-value/versions/1", null);
    call(url, "DELETE", "/subjects/gone-value", null);
    call(url, "DELETE", "/subjects/gone-value?permanent=true", null);
    call(url, "PUT", "/config", "{\"compatibility\":\"FULL\"}");
    call(url, "PUT", "/config/mirror-value", "{\"compatibility\":\"NONE\"}");
  }

  private static void assertState(String url) throws Exception {
    assertThat(call(url, "GET", "/subjects", null).toString())
        .isEqualTo("[\"mirror-value\",\"quotes-value\"]");
    assertThat(call(url, "GET", "/subjects/quotes-value/versions", null).toString())
        .isEqualTo("[2]");
    assertThat(call(url, "GET", "/subjects/quotes-value/versions?deleted=true", null).toString())
        .isEqualTo("[1,2]");
    assertThat(call(url, "GET", "/subjects/quotes-value/versions/latest", null).toString())
        .isEqualTo(
            JSON.createObjectNode()
                .put("subject", "quotes-value")
                .put("version", 2)
                .put("id", 2)
                .put("schema", V2)
                .toString());
    assertThat(call(url, "GET", "/schemas/ids/3", null).path("schema").asText())
        .isEqualTo("\"long\"");
    assertThat(call(url, "GET", "/config", null).toString())
        .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    assertThat(call(url, "GET", "/config/mirror-value", null).toString())
        .isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
    // Same schema, same id as before the restart.
    assertThat(
            call(url, "POST", "/subjects/again-value/versions", schema("\"long\""))
                .path("id")
                .asInt())
        .isEqualTo(3);
  }

  private static String schema(String schema) {
    return JSON.createObjectNode().put("schema", schema).toString();
  }

  private static JsonNode call(String url, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url + path))
            .header("Accept", "application/vnd.schemaregistry.v1+json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/vnd.schemaregistry.v1+json");
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isEqualTo(200);
    return JSON.readTree(response.body());
  }
}

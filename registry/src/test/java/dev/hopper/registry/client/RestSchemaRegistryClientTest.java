package dev.hopper.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.hopper.registry.CompatibilityLevel;
import dev.hopper.registry.server.SchemaRegistryServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {
  static final Schema V1 =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
  static final Schema V2 =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                  + "{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}]}");
  static final Schema V2_NO_DEFAULT =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                  + "{\"name\":\"b\",\"type\":\"string\"}]}");

  static final Schema B_AS_INT =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                  + "{\"name\":\"b\",\"type\":\"int\"}]}");

  private SchemaRegistryServer server;
  private HttpServer stub;

  @BeforeEach
  void start() {
    server = SchemaRegistryServer.builder().host("127.0.0.1").port(0).build().start();
  }

  @AfterEach
  void stop() {
    server.close();
    if (stub != null) {
      stub.stop(0);
    }
  }

  private RestSchemaRegistryClient client(Map<String, Object> extra) {
    Map<String, Object> config = new java.util.HashMap<>(extra);
    config.putIfAbsent("schema.registry.url", server.url());
    config.putIfAbsent("retries.wait.ms", 10);
    return new RestSchemaRegistryClient(RegistryClientConfig.from(config));
  }

  @Test
  void shouldSpeakTheWholeApiToTheServer() {
    RestSchemaRegistryClient client = client(Map.of());

    assertThat(client.register("r-value", V1)).isEqualTo(1);
    assertThat(client.register("r-value", V2)).isEqualTo(2);
    assertThat(client.getId("r-value", V1)).isEqualTo(1);
    assertThat(client.getVersion("r-value", V2)).isEqualTo(2);
    assertThat(client.getSchemaById(2)).isEqualTo(V2);
    assertThat(client.getLatestSchemaMetadata("r-value"))
        .isEqualTo(new SchemaMetadata("r-value", 2, 2, V2));
    assertThat(client.getSchemaMetadata("r-value", 1))
        .isEqualTo(new SchemaMetadata("r-value", 1, 1, V1));
    assertThat(client.getAllSubjects()).containsExactly("r-value");
    assertThat(client.getAllVersions("r-value")).containsExactly(1, 2);
    assertThat(client.testCompatibility("r-value", B_AS_INT)).isFalse();
    assertThat(client.getCompatibility(null)).contains(CompatibilityLevel.BACKWARD);
    assertThat(client.getCompatibility("r-value")).isEmpty();
    client.updateCompatibility("r-value", CompatibilityLevel.NONE);
    assertThat(client.getCompatibility("r-value")).contains(CompatibilityLevel.NONE);
    assertThat(client.testCompatibility("r-value", B_AS_INT)).isTrue();
    assertThat(client.deleteSchemaVersion("r-value", 1, false)).isEqualTo(1);
    assertThat(client.deleteSubject("r-value", false)).containsExactly(2);
    assertThat(client.deleteSubject("r-value", true)).containsExactly(1, 2);
    assertThat(client.getAllSubjects()).isEmpty();
  }

  @Test
  void shouldEncodeSubjectsAsOnePathSegment() {
    RestSchemaRegistryClient client = client(Map.of());

    client.register("a b/c?d-value", V1);

    assertThat(client.getAllSubjects()).containsExactly("a b/c?d-value");
    assertThat(client.getAllVersions("a b/c?d-value")).containsExactly(1);
  }

  @Test
  void shouldRaiseTypedErrors() {
    RestSchemaRegistryClient client = client(Map.of());
    client.register("r-value", V1);

    assertThatThrownBy(() -> client.register("r-value", V2_NO_DEFAULT))
        .isInstanceOfSatisfying(
            IncompatibleSchemaException.class, e -> assertThat(e.httpStatus()).isEqualTo(409));
    assertThatThrownBy(() -> client.getSchemaById(42))
        .isInstanceOfSatisfying(
            SchemaNotFoundException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    assertThatThrownBy(() -> client.getLatestSchemaMetadata("nope"))
        .isInstanceOfSatisfying(
            SchemaNotFoundException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
    assertThatThrownBy(() -> client.getId("r-value", V2))
        .isInstanceOfSatisfying(
            SchemaNotFoundException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
  }

  @Test
  void shouldFailOverToTheNextUrl() throws IOException {
    String dead = "http://127.0.0.1:" + freePort();
    RestSchemaRegistryClient client =
        client(Map.of("schema.registry.url", dead + " , " + server.url()));

    assertThat(client.register("r-value", V1)).isEqualTo(1);
    assertThat(client.getSchemaById(1)).isEqualTo(V1);
    // The URL that answered is tried first from then on.
    assertThat(client.requestCount()).isEqualTo(3);
  }

  @Test
  void shouldRetryServerErrorsWithBackOff() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    stub(
        exchange -> {
          int call = calls.incrementAndGet();
          if (call <= 2) {
            respond(exchange, 503, "{\"error_code\":50003,\"message\":\"forwarding failed\"}");
          } else {
            respond(exchange, 200, "{\"schema\":\"\\\"string\\\"\"}");
          }
        });
    RestSchemaRegistryClient client = client(Map.of("schema.registry.url", stubUrl()));

    assertThat(client.getSchemaById(1)).isEqualTo(Schema.create(Schema.Type.STRING));
    assertThat(calls).hasValue(3);
  }

  @Test
  void shouldGiveUpWithRegistryUnavailableAfterTheRetries() throws IOException {
    String dead = "http://127.0.0.1:" + freePort();
    RestSchemaRegistryClient client =
        client(Map.of("schema.registry.url", dead, "max.retries", 2, "retries.wait.ms", 5));

    assertThatThrownBy(() -> client.getSchemaById(1))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("unreachable")
        .hasMessageContaining("after 3 rounds");
    assertThat(client.requestCount()).isEqualTo(3);
  }

  @Test
  void shouldNotRetryClientErrors() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    stub(
        exchange -> {
          calls.incrementAndGet();
          respond(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema 1 not found\"}");
        });
    RestSchemaRegistryClient client = client(Map.of("schema.registry.url", stubUrl()));

    assertThatThrownBy(() -> client.getSchemaById(1)).isInstanceOf(SchemaNotFoundException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void shouldSendBasicAuthAndTheRegistryContentType() throws IOException {
    List<String> seen = new CopyOnWriteArrayList<>();
    stub(
        exchange -> {
          seen.add(exchange.getRequestHeaders().getFirst("Authorization"));
          seen.add(exchange.getRequestHeaders().getFirst("Content-Type"));
          seen.add(exchange.getRequestURI().getPath());
          respond(exchange, 200, "{\"id\":5}");
        });
    RestSchemaRegistryClient client =
        client(
            Map.of(
                "schema.registry.url", stubUrl(),
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "hopper:s3cret"));

    assertThat(client.register("orders-value", V1)).isEqualTo(5);
    assertThat(seen)
        .containsExactly(
            "Basic aG9wcGVyOnMzY3JldA==",
            "application/vnd.schemaregistry.v1+json",
            "/subjects/orders-value/versions");
  }

  private interface Handler {
    void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException;
  }

  private void stub(Handler handler) throws IOException {
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext("/", handler::handle);
    stub.start();
  }

  private String stubUrl() {
    return "http://127.0.0.1:" + stub.getAddress().getPort();
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

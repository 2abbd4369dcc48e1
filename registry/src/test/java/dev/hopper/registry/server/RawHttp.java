package dev.hopper.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Raw HTTP exchanges with a registry, independent of Hopper's client: what goes on the wire is
 * written out in each test, as in Confluent's API documentation.
 */
final class RawHttp {
  static final String V1 = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final HttpClient http = HttpClient.newHttpClient();

  RawHttp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** A request with the documented headers: Accept (and Content-Type with a body) v1 JSON. */
  Exchange send(String method, String path, String body) {
    return send(method, path, body, V1, body == null ? null : V1);
  }

  Exchange send(String method, String path, String body, String accept, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (accept != null) {
      request.header("Accept", accept);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Exchange(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Exchange get(String path) {
    return send("GET", path, null);
  }

  Exchange post(String path, String body) {
    return send("POST", path, body);
  }

  Exchange put(String path, String body) {
    return send("PUT", path, body);
  }

  Exchange delete(String path) {
    return send("DELETE", path, null);
  }

  /** A JSON body {@code {"schema": <schema as a JSON string>}}. */
  static String schemaBody(String schema) {
    return JSON.createObjectNode().put("schema", schema).toString();
  }

  /** The response: status, content type, body. */
  record Exchange(int status, String contentType, String body) {

    /** Asserts status and a body equal, as JSON, to {@code expectedJson}; v1 content type. */
    Exchange is(int expectedStatus, String expectedJson) {
      assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
      assertThat(contentType).startsWith(V1);
      assertThat(json()).isEqualTo(parse(expectedJson));
      return this;
    }

    /** Asserts an error answer: status and Confluent error code. */
    Exchange isError(int expectedStatus, int errorCode) {
      assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
      assertThat(contentType).startsWith(V1);
      assertThat(json().path("error_code").asInt())
          .as("error_code of %s", body)
          .isEqualTo(errorCode);
      assertThat(json().path("message").asText()).isNotBlank();
      return this;
    }

    JsonNode json() {
      return parse(body);
    }

    private static JsonNode parse(String text) {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + text, e);
      }
    }
  }
}

package dev.hopper.streams.rest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Sends a request on to another instance: a key query to the instance that holds the key, or the
 * local part of a query over all keys. Carries the bearer token and the hop count; a failure to
 * reach the instance comes back as an empty answer, never an exception.
 */
final class Forwarder {
  private final HttpClient client;
  private final Duration timeout;

  Forwarder(Duration timeout) {
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * An answer from another instance.
   *
   * @param status HTTP status
   * @param headers the response headers that matter to the client
   * @param body the body
   */
  record Answer(int status, Map<String, String> headers, byte[] body) {}

  /** GETs {@code pathAndQuery} (raw, already encoded) from {@code host} with {@code headers}. */
  CompletableFuture<Optional<Answer>> get(
      HostInfo host, String pathAndQuery, Map<String, String> headers) {
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(uri(host, pathAndQuery)).timeout(timeout).GET();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    headers.forEach(request::header);
    return client
        .sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(
            r -> {
              Map<String, String> kept = new java.util.LinkedHashMap<>();
              for (String name : RestServer.PASSED_THROUGH_HEADERS) {
                r.headers().firstValue(name).ifPresent(v -> kept.put(name, v));
              }
              return Optional.of(new Answer(r.statusCode(), kept, r.body()));
            })
        .exceptionally(e -> Optional.empty());
  }

  /** The same as {@link #get}, waiting for the answer. */
  Optional<Answer> getNow(HostInfo host, String pathAndQuery, Map<String, String> headers) {
    try {
      return get(host, pathAndQuery, headers).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (java.util.concurrent.ExecutionException e) {
      return Optional.empty();
    }
  }

  static URI uri(HostInfo host, String pathAndQuery) {
    String h = host.host();
    if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
      h = "[" + h + "]";
    }
    return URI.create("http://" + h + ":" + host.port() + pathAndQuery);
  }
}

package dev.hopper.producers.coingecko;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A scripted HTTP server on 127.0.0.1 standing in for CoinGecko: answers are played in order. */
final class StubServer implements AutoCloseable {

  /** One scripted answer; {@code hang} holds the request open until the server closes. */
  record Answer(int status, Map<String, String> headers, String body, boolean hang) {
    static Answer ok(String body) {
      return new Answer(200, Map.of(), body, false);
    }

    static Answer status(int status) {
      return new Answer(status, Map.of(), "{\"status\":{\"error_code\":" + status + "}}", false);
    }

    static Answer status(int status, String header, String value) {
      return new Answer(status, Map.of(header, value), "", false);
    }

    static Answer hanging() {
      return new Answer(200, Map.of(), "", true);
    }
  }

  /** What the stub saw of one request. */
  record Seen(String path, String query, Map<String, List<String>> headers) {}

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
  private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch release = new CountDownLatch(1);

  StubServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  StubServer answer(Answer... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v3");
  }

  List<Seen> requests() {
    return List.copyOf(seen);
  }

  private void handle(HttpExchange exchange) throws IOException {
    seen.add(
        new Seen(
            exchange.getRequestURI().getPath(),
            exchange.getRequestURI().getRawQuery(),
            Map.copyOf(exchange.getRequestHeaders())));
    Answer a = script.poll();
    if (a == null) {
      a = Answer.status(599);
    }
    if (a.hang()) {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
    a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }
}

package dev.hopper.streams.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hopper.streams.monitor.ClusterSnapshot;
import dev.hopper.streams.monitor.Monitor;
import dev.hopper.streams.monitor.MonitorViews;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * The monitoring page and its JSON endpoints under {@code /api/v1/monitor/}. The page ({@code /})
 * and its assets ({@code /assets/*}, the charting library included: nothing is loaded from
 * elsewhere) are static and public; the data endpoints need the bearer token when one is set, and
 * the page asks for it. Cluster figures come from the monitor's last sample (no Kafka call per
 * request); the Kafka Streams figures are read live from this instance.
 */
final class MonitorRoutes {
  /** Where the page's files are on the classpath. */
  static final String ASSETS = "/dev/hopper/streams/monitor/";

  /** Paths served without the bearer token: static files that hold no data. */
  static boolean isPublic(String path) {
    return path.equals("/") || path.startsWith("/assets/");
  }

  private record Asset(String contentType, String cacheControl, byte[] bytes) {}

  private final Map<String, Asset> assets;
  private volatile Monitor monitor;

  MonitorRoutes() {
    this.assets =
        Map.of(
            "index.html",
            asset("index.html", "text/html; charset=utf-8", "no-cache"),
            "monitor.js",
            asset("monitor.js", "text/javascript; charset=utf-8", "no-cache"),
            "monitor.css",
            asset("monitor.css", "text/css; charset=utf-8", "no-cache"),
            "echarts.min.js",
            asset(
                "vendor/echarts.min.js",
                "text/javascript; charset=utf-8",
                "public, max-age=86400"));
  }

  void attach(Monitor monitor) {
    this.monitor = monitor;
  }

  void register(RoutesConfig routes) {
    routes.get("/", ctx -> serve(ctx, "index.html"));
    routes.get("/assets/{file}", ctx -> serve(ctx, ctx.pathParam("file")));
    routes.get("/api/v1/monitor/topics", this::topics);
    routes.get("/api/v1/monitor/groups", this::groups);
    routes.get("/api/v1/monitor/connectors", this::connectors);
    routes.get("/api/v1/monitor/schemas", this::schemas);
    routes.get("/api/v1/monitor/streams", this::streams);
    routes.get("/api/v1/monitor/quality", this::quality);
  }

  private void serve(Context ctx, String name) {
    Params.of(ctx.queryParamMap(), Set.of());
    Asset a = assets.get(name);
    if (a == null) {
      throw ApiException.notFound("no such asset: " + Params.printable(name));
    }
    RestServer.responded(ctx);
    ctx.header("Cache-Control", a.cacheControl());
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
            + " script-src 'self';"
            + " frame-ancestors 'none'");
    ctx.contentType(a.contentType()).result(a.bytes());
  }

  private void topics(Context ctx) {
    Params.of(ctx.queryParamMap(), Set.of());
    Monitor m = monitorOrUnavailable();
    ClusterSnapshot s = sampled(m);
    ObjectNode n = JsonViews.object();
    n.put("sampledAt", s.sampledAt());
    n.put("sampleIntervalSeconds", m.settings().sampleInterval().toMillis() / 1000.0);
    n.put("rateWindowSeconds", m.settings().rateWindow().toSeconds());
    n.put("sizesReadAt", s.sizesAt());
    n.set("topics", tree(s.topics()));
    n.set("errors", tree(s.errors()));
    RestServer.json(ctx, 200, n);
  }

  private void groups(Context ctx) {
    Params.of(ctx.queryParamMap(), Set.of());
    ClusterSnapshot s = sampled(monitorOrUnavailable());
    ObjectNode n = JsonViews.object();
    n.put("sampledAt", s.sampledAt());
    n.set("groups", tree(s.groups()));
    n.set("errors", tree(s.errors()));
    RestServer.json(ctx, 200, n);
  }

  private void connectors(Context ctx) {
    Params.of(ctx.queryParamMap(), Set.of());
    Monitor m = monitorOrUnavailable();
    ObjectNode n = JsonViews.object();
    if (m.settings().connectUrl().isEmpty()) {
      n.put("configured", false);
      n.put("message", "Kafka Connect is not configured: set hopper.connect.url to show it here");
      n.putArray("connectors");
      RestServer.json(ctx, 200, n);
      return;
    }
    ClusterSnapshot s = sampled(m);
    n.put("configured", true);
    n.put("url", s.connectUrl());
    n.put("sampledAt", s.sampledAt());
    n.put("reachable", s.connectError() == null);
    if (s.connectError() != null) {
      n.put("message", s.connectError());
    }
    n.set("connectors", s.connectors() == null ? JsonViews.array() : tree(s.connectors()));
    RestServer.json(ctx, 200, n);
  }

  private void schemas(Context ctx) {
    Params.of(ctx.queryParamMap(), Set.of());
    ClusterSnapshot s = sampled(monitorOrUnavailable());
    ObjectNode n = JsonViews.object();
    n.put("sampledAt", s.subjectsAt());
    if (s.subjectsError() != null) {
      n.put("message", "the schema registry could not be read: " + s.subjectsError());
    }
    n.set("subjects", s.subjects() == null ? JsonViews.array() : tree(s.subjects()));
    RestServer.json(ctx, 200, n);
  }

  private void streams(Context ctx) {
    Params.of(ctx.queryParamMap(), Set.of());
    MonitorViews.Streams v = monitorOrUnavailable().streams();
    RestServer.json(ctx, 200, (ObjectNode) tree(v));
  }

  private void quality(Context ctx) {
    Params.of(ctx.queryParamMap(), Set.of());
    Monitor m = monitorOrUnavailable();
    ObjectNode n = (ObjectNode) tree(m.quality());
    ClusterSnapshot s = m.cluster();
    if (s != null && s.deadLettersError() != null) {
      n.put("deadLettersError", s.deadLettersError());
    }
    RestServer.json(ctx, 200, n);
  }

  private Monitor monitorOrUnavailable() {
    Monitor m = monitor;
    if (m == null) {
      throw ApiException.unavailable("starting: the monitor is not running yet");
    }
    return m;
  }

  private static ClusterSnapshot sampled(Monitor m) {
    ClusterSnapshot s = m.cluster();
    if (s == null) {
      throw ApiException.unavailable("the monitor has not sampled the cluster yet; retry shortly");
    }
    return s;
  }

  private static JsonNode tree(Object value) {
    return JsonViews.MAPPER.valueToTree(value);
  }

  private static Asset asset(String name, String contentType, String cacheControl) {
    try (InputStream in = MonitorRoutes.class.getResourceAsStream(ASSETS + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + ASSETS + name);
      }
      return new Asset(contentType, cacheControl, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

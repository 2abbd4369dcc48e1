package dev.hopper.streams.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hopper.streams.config.RestSettings;
import dev.hopper.streams.query.CandleWindow;
import dev.hopper.streams.query.InteractiveQueries;
import dev.hopper.streams.query.LocalScan;
import dev.hopper.streams.query.Outcome;
import dev.hopper.streams.query.SalesWindow;
import dev.hopper.streams.query.StoreLocator;
import dev.hopper.streams.query.StreamsView;
import dev.hopper.streams.query.TimeRange;
import dev.hopper.streams.topology.Names;
import dev.hopper.streams.topology.TopologySettings;
import dev.hopper.streams.topology.TopologySettings.CandleInterval;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The endpoints of SPEC's REST table, as a thin layer over {@link InteractiveQueries}: parse and
 * validate, run the query, then map its outcome: found → 200, held elsewhere → forwarded to that
 * instance (hop-limited), unknown → 404, rebalancing → 503. Queries over all keys fan out to every
 * instance holding the store, ask each for its own partitions ({@value RestServer#SCOPE}: local),
 * and merge; partitions nobody answered for are listed and flag the result as partial.
 */
final class QueryRoutes {
  private static final String LOCAL = "local";
  private static final Set<String> KEY_PARAMS = Set.of(Params.VS, Params.ALLOW_STALE);
  private static final Set<String> CANDLE_PARAMS =
      Set.of(Params.VS, Params.INTERVAL, Params.FROM, Params.TO, Params.ALLOW_STALE);
  private static final Set<String> SALES_PARAMS =
      Set.of(Params.INTERVAL, Params.FROM, Params.TO, Params.ALLOW_STALE);
  private static final Set<String> STALE_ONLY = Set.of(Params.ALLOW_STALE);

  private final RestSettings settings;
  private final Forwarder forwarder;
  private final Clock clock;
  private final byte[] openApi;
  private volatile Attached attached;

  /** What the routes serve once the app exists. */
  private record Attached(
      InteractiveQueries queries, StreamsView view, TopologySettings topology, Health health) {}

  QueryRoutes(RestSettings settings, Forwarder forwarder, Clock clock) {
    this.settings = settings;
    this.forwarder = forwarder;
    this.clock = clock;
    this.openApi = resource("openapi.json");
  }

  void attach(
      InteractiveQueries queries, StreamsView view, TopologySettings topology, Health health) {
    this.attached = new Attached(queries, view, topology, health);
  }

  void register(RoutesConfig routes, Supplier<String> scrape) {
    routes.get("/api/v1", this::index);
    routes.get("/health/live", this::live);
    routes.get("/health/ready", this::ready);
    routes.get(
        "/metrics",
        ctx -> {
          Params.of(ctx.queryParamMap(), Set.of());
          RestServer.responded(ctx);
          ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(scrape.get());
        });
    routes.get(
        "/api/v1/openapi.json",
        ctx -> {
          Params.of(ctx.queryParamMap(), Set.of());
          RestServer.responded(ctx);
          ctx.contentType(RestServer.JSON).result(openApi);
        });
    routes.get("/api/v1/instances", this::instances);
    // "latest" before {coin}: the first matching route wins.
    routes.get("/api/v1/quotes/latest", this::latestQuotes);
    routes.get("/api/v1/quotes/{coin}", this::quote);
    routes.get("/api/v1/candles/{coin}", this::candles);
    routes.get("/api/v1/sales/categories", this::allSales);
    routes.get("/api/v1/sales/categories/{category}", this::categorySales);
    routes.get("/api/v1/customers/{id}/stats", this::customerStats);
  }

  // ------------------------------------------------------------------------------------ routes

  private void index(Context ctx) {
    Params.of(ctx.queryParamMap(), Set.of());
    ObjectNode n = JsonViews.object();
    n.put("service", "hopper-streams");
    n.put("openapi", "/api/v1/openapi.json");
    n.putObject("health").put("live", "/health/live").put("ready", "/health/ready");
    n.put("metrics", "/metrics");
    n.put("instances", "/api/v1/instances");
    n.put("monitoring", "/");
    n.putObject("monitor")
        .put("topics", "/api/v1/monitor/topics")
        .put("groups", "/api/v1/monitor/groups")
        .put("connectors", "/api/v1/monitor/connectors")
        .put("schemas", "/api/v1/monitor/schemas")
        .put("streams", "/api/v1/monitor/streams")
        .put("quality", "/api/v1/monitor/quality");
    RestServer.json(ctx, 200, n);
  }

  private void live(Context ctx) {
    Params.of(ctx.queryParamMap(), Set.of());
    Attached a = attached;
    boolean live = a == null || a.health().live();
    ObjectNode n = JsonViews.object().put("status", live ? "UP" : "DOWN");
    n.put("state", a == null ? "STARTING" : a.health().state().name());
    RestServer.json(ctx, live ? 200 : 503, n);
  }

  private void ready(Context ctx) {
    Params.of(ctx.queryParamMap(), Set.of());
    Attached a = attached;
    boolean ready = a != null && a.health().ready();
    ObjectNode n = JsonViews.object().put("status", ready ? "UP" : "DOWN");
    n.put("state", a == null ? "STARTING" : a.health().state().name());
    if (!ready) {
      n.put(
          "reason", a == null ? "starting: Kafka Streams is not created yet" : a.health().reason());
    }
    RestServer.json(ctx, ready ? 200 : 503, n);
  }

  private void instances(Context ctx) {
    Params.of(ctx.queryParamMap(), Set.of());
    Attached a = attachedOrUnavailable();
    KafkaStreams.State state = a.view().state();
    Collection<StreamsMetadata> all;
    try {
      all = StoreLocator.queryable(state) ? a.view().allMetadata() : null;
    } catch (RuntimeException e) {
      all = null;
    }
    if (all == null) {
      throw ApiException.unavailable("the application is " + state + ": no instance map yet");
    }
    HostInfo self = a.queries().locator().self();
    List<StreamsMetadata> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparing(m -> m.host() + ":" + m.port()));
    ObjectNode n = JsonViews.object();
    n.put("self", server(self));
    n.put("state", state.name());
    ArrayNode list = n.putArray("instances");
    for (StreamsMetadata m : sorted) {
      ObjectNode i = list.addObject();
      i.put("server", server(m.hostInfo()));
      i.put("self", m.hostInfo().equals(self));
      new TreeSet<>(m.stateStoreNames()).forEach(i.putArray("stores")::add);
      partitions(m.topicPartitions()).forEach(i.putArray("partitions")::add);
      new TreeSet<>(m.standbyStateStoreNames()).forEach(i.putArray("standbyStores")::add);
      partitions(m.standbyTopicPartitions()).forEach(i.putArray("standbyPartitions")::add);
    }
    served(ctx, a);
    RestServer.json(ctx, 200, n);
  }

  private void quote(Context ctx) {
    Params p = Params.of(ctx.queryParamMap(), KEY_PARAMS);
    String pair = Params.coin(ctx.pathParam("coin")) + ":" + p.vs();
    boolean stale = p.allowStale();
    Attached a = attachedOrUnavailable();
    respond(ctx, a, a.queries().latestQuote(pair, stale), JsonViews::quote);
  }

  private void candles(Context ctx) {
    Params p = Params.of(ctx.queryParamMap(), CANDLE_PARAMS);
    String coin = Params.coin(ctx.pathParam("coin"));
    String vs = p.vs();
    boolean stale = p.allowStale();
    Attached a = attachedOrUnavailable();
    CandleInterval interval =
        Params.candleInterval(p.get(Params.INTERVAL), a.topology().candleIntervals());
    TimeRange range =
        Params.range(
            p.time(Params.FROM), p.time(Params.TO), interval.size(), clock.instant(), settings);
    respond(
        ctx,
        a,
        a.queries().candles(coin + ":" + vs, interval, range, stale),
        windows -> {
          ObjectNode n = JsonViews.object();
          n.put("coinId", coin);
          n.put("vsCurrency", vs);
          n.put("interval", interval.label());
          n.put("from", JsonViews.time(range.from()));
          n.put("to", JsonViews.time(range.to()));
          ArrayNode list = n.putArray("candles");
          for (CandleWindow w : windows) {
            list.add(JsonViews.candle(w));
          }
          return n;
        });
  }

  private void categorySales(Context ctx) {
    Params p = Params.of(ctx.queryParamMap(), SALES_PARAMS);
    String category = Params.category(ctx.pathParam("category"));
    boolean stale = p.allowStale();
    Attached a = attachedOrUnavailable();
    String interval = Params.salesInterval(p.get(Params.INTERVAL), a.topology().salesWindow());
    TimeRange range =
        Params.range(
            p.time(Params.FROM),
            p.time(Params.TO),
            a.topology().salesWindow(),
            clock.instant(),
            settings);
    respond(
        ctx,
        a,
        a.queries().categorySales(category, range, stale),
        windows -> {
          ObjectNode n = JsonViews.object();
          n.put("category", category);
          n.put("interval", interval);
          n.put("from", JsonViews.time(range.from()));
          n.put("to", JsonViews.time(range.to()));
          ArrayNode list = n.putArray("windows");
          for (SalesWindow w : windows) {
            list.add(JsonViews.sales(w));
          }
          return n;
        });
  }

  private void customerStats(Context ctx) {
    Params p = Params.of(ctx.queryParamMap(), STALE_ONLY);
    String id = Params.customerId(ctx.pathParam("id"));
    boolean stale = p.allowStale();
    Attached a = attachedOrUnavailable();
    respond(ctx, a, a.queries().customerStats(id, stale), JsonViews::customerStats);
  }

  private void latestQuotes(Context ctx) {
    Params p = Params.of(ctx.queryParamMap(), KEY_PARAMS);
    Optional<String> vs = p.get(Params.VS).map(Params::currency);
    boolean stale = p.allowStale();
    Attached a = attachedOrUnavailable();
    Supplier<LocalScan<JsonNode>> local =
        () -> map(a.queries().localLatestQuotes(stale), JsonViews::quote);
    if (isLocalScope(ctx)) {
      answerLocal(ctx, a, local.get());
      return;
    }
    Merged merged =
        fanOut(
            ctx,
            a,
            Names.LATEST_QUOTES_STORE,
            stale,
            ctx.req().getRequestURI() + query(ctx),
            local);
    List<JsonNode> quotes = new ArrayList<>();
    for (JsonNode q : merged.items()) {
      if (vs.isEmpty() || vs.get().equals(JsonViews.text(q, "vsCurrency"))) {
        quotes.add(q);
      }
    }
    quotes.sort(
        Comparator.comparing((JsonNode q) -> JsonViews.text(q, "coinId"))
            .thenComparing(q -> JsonViews.text(q, "vsCurrency")));
    ObjectNode n = merged.header();
    quotes.forEach(n.putArray("quotes")::add);
    served(ctx, a);
    RestServer.json(ctx, 200, n);
  }

  private void allSales(Context ctx) {
    Params p = Params.of(ctx.queryParamMap(), SALES_PARAMS);
    boolean stale = p.allowStale();
    Attached a = attachedOrUnavailable();
    String interval = Params.salesInterval(p.get(Params.INTERVAL), a.topology().salesWindow());
    TimeRange range =
        Params.range(
            p.time(Params.FROM),
            p.time(Params.TO),
            a.topology().salesWindow(),
            clock.instant(),
            settings);
    Supplier<LocalScan<JsonNode>> local =
        () -> map(a.queries().localSales(range, stale), JsonViews::sales);
    if (isLocalScope(ctx)) {
      answerLocal(ctx, a, local.get());
      return;
    }
    // The other instances get the resolved range, so every part covers the same windows.
    String path =
        ctx.req().getRequestURI()
            + "?interval="
            + interval
            + "&from="
            + range.from().toEpochMilli()
            + "&to="
            + range.to().toEpochMilli()
            + (stale ? "&allowStale=true" : "");
    Merged merged = fanOut(ctx, a, Names.salesStore(interval), stale, path, local);
    List<JsonNode> windows = new ArrayList<>(merged.items());
    windows.sort(
        Comparator.comparing((JsonNode w) -> JsonViews.text(w, "windowStart"))
            .thenComparing(w -> JsonViews.text(w, "category")));
    ObjectNode n = JsonViews.object();
    n.put("interval", interval);
    n.put("from", JsonViews.time(range.from()));
    n.put("to", JsonViews.time(range.to()));
    n.setAll(merged.header());
    windows.forEach(n.putArray("windows")::add);
    served(ctx, a);
    RestServer.json(ctx, 200, n);
  }

  // ---------------------------------------------------------------------------- key outcomes

  private <T> void respond(
      Context ctx, Attached a, Outcome<T> outcome, Function<T, JsonNode> render) {
    if (outcome instanceof Outcome.Found<T> found) {
      served(ctx, a);
      if (found.stale()) {
        ctx.header(RestServer.STALE, "true");
      }
      RestServer.json(ctx, 200, render.apply(found.value()));
    } else if (outcome instanceof Outcome.Remote<T> remote) {
      forward(ctx, remote.host());
    } else if (outcome instanceof Outcome.NotFound<T> notFound) {
      throw ApiException.notFound(notFound.message());
    } else if (outcome instanceof Outcome.Rebalancing<T> rebalancing) {
      throw ApiException.unavailable(rebalancing.reason() + "; retry shortly");
    } else {
      throw new IllegalStateException("unknown outcome " + outcome);
    }
  }

  /** Answers with what {@code host}, the key's owner, answers. */
  private void forward(Context ctx, HostInfo host) {
    int hops = hops(ctx);
    if (hops >= RestServer.MAX_HOPS) {
      throw ApiException.unavailable(
          "the key's owner could not be reached within "
              + RestServer.MAX_HOPS
              + " hops (the instances disagree about the assignment, as during a rebalance);"
              + " retry shortly");
    }
    Optional<Forwarder.Answer> answer =
        forwarder.getNow(host, ctx.req().getRequestURI() + query(ctx), forwardHeaders(ctx, hops));
    if (answer.isEmpty()) {
      throw ApiException.unavailable(
          "instance "
              + server(host)
              + ", which holds this key, did not answer; retry after the rebalance");
    }
    Forwarder.Answer a = answer.get();
    RestServer.responded(ctx);
    ctx.status(a.status());
    a.headers().forEach(ctx::header);
    ctx.result(a.body());
  }

  private static Map<String, String> forwardHeaders(Context ctx, int hops) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(RestServer.HOPS, Integer.toString(hops + 1));
    String auth = ctx.header("Authorization");
    if (auth != null) {
      headers.put("Authorization", auth);
    }
    return headers;
  }

  private static int hops(Context ctx) {
    String raw = ctx.header(RestServer.HOPS);
    if (raw == null || raw.isBlank()) {
      return 0;
    }
    try {
      int n = Integer.parseInt(raw.trim());
      if (n < 0) {
        throw ApiException.badRequest(RestServer.HOPS + " must not be negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(RestServer.HOPS + " must be a small integer");
    }
  }

  // --------------------------------------------------------------------------------- fan-out

  /** The merged answer of a fan-out. */
  private record Merged(List<JsonNode> items, Set<Integer> missing, boolean stale, int total) {
    ObjectNode header() {
      ObjectNode n = JsonViews.object();
      n.put("partial", !missing.isEmpty());
      ArrayNode m = n.putArray("missingPartitions");
      missing.forEach(m::add);
      n.put("partitions", total);
      n.put("stale", stale);
      return n;
    }
  }

  private Merged fanOut(
      Context ctx,
      Attached a,
      String store,
      boolean allowStale,
      String pathAndQuery,
      Supplier<LocalScan<JsonNode>> local) {
    StoreLocator.Fanout fanout = a.queries().locator().fanout(store, allowStale);
    if (fanout == null) {
      throw ApiException.unavailable(
          "the application is " + a.view().state() + ": no partition map for " + store + " yet");
    }
    int hops = hops(ctx);
    HostInfo self = a.queries().locator().self();
    Map<Integer, LocalScan.Slice<JsonNode>> best = new TreeMap<>();
    List<CompletableFuture<Optional<Forwarder.Answer>>> remote = new ArrayList<>();
    for (HostInfo host : fanout.hosts()) {
      if (host.equals(self)) {
        continue;
      }
      Map<String, String> headers = forwardHeaders(ctx, hops);
      headers.put(RestServer.SCOPE, LOCAL);
      remote.add(forwarder.get(host, pathAndQuery, headers));
    }
    if (fanout.hosts().contains(self)) {
      keep(best, local.get().slices());
    }
    for (CompletableFuture<Optional<Forwarder.Answer>> f : remote) {
      Optional<Forwarder.Answer> answer = f.join();
      if (answer.isPresent() && answer.get().status() == 200) {
        keep(best, parseSlices(answer.get().body()));
      }
    }
    Set<Integer> missing = new TreeSet<>();
    for (int p = 0; p < fanout.partitions(); p++) {
      if (!best.containsKey(p)) {
        missing.add(p);
      }
    }
    if (best.isEmpty()) {
      throw ApiException.unavailable(
          "no partition of " + store + " can be read now (rebalancing); retry shortly");
    }
    List<JsonNode> items = new ArrayList<>();
    boolean stale = false;
    for (LocalScan.Slice<JsonNode> s : best.values()) {
      items.addAll(s.items());
      stale |= s.stale();
    }
    return new Merged(items, missing, stale, fanout.partitions());
  }

  /** Keeps each partition's best slice: a fresh one over a stale one. */
  private static void keep(
      Map<Integer, LocalScan.Slice<JsonNode>> best, List<LocalScan.Slice<JsonNode>> slices) {
    for (LocalScan.Slice<JsonNode> s : slices) {
      LocalScan.Slice<JsonNode> current = best.get(s.partition());
      if (current == null || (current.stale() && !s.stale())) {
        best.put(s.partition(), s);
      }
    }
  }

  private void answerLocal(Context ctx, Attached a, LocalScan<JsonNode> scan) {
    ObjectNode n = JsonViews.object();
    ArrayNode slices = n.putArray("slices");
    for (LocalScan.Slice<JsonNode> s : scan.slices()) {
      ObjectNode o = slices.addObject();
      o.put("partition", s.partition());
      o.put("stale", s.stale());
      ArrayNode items = o.putArray("items");
      s.items().forEach(items::add);
    }
    served(ctx, a);
    RestServer.json(ctx, 200, n);
  }

  private static List<LocalScan.Slice<JsonNode>> parseSlices(byte[] body) {
    List<LocalScan.Slice<JsonNode>> out = new ArrayList<>();
    try {
      JsonNode root = JsonViews.MAPPER.readTree(body);
      for (JsonNode s : root.path("slices")) {
        List<JsonNode> items = new ArrayList<>();
        s.path("items").forEach(items::add);
        out.add(
            new LocalScan.Slice<>(
                s.path("partition").asInt(-1), s.path("stale").asBoolean(false), items));
      }
    } catch (IOException e) {
      return List.of(); // an unreadable part counts as missing
    }
    out.removeIf(s -> s.partition() < 0);
    return out;
  }

  private static <T> LocalScan<JsonNode> map(LocalScan<T> scan, Function<T, JsonNode> render) {
    List<LocalScan.Slice<JsonNode>> slices = new ArrayList<>();
    for (LocalScan.Slice<T> s : scan.slices()) {
      List<JsonNode> items = new ArrayList<>(s.items().size());
      s.items().forEach(i -> items.add(render.apply(i)));
      slices.add(new LocalScan.Slice<>(s.partition(), s.stale(), items));
    }
    return new LocalScan<>(slices);
  }

  private static boolean isLocalScope(Context ctx) {
    return LOCAL.equals(ctx.header(RestServer.SCOPE));
  }

  // --------------------------------------------------------------------------------- helpers

  private Attached attachedOrUnavailable() {
    Attached a = attached;
    if (a == null) {
      throw ApiException.unavailable("starting: Kafka Streams is not created yet");
    }
    return a;
  }

  private static void served(Context ctx, Attached a) {
    ctx.header(RestServer.SERVED_BY, server(a.queries().locator().self()));
  }

  private static String query(Context ctx) {
    String q = ctx.queryString();
    return q == null || q.isEmpty() ? "" : "?" + q;
  }

  static String server(HostInfo h) {
    return h.host() + ":" + h.port();
  }

  private static List<String> partitions(Set<TopicPartition> tps) {
    List<String> out = new ArrayList<>();
    tps.stream()
        .sorted(
            Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition))
        .forEach(tp -> out.add(tp.topic() + "-" + tp.partition()));
    return out;
  }

  private static byte[] resource(String name) {
    try (InputStream in = QueryRoutes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** For tests: the OpenAPI text served. */
  String openApiText() {
    return new String(openApi, StandardCharsets.UTF_8);
  }
}

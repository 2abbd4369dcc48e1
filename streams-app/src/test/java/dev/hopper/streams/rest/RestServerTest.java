package dev.hopper.streams.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.QuoteSource;
import dev.hopper.config.LayeredConfig;
import dev.hopper.streams.config.RestSettings;
import dev.hopper.streams.config.StreamsSettings;
import dev.hopper.streams.metrics.HopperMetrics;
import dev.hopper.streams.query.FakeStreamsView;
import dev.hopper.streams.query.Iterators;
import dev.hopper.streams.query.TestMetadata;
import dev.hopper.streams.topology.Names;
import dev.hopper.streams.topology.TopologySettings;
import dev.hopper.topics.TopicCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP layer against fake stores: status codes, JSON errors, forwarding with its hop limit,
 * fan-out with partial results, auth, health, OpenAPI and metrics, over real HTTP.
 */
class RestServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2024-11-21T00:00:00Z");
  private static final TopologySettings TOPOLOGY = TopologySettings.defaults(3, 3);
  private static final String QUOTES = Names.LATEST_QUOTES_STORE;

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final Iterators iterators = new Iterators();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private static RestSettings settings(Map<String, String> flags) {
    Map<String, String> all = new HashMap<>(Map.of("hopper.rest.port", "0"));
    all.putAll(flags);
    return StreamsSettings.from(
            LayeredConfig.builder().defaults(StreamsSettings.defaults()).flags(all).build())
        .rest();
  }

  private RestServer server(Map<String, String> flags, HopperMetrics metrics) {
    RestServer s =
        RestServer.start(
            settings(flags),
            metrics,
            Clock.fixed(Instant.parse("2024-11-21T01:00:00Z"), ZoneOffset.UTC));
    closeables.add(s);
    return s;
  }

  private RestServer server() {
    return server(Map.of(), null);
  }

  private static HostInfo host(RestServer s) {
    return HostInfo.buildFromEndpoint(s.advertised());
  }

  private static CoinQuote quote(String coin, String vs, double price) {
    return CoinQuote.newBuilder()
        .setCoinId(coin)
        .setSymbol(coin.substring(0, 3))
        .setName(coin)
        .setVsCurrency(vs)
        .setPrice(price)
        .setMarketCap(1.92e12)
        .setLastUpdated(T0)
        .setSource(QuoteSource.LIVE)
        .build();
  }

  private HttpResponse<String> get(RestServer s, String pathAndQuery) throws Exception {
    return get(s, pathAndQuery, Map.of());
  }

  private HttpResponse<String> get(RestServer s, String pathAndQuery, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://" + s.advertised() + pathAndQuery));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode body(HttpResponse<String> r) throws IOException {
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return JSON.readTree(r.body());
  }

  private static void assertError(HttpResponse<String> r, int status, String error)
      throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode b = body(r);
    assertThat(b.path("error").asText()).isEqualTo(error);
    assertThat(b.path("message").asText()).isNotBlank().doesNotContain("Exception", "\tat ");
  }

  /** A view on which {@code key} of the quote store lives on {@code owner}, partition 0. */
  private FakeStreamsView viewWithQuote(HostInfo owner, CoinQuote value) {
    FakeStreamsView view = new FakeStreamsView();
    view.key(QUOTES, "bitcoin:usd", new KeyQueryMetadata(owner, Set.of(), 0));
    view.answer =
        r -> {
          StateQueryResult<Object> out = new StateQueryResult<>();
          out.addResult(0, QueryResult.forResult(value));
          return out;
        };
    return view;
  }

  @Test
  void shouldAnswerAKeyHeldHereNamingTheServingInstance() throws Exception {
    RestServer a = server();
    a.attach(viewWithQuote(host(a), quote("bitcoin", "usd", 97000.5)), TOPOLOGY);

    HttpResponse<String> r = get(a, "/api/v1/quotes/Bitcoin?vs=USD");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue(RestServer.SERVED_BY)).contains(a.advertised());
    assertThat(r.headers().firstValue(RestServer.STALE)).isEmpty();
    JsonNode q = body(r);
    assertThat(q.path("coinId").asText()).isEqualTo("bitcoin");
    assertThat(q.path("price").decimalValue()).isEqualByComparingTo("97000.5");
    assertThat(q.path("marketCap").asText()).isEqualTo("1920000000000");
    assertThat(q.path("lastUpdated").asText()).isEqualTo("2024-11-21T00:00:00Z");
    assertThat(q.path("source").asText()).isEqualTo("LIVE");
  }

  @Test
  void shouldForwardAKeyHeldByAnotherInstanceAndReturnItsAnswer() throws Exception {
    RestServer a = server();
    RestServer b = server();
    a.attach(viewWithQuote(host(b), null), TOPOLOGY);
    b.attach(viewWithQuote(host(b), quote("bitcoin", "usd", 1.5)), TOPOLOGY);

    HttpResponse<String> r = get(a, "/api/v1/quotes/bitcoin");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue(RestServer.SERVED_BY)).contains(b.advertised());
    assertThat(body(r).path("price").asDouble()).isEqualTo(1.5);
  }

  @Test
  void shouldStopForwardingAtTheHopLimitWhenInstancesDisagree() throws Exception {
    RestServer a = server();
    RestServer b = server();
    // Each believes the other holds the key: without a hop limit the request would loop.
    a.attach(viewWithQuote(host(b), null), TOPOLOGY);
    b.attach(viewWithQuote(host(a), null), TOPOLOGY);

    HttpResponse<String> r = get(a, "/api/v1/quotes/bitcoin");

    assertError(r, 503, "unavailable");
    assertThat(r.body()).contains("hops");
    assertThat(r.headers().firstValue("Retry-After")).contains("5");
  }

  @Test
  void shouldAnswer503WhenTheOwnerDoesNotAnswer() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    RestServer a = server(Map.of("hopper.rest.forward.timeout", "2s"), null);
    a.attach(viewWithQuote(new HostInfo("127.0.0.1", deadPort), null), TOPOLOGY);

    HttpResponse<String> r = get(a, "/api/v1/quotes/bitcoin");

    assertError(r, 503, "unavailable");
    assertThat(r.body()).contains("127.0.0.1:" + deadPort, "did not answer");
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void shouldAnswer503WithRetryAfterWhileRebalancingAndServeStaleWhenAsked() throws Exception {
    RestServer a = server(Map.of("hopper.rest.retry.after", "7s"), null);
    FakeStreamsView view = viewWithQuote(new HostInfo("elsewhere", 1), quote("bitcoin", "usd", 2));
    view.state = KafkaStreams.State.REBALANCING;
    view.keys.clear(); // no instance holds the partition yet
    a.attach(view, TOPOLOGY);

    HttpResponse<String> r = get(a, "/api/v1/quotes/bitcoin");
    assertError(r, 503, "unavailable");
    assertThat(r.headers().firstValue("Retry-After")).contains("7");

    // A standby copy here may answer when the client accepts stale data.
    view.key(
        QUOTES,
        "bitcoin:usd",
        new KeyQueryMetadata(new HostInfo("elsewhere", 1), Set.of(host(a)), 0));
    HttpResponse<String> stale = get(a, "/api/v1/quotes/bitcoin?allowStale=true");
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(stale.headers().firstValue(RestServer.STALE)).contains("true");
  }

  @Test
  void shouldAnswer404ForUnknownKeysAndPathsAsJson() throws Exception {
    RestServer a = server();
    a.attach(viewWithQuote(host(a), null), TOPOLOGY);
    assertError(get(a, "/api/v1/quotes/bitcoin"), 404, "not_found");
    assertError(get(a, "/api/v1/nothing-here"), 404, "not_found");
    assertError(get(a, "/api/v1/quotes/bitcoin/extra"), 404, "not_found");
  }

  @Test
  void shouldAnswer400ForBadParametersAsJsonBeforeTouchingTheStores() throws Exception {
    RestServer a = server();
    FakeStreamsView view = viewWithQuote(host(a), quote("bitcoin", "usd", 1));
    a.attach(view, TOPOLOGY);
    for (String bad :
        List.of(
            "/api/v1/quotes/bit:coin",
            "/api/v1/quotes/bitcoin?vs=dollars123",
            "/api/v1/quotes/bitcoin?vs=usd&vs=eur",
            "/api/v1/quotes/bitcoin?allowStale=maybe",
            "/api/v1/quotes/bitcoin?colour=red",
            "/api/v1/candles/bitcoin?interval=7m",
            "/api/v1/candles/bitcoin?from=tomorrow",
            "/api/v1/candles/bitcoin?from=2024-11-21T00:10:00Z&to=2024-11-21T00:00:00Z",
            "/api/v1/sales/categories?interval=5m",
            "/api/v1/sales/categories/Books?to=-1",
            "/api/v1/customers/%20/stats")) {
      assertError(get(a, bad), 400, "bad_request");
    }
    HttpResponse<String> tooLong = get(a, "/api/v1/candles/bitcoin?from=2024-11-01&to=2024-11-21");
    assertError(tooLong, 400, "range_too_large");
    assertThat(body(tooLong).path("message").asText()).contains("hopper.rest.max.windows");
    assertThat(view.queries).as("no store was queried for a bad request").isEmpty();
  }

  @Test
  void shouldAnswerJsonForRequestsJettyRefusesItself() throws Exception {
    RestServer a = server();
    a.attach(new FakeStreamsView(), TOPOLOGY);
    String raw = rawGet(a, "/api/v1/quotes/bit%zzcoin");
    assertThat(raw).startsWith("HTTP/1.1 400");
    assertThat(raw).contains("application/json").contains("\"error\":\"bad_request\"");
  }

  private static String rawGet(RestServer s, String target) throws IOException {
    HostInfo h = host(s);
    try (Socket socket = new Socket(h.host(), h.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void shouldRequireTheBearerTokenExceptOnHealthAndForwardIt() throws Exception {
    Map<String, String> secured = Map.of("hopper.rest.token", "s3cret-token-0123456789");
    RestServer a = server(secured, null);
    RestServer b = server(secured, null);
    a.attach(viewWithQuote(host(b), null), TOPOLOGY);
    b.attach(viewWithQuote(host(b), quote("bitcoin", "usd", 3)), TOPOLOGY);

    HttpResponse<String> none = get(a, "/api/v1/quotes/bitcoin");
    assertError(none, 401, "unauthorized");
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertError(
        get(a, "/api/v1/quotes/bitcoin", Map.of("Authorization", "Bearer wrong")),
        401,
        "unauthorized");
    assertError(get(a, "/metrics"), 401, "unauthorized");
    assertThat(get(a, "/health/live").statusCode()).isEqualTo(200);

    HttpResponse<String> ok =
        get(a, "/api/v1/quotes/bitcoin", Map.of("Authorization", "Bearer s3cret-token-0123456789"));
    assertThat(ok.statusCode()).as("forwarded with the token").isEqualTo(200);
    assertThat(ok.headers().firstValue(RestServer.SERVED_BY)).contains(b.advertised());
  }

  @Test
  void shouldServeThePageAndItsAssetsWithoutTheTokenButNotTheMonitorData() throws Exception {
    Map<String, String> secured = Map.of("hopper.rest.token", "s3cret-token-0123456789");
    RestServer a = server(secured, null);

    HttpResponse<String> page = get(a, "/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(page.body())
        .contains("/assets/echarts.min.js", "/assets/monitor.js")
        .doesNotContain("http://", "https://");
    for (String asset : List.of("monitor.js", "monitor.css", "echarts.min.js")) {
      HttpResponse<String> r = get(a, "/assets/" + asset);
      assertThat(r.statusCode()).as(asset).isEqualTo(200);
      assertThat(r.body()).as(asset).isNotBlank();
    }
    assertThat(get(a, "/assets/echarts.min.js").body()).contains("echarts");
    assertError(get(a, "/assets/secret.txt"), 404, "not_found");
    assertError(get(a, "/assets/..%2Fopenapi.json"), 404, "not_found");

    assertError(get(a, "/api/v1/monitor/topics"), 401, "unauthorized");
    assertError(get(a, "/api/v1"), 401, "unauthorized");
    HttpResponse<String> notYet =
        get(a, "/api/v1/monitor/topics", Map.of("Authorization", "Bearer s3cret-token-0123456789"));
    assertError(notYet, 503, "unavailable");
    assertThat(notYet.headers().firstValue("Retry-After")).isPresent();
    assertError(
        get(
            a,
            "/api/v1/monitor/streams?x=1",
            Map.of("Authorization", "Bearer s3cret-token-0123456789")),
        400,
        "bad_request");
  }

  @Test
  void shouldServeTheJsonIndexUnderApiV1() throws Exception {
    RestServer a = server();
    JsonNode index = body(get(a, "/api/v1"));
    assertThat(index.path("openapi").asText()).isEqualTo("/api/v1/openapi.json");
    assertThat(index.path("monitoring").asText()).isEqualTo("/");
    assertThat(index.path("monitor").path("groups").asText()).isEqualTo("/api/v1/monitor/groups");
  }

  @Test
  void shouldBeLiveAtOnceAndReadyOnlyOnceRunningThroughRebalances() throws Exception {
    RestServer a = server();
    assertThat(get(a, "/health/live").statusCode()).isEqualTo(200);
    assertThat(get(a, "/health/ready").statusCode()).isEqualTo(503);
    assertError(get(a, "/api/v1/quotes/bitcoin"), 503, "unavailable");

    FakeStreamsView view = new FakeStreamsView();
    view.state = KafkaStreams.State.REBALANCING;
    a.attach(view, TOPOLOGY);
    HttpResponse<String> starting = get(a, "/health/ready");
    assertThat(starting.statusCode()).isEqualTo(503);
    assertThat(body(starting).path("reason").asText()).contains("not reached RUNNING");

    view.state = KafkaStreams.State.RUNNING;
    assertThat(get(a, "/health/ready").statusCode()).isEqualTo(200);
    view.state = KafkaStreams.State.REBALANCING;
    assertThat(get(a, "/health/ready").statusCode())
        .as("a rebalance does not make it unready")
        .isEqualTo(200);
    view.state = KafkaStreams.State.PENDING_SHUTDOWN;
    assertThat(body(get(a, "/health/ready")).path("reason").asText()).isEqualTo("shutting down");
    view.state = KafkaStreams.State.ERROR;
    assertThat(get(a, "/health/ready").statusCode()).isEqualTo(503);
    assertThat(get(a, "/health/live").statusCode()).isEqualTo(503);
  }

  /** Three instances; each holds one partition of the quote store; c may be down. */
  private List<RestServer> fanOutCluster(boolean cDown) throws Exception {
    RestServer a = server();
    RestServer b = server();
    HostInfo c;
    if (cDown) {
      try (ServerSocket s = new ServerSocket(0)) {
        c = new HostInfo("127.0.0.1", s.getLocalPort());
      }
    } else {
      RestServer cs = server();
      c = host(cs);
    }
    List<HostInfo> hosts = List.of(host(a), host(b), c);
    Map<HostInfo, CoinQuote> held =
        Map.of(
            hosts.get(0), quote("bitcoin", "usd", 1),
            hosts.get(1), quote("ethereum", "usd", 2),
            hosts.get(2), quote("bitcoin", "inr", 3));
    List<RestServer> servers = new ArrayList<>(List.of(a, b));
    if (!cDown) {
      servers.add(
          closeables.stream()
              .filter(x -> x instanceof RestServer r && host(r).equals(c))
              .map(x -> (RestServer) x)
              .findFirst()
              .orElseThrow());
    }
    for (RestServer s : servers) {
      FakeStreamsView view = new FakeStreamsView();
      view.partitions.put(QUOTES, 3);
      for (int p = 0; p < 3; p++) {
        view.metadata.add(
            TestMetadata.active(hosts.get(p), Set.of(QUOTES), Set.of(new TopicPartition("q", p))));
      }
      int mine = hosts.indexOf(host(s));
      view.answer =
          r -> {
            assertThat(r.getQuery()).isInstanceOf(RangeQuery.class);
            StateQueryResult<Object> out = new StateQueryResult<>();
            out.addResult(
                mine,
                QueryResult.forResult(
                    iterators.of(List.of(KeyValue.pair("k", held.get(hosts.get(mine)))))));
            return out;
          };
      s.attach(view, TOPOLOGY);
    }
    return servers;
  }

  @Test
  void shouldFanOutToEveryInstanceAndMergeSorted() throws Exception {
    List<RestServer> servers = fanOutCluster(false);

    for (RestServer s : servers) {
      HttpResponse<String> r = get(s, "/api/v1/quotes/latest");
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode b = body(r);
      assertThat(b.path("partial").asBoolean()).isFalse();
      assertThat(b.path("missingPartitions")).isEmpty();
      List<String> keys = new ArrayList<>();
      b.path("quotes")
          .forEach(q -> keys.add(q.path("coinId").asText() + ":" + q.path("vsCurrency").asText()));
      assertThat(keys).containsExactly("bitcoin:inr", "bitcoin:usd", "ethereum:usd");
    }
    JsonNode usd = body(get(servers.get(1), "/api/v1/quotes/latest?vs=usd"));
    assertThat(usd.path("quotes")).hasSize(2);
    assertThat(iterators.open).hasValue(0);
  }

  @Test
  void shouldFlagAPartialResultWhenAnInstanceIsDown() throws Exception {
    List<RestServer> servers = fanOutCluster(true);

    HttpResponse<String> r = get(servers.get(0), "/api/v1/quotes/latest");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode b = body(r);
    assertThat(b.path("partial").asBoolean()).isTrue();
    assertThat(b.path("missingPartitions").toString()).isEqualTo("[2]");
    assertThat(b.path("partitions").asInt()).isEqualTo(3);
    assertThat(b.path("quotes")).hasSize(2);
  }

  @Test
  void shouldServeAnOpenApiDescriptionOfEveryRoute() throws Exception {
    RestServer a = server();
    JsonNode doc = body(get(a, "/api/v1/openapi.json"));
    assertThat(doc.path("openapi").asText()).startsWith("3.");
    Set<String> paths = new TreeSet<>();
    Iterator<String> it = doc.path("paths").fieldNames();
    it.forEachRemaining(paths::add);
    assertThat(paths)
        .containsExactlyInAnyOrder(
            "/",
            "/api/v1",
            "/api/v1/monitor/topics",
            "/api/v1/monitor/groups",
            "/api/v1/monitor/connectors",
            "/api/v1/monitor/schemas",
            "/api/v1/monitor/streams",
            "/api/v1/monitor/quality",
            "/health/live",
            "/health/ready",
            "/metrics",
            "/api/v1/openapi.json",
            "/api/v1/instances",
            "/api/v1/quotes/latest",
            "/api/v1/quotes/{coin}",
            "/api/v1/candles/{coin}",
            "/api/v1/sales/categories",
            "/api/v1/sales/categories/{category}",
            "/api/v1/customers/{id}/stats");
    // every $ref resolves
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    for (String ref : refs) {
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
  }

  private static void collectRefs(JsonNode n, List<String> refs) {
    if (n.has("$ref")) {
      refs.add(n.get("$ref").asText());
    }
    n.forEach(child -> collectRefs(child, refs));
  }

  @Test
  void shouldServeRequestMetricsInPrometheusFormat() throws Exception {
    try (HopperMetrics metrics = new HopperMetrics(TopicCatalog.defaults())) {
      RestServer a = server(Map.of(), metrics);
      a.attach(viewWithQuote(host(a), quote("bitcoin", "usd", 1)), TOPOLOGY);
      get(a, "/api/v1/quotes/bitcoin");
      get(a, "/api/v1/quotes/bitcoin?vs=1");
      get(a, "/no/such/path");

      HttpResponse<String> r = get(a, "/metrics");

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      assertThat(r.body())
          .contains(
              "http_server_requests_seconds_bucket{method=\"GET\",status=\"200\","
                  + "uri=\"/api/v1/quotes/{coin}\",le=")
          .contains(
              "http_server_requests_seconds_count{method=\"GET\",status=\"400\","
                  + "uri=\"/api/v1/quotes/{coin}\"} 1")
          .contains(
              "http_server_requests_seconds_count{method=\"GET\",status=\"404\","
                  + "uri=\"NOT_FOUND\"} 1")
          .contains("jvm_memory_used_bytes");
    }
  }

  @Test
  void shouldFailToStartWithAClearMessageWhenThePortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      Map<String, String> flags =
          Map.of("hopper.rest.port", Integer.toString(taken.getLocalPort()));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> server(flags, null))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("hopper.rest.port")
          .hasMessageContaining(Integer.toString(taken.getLocalPort()));
    }
  }
}

package dev.hopper.platform.rest;

import static dev.hopper.platform.rest.RestCluster.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hopper.avro.CoinQuote;
import dev.hopper.platform.EmbeddedPlatform;
import dev.hopper.platform.SharedPlatform;
import dev.hopper.producers.generate.DataGenerator;
import dev.hopper.producers.generate.GeneratedData;
import dev.hopper.producers.generate.GeneratorConfig;
import dev.hopper.producers.generate.RecordLabel;
import dev.hopper.streams.rest.QueryableApp;
import dev.hopper.streams.rest.RestServer;
import dev.hopper.topics.HopperTopic;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactive queries over REST on two real app instances (2 partitions, no standby replicas, own
 * ports and state directories) on the embedded platform, fed by the producers' generator. Every key
 * is answered identically and correctly by both instances, about half of the answers forwarded;
 * fan-outs merge to the union of the keys; malformed requests get 400 or 404, never 500; when one
 * instance stops, answers stay correct or are 503 until the rebalance, after which the survivor
 * answers everything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestQueriesIT {
  private static final Logger LOG = LoggerFactory.getLogger(RestQueriesIT.class);
  private static final int PARTITIONS = 2;
  private static final List<String> COINS =
      List.of("bitcoin", "ethereum", "solana", "cardano", "ripple", "dogecoin");

  private RestCluster cluster;
  private GeneratedData data;
  private Path stateA;
  private Path stateB;
  private QueryableApp a;
  private QueryableApp b;
  private boolean bStopped;

  /** Per key request: the answer recorded in test 1, compared with later answers. */
  private final Map<String, String> answers = new LinkedHashMap<>();

  @BeforeAll
  void startTwoInstances() throws Exception {
    EmbeddedPlatform platform = SharedPlatform.get();
    String prefix = "rest-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    cluster =
        new RestCluster(
            platform.bootstrapServers(),
            platform.schemaRegistryUrl().orElseThrow(),
            prefix,
            PARTITIONS);
    data =
        DataGenerator.generate(
            GeneratorConfig.builder()
                .seed(11)
                .orders(300)
                .products(40)
                .customers(150)
                .coins(COINS)
                .partitions(PARTITIONS)
                .build());
    cluster.createTopics();
    stateA = Files.createTempDirectory("rest-it-a-");
    stateB = Files.createTempDirectory("rest-it-b-");
    a = cluster.instance(stateA, Map.of());
    b = cluster.instance(stateB, Map.of());
    a.start();
    b.start();
    // Both in the group, each with active partitions, before any data: no rebalance mid-way.
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              for (QueryableApp i : List.of(a, b)) {
                HttpResponse<String> r = cluster.get(i, "/api/v1/instances");
                assertThat(r.statusCode()).isEqualTo(200);
                JsonNode instances = json(r).path("instances");
                assertThat(instances).hasSize(2);
                instances.forEach(n -> assertThat(n.path("partitions")).isNotEmpty());
                assertThat(json(cluster.get(i, "/health/ready")).path("status").asText())
                    .isEqualTo("UP");
              }
            });
    cluster.produce(data);
    // Processed once every customer's stats and every latest quote are as expected.
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              for (Map.Entry<String, CoinQuote> e : expectedLatestQuotes().entrySet()) {
                HttpResponse<String> r = cluster.get(a, quotePath(e.getKey()));
                assertThat(r.statusCode()).as(e.getKey() + ": " + r.body()).isEqualTo(200);
                assertThat(json(r).path("lastUpdated").asText())
                    .isEqualTo(e.getValue().getLastUpdated().toString());
              }
              for (Map.Entry<String, Stats> e : expectedStats().entrySet()) {
                HttpResponse<String> r = cluster.get(a, statsPath(e.getKey()));
                assertThat(r.statusCode()).as(e.getKey() + ": " + r.body()).isEqualTo(200);
                assertThat(json(r).path("orders").asLong()).isEqualTo(e.getValue().orders());
              }
            });
  }

  @AfterAll
  void stop() {
    for (QueryableApp i : new QueryableApp[] {b, a}) {
      if (i != null && !(i == b && bStopped)) {
        i.close();
      }
    }
    for (Path p : new Path[] {stateA, stateB}) {
      if (p != null) {
        EmbeddedPlatform.deleteRecursively(p);
      }
    }
  }

  // ------------------------------------------------------------------------------ expectations

  private record Stats(long orders, BigDecimal totalSpent) {}

  private Map<String, Stats> expectedStats() {
    Map<String, Stats> out = new TreeMap<>();
    for (dev.hopper.avro.Order o : data.orders()) {
      BigDecimal amount = o.getFinalPrice().setScale(2, RoundingMode.HALF_EVEN);
      out.merge(
          o.getCustomerId(),
          new Stats(1, amount),
          (x, y) -> new Stats(x.orders() + y.orders(), x.totalSpent().add(y.totalSpent())));
    }
    return out;
  }

  /** The newest quote by event time of each {@code coin:vs} (on a tie, the later sent). */
  private Map<String, CoinQuote> expectedLatestQuotes() {
    Map<String, CoinQuote> out = new TreeMap<>();
    for (CoinQuote q : data.quotes()) {
      if (q.getPrice() == null) {
        continue;
      }
      out.merge(
          q.getCoinId() + ":" + q.getVsCurrency(),
          q,
          (old, now) -> now.getLastUpdated().isBefore(old.getLastUpdated()) ? old : now);
    }
    return out;
  }

  private Set<String> categories() {
    Set<String> out = new TreeSet<>();
    data.orders().forEach(o -> out.add(o.getCategory()));
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String quotePath(String pair) {
    String[] p = pair.split(":");
    return "/api/v1/quotes/" + p[0] + "?vs=" + p[1];
  }

  private static String statsPath(String customer) {
    return "/api/v1/customers/" + enc(customer) + "/stats";
  }

  /** Candles: from before the first quote to the trailers' window, which stays open. */
  private String range() {
    Instant from = data.config().start().minusSeconds(120);
    Instant to = data.trailerTime().plusSeconds(60);
    return "from=" + from + "&to=" + to.toEpochMilli();
  }

  /** Sales: every regular order's window, none of the trailers' (they only close windows). */
  private String salesRange() {
    Instant from = data.config().start().minusSeconds(120);
    Instant to = data.config().ordersEnd().plus(Duration.ofHours(1));
    return "from=" + from + "&to=" + to.toEpochMilli();
  }

  /** Orders other than the trailers. */
  private long regularOrders() {
    return data.records(HopperTopic.SHOP_ORDERS).stream()
        .filter(r -> r.label() != RecordLabel.TRAILER)
        .count();
  }

  private List<String> keyPaths() {
    List<String> paths = new ArrayList<>();
    expectedLatestQuotes().keySet().forEach(p -> paths.add(quotePath(p)));
    for (String pair : expectedLatestQuotes().keySet()) {
      String[] p = pair.split(":");
      paths.add("/api/v1/candles/" + p[0] + "?vs=" + p[1] + "&interval=1m&" + range());
    }
    categories().forEach(c -> paths.add("/api/v1/sales/categories/" + enc(c) + "?" + salesRange()));
    expectedStats().keySet().forEach(c -> paths.add(statsPath(c)));
    return paths;
  }

  // ----------------------------------------------------------------------------------- tests

  @Test
  @Order(1)
  void shouldAnswerEveryKeyIdenticallyAndCorrectlyFromBothInstancesForwardingAboutHalf() {
    int requests = 0;
    int forwarded = 0;
    Map<String, Integer> servedBy = new HashMap<>();
    for (String path : keyPaths()) {
      HttpResponse<String> fromA = cluster.get(a, path);
      HttpResponse<String> fromB = cluster.get(b, path);
      assertThat(fromA.statusCode()).as(path + " " + fromA.body()).isEqualTo(200);
      assertThat(fromB.statusCode()).as(path + " " + fromB.body()).isEqualTo(200);
      assertThat(fromB.body()).as(path).isEqualTo(fromA.body());
      String serverA = fromA.headers().firstValue(RestServer.SERVED_BY).orElseThrow();
      String serverB = fromB.headers().firstValue(RestServer.SERVED_BY).orElseThrow();
      assertThat(serverA).as("one owner per key").isEqualTo(serverB);
      assertThat(serverA).isIn(a.rest().advertised(), b.rest().advertised());
      servedBy.merge(serverA, 1, Integer::sum);
      requests += 2;
      forwarded += serverA.equals(a.rest().advertised()) ? 0 : 1;
      forwarded += serverB.equals(b.rest().advertised()) ? 0 : 1;
      answers.put(path, fromA.body());
    }
    // Each key has one owner: of the two instances asked, exactly one forwarded.
    assertThat(forwarded).isEqualTo(requests / 2);
    // ... and the owners are spread over both instances, roughly evenly
    assertThat(servedBy).hasSize(2);
    servedBy.values().forEach(n -> assertThat(n).isGreaterThan(answers.size() / 5));

    // Correct, not only identical: quotes, customer stats, candle counts, sales totals.
    expectedLatestQuotes()
        .forEach(
            (pair, q) -> {
              JsonNode n = RestCluster.json(answers.get(quotePath(pair)));
              assertThat(n.path("price").asDouble()).as(pair).isEqualTo(q.getPrice());
              assertThat(n.path("vsCurrency").asText()).isEqualTo(q.getVsCurrency());
            });
    expectedStats()
        .forEach(
            (customer, s) -> {
              JsonNode n = RestCluster.json(answers.get(statsPath(customer)));
              assertThat(n.path("orders").asLong()).as(customer).isEqualTo(s.orders());
              assertThat(n.path("totalSpent").decimalValue())
                  .as(customer)
                  .isEqualByComparingTo(s.totalSpent());
            });
    for (String pair : expectedLatestQuotes().keySet()) {
      String[] p = pair.split(":");
      JsonNode candles =
          RestCluster.json(
                  answers.get(
                      "/api/v1/candles/" + p[0] + "?vs=" + p[1] + "&interval=1m&" + range()))
              .path("candles");
      long quotes =
          data.quotes().stream()
              .filter(q -> q.getPrice() != null)
              .filter(q -> pair.equals(q.getCoinId() + ":" + q.getVsCurrency()))
              .count();
      long counted = 0;
      for (JsonNode c : candles) {
        counted += c.path("quoteCount").asLong();
      }
      assertThat(counted).as(pair + " quotes in its candles").isEqualTo(quotes);
      // Every window is final except the newest, which the trailer opened and nothing closed.
      JsonNode last = candles.get(candles.size() - 1);
      assertThat(last.path("final").asBoolean()).as(pair + " open window").isFalse();
      assertThat(last.path("windowStart").asText())
          .isEqualTo(
              Instant.ofEpochMilli(data.trailerTime().toEpochMilli() / 60_000 * 60_000).toString());
      for (int i = 0; i < candles.size() - 1; i++) {
        assertThat(candles.get(i).path("final").asBoolean()).isTrue();
      }
    }
  }

  @Test
  @Order(2)
  void shouldMergeFanOutsIntoTheUnionOfEveryKey() {
    for (QueryableApp i : List.of(a, b)) {
      HttpResponse<String> r = cluster.get(i, "/api/v1/quotes/latest");
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode body = json(r);
      assertThat(body.path("partial").asBoolean()).isFalse();
      assertThat(body.path("partitions").asInt()).isEqualTo(PARTITIONS);
      Set<String> pairs = new TreeSet<>();
      body.path("quotes")
          .forEach(q -> pairs.add(q.path("coinId").asText() + ":" + q.path("vsCurrency").asText()));
      assertThat(pairs).isEqualTo(expectedLatestQuotes().keySet());

      HttpResponse<String> sales = cluster.get(i, "/api/v1/sales/categories?" + salesRange());
      assertThat(sales.statusCode()).isEqualTo(200);
      JsonNode all = json(sales);
      assertThat(all.path("partial").asBoolean()).isFalse();
      Set<String> merged = new TreeSet<>();
      long orders = 0;
      for (JsonNode w : all.path("windows")) {
        merged.add(w.toString());
        orders += w.path("orders").asLong();
      }
      Set<String> union = new TreeSet<>();
      for (String c : categories()) {
        JsonNode one =
            RestCluster.json(
                answers.get("/api/v1/sales/categories/" + enc(c) + "?" + salesRange()));
        one.path("windows").forEach(w -> union.add(w.toString()));
      }
      assertThat(merged).isEqualTo(union);
      assertThat(orders).as("every regular order in one window").isEqualTo(regularOrders());
      all.path("windows")
          .forEach(w -> assertThat(w.path("final").asBoolean()).as(w.toString()).isTrue());
    }
  }

  @Test
  @Order(3)
  void shouldServeInstancesHealthOpenApiAndTheMetricsContract() {
    JsonNode instances = json(cluster.get(b, "/api/v1/instances"));
    assertThat(instances.path("self").asText()).isEqualTo(b.rest().advertised());
    Set<String> servers = new TreeSet<>();
    instances.path("instances").forEach(n -> servers.add(n.path("server").asText()));
    assertThat(servers).containsExactlyInAnyOrder(a.rest().advertised(), b.rest().advertised());

    assertThat(cluster.get(a, "/health/live").statusCode()).isEqualTo(200);
    assertThat(
            json(cluster.get(a, "/api/v1/openapi.json"))
                .path("paths")
                .has("/api/v1/candles/{coin}"))
        .isTrue();

    String quotes = cluster.catalog.name(HopperTopic.CRYPTO_QUOTES);
    String enriched = cluster.catalog.name(HopperTopic.SHOP_ORDERS_ENRICHED);
    double in = 0;
    double out = 0;
    for (QueryableApp i : List.of(a, b)) {
      String metrics = cluster.get(i, "/metrics").body();
      assertThat(metrics)
          .contains(
              "hopper_validation_rejected_total{rule=\"UNIT_PRICE_POSITIVE\",source=\"orders\"}",
              "hopper_late_records_dropped_total{operator=\"candles-1m\"}",
              "hopper_end_to_end_latency_seconds_bucket{le=",
              "hopper_state_store_bytes{store=\"latest-quotes\"}",
              "http_server_requests_seconds_bucket{method=\"GET\",status=\"200\",uri=\"/api/v1/quotes/{coin}\"",
              "kafka_stream_thread_process_rate{",
              "kafka_stream_thread_process_total{",
              "kafka_consumer_fetch_manager_records_lag_max{",
              "jvm_memory_used_bytes{",
              // every store type's metrics, under one set of labels
              "store_type=\"rocksdb\"",
              "store_type=\"rocksdb-window\"");
      in += sample(metrics, "hopper_records_in_total{topic=\"" + quotes + "\"}");
      out += sample(metrics, "hopper_records_out_total{topic=\"" + enriched + "\"}");
    }
    assertThat(in)
        .as("quotes read, over both instances")
        .isGreaterThanOrEqualTo(data.quotes().size());
    assertThat(out)
        .as("enriched orders written, over both instances")
        .isGreaterThanOrEqualTo(regularOrders());
  }

  private static double sample(String metrics, String series) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    throw new AssertionError("no series " + series);
  }

  @Test
  @Order(4)
  void shouldAnswerOnly400Or404ToMalformedRequests() {
    SplittableRandom random = new SplittableRandom(2024);
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (int n = 0; n < 2500; n++) {
      String path = Fuzz.malformed(random);
      HttpResponse<String> r = cluster.get(n % 2 == 0 ? a : b, path);
      statuses.merge(r.statusCode(), 1, Integer::sum);
      assertThat(r.statusCode()).as(path + " -> " + r.body()).isIn(400, 404);
      JsonNode body = json(r);
      assertThat(body.path("error").asText()).as(path).isNotBlank();
      assertThat(body.path("message").asText()).as(path).doesNotContain("\tat ", "Exception");
    }
    assertThat(statuses).containsKeys(400, 404);
    LOG.info("Fuzz: 2500 malformed requests answered {}", statuses);
  }

  @Test
  @Order(5)
  void shouldAnswerCorrectlyOr503WhileAnInstanceStopsAndEverythingAfterTheRebalance()
      throws Exception {
    List<String> paths = new ArrayList<>(answers.keySet());
    AtomicBoolean stopping = new AtomicBoolean(true);
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    CompletableFuture<Void> hammer =
        CompletableFuture.runAsync(
            () -> {
              int i = 0;
              while (stopping.get() || i < paths.size()) {
                String path = paths.get(i++ % paths.size());
                HttpResponse<String> r = cluster.get(a, path);
                synchronized (statuses) {
                  statuses.merge(r.statusCode(), 1, Integer::sum);
                }
                if (r.statusCode() == 200) {
                  if (!r.body().equals(answers.get(path))) {
                    problems.add("wrong answer for " + path + ": " + r.body());
                  }
                } else if (r.statusCode() == 503) {
                  if (r.headers().firstValue("Retry-After").isEmpty()) {
                    problems.add("503 without Retry-After for " + path);
                  }
                } else {
                  problems.add(r.statusCode() + " for " + path + ": " + r.body());
                }
              }
            });

    // When b stops (it leaves the group; its partitions move to a and are restored there)
    b.close();
    bStopped = true;
    // Then a answers every key itself again, once the rebalance and the restore are done
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              for (String path : paths) {
                HttpResponse<String> r = cluster.get(a, path);
                assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
                assertThat(r.headers().firstValue(RestServer.SERVED_BY))
                    .contains(a.rest().advertised());
                assertThat(r.body()).as(path).isEqualTo(answers.get(path));
              }
            });
    stopping.set(false);
    hammer.get();

    LOG.info("While b stopped and after, a answered {}", statuses);
    assertThat(problems).as("never a wrong answer, never a 500").isEmpty();
    assertThat(statuses.keySet()).isSubsetOf(200, 503);
    JsonNode quotes = json(cluster.get(a, "/api/v1/quotes/latest"));
    assertThat(quotes.path("partial").asBoolean()).isFalse();
    assertThat(quotes.path("quotes")).hasSize(expectedLatestQuotes().size());
  }
}

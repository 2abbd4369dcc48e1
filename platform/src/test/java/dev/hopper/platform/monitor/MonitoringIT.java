package dev.hopper.platform.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hopper.config.LayeredConfig;
import dev.hopper.connect.ConnectRestClient;
import dev.hopper.connect.SinkConnector;
import dev.hopper.connect.SinkConnectors;
import dev.hopper.connect.SinkDeployer;
import dev.hopper.connect.SinkOverlay;
import dev.hopper.platform.EmbeddedPlatform;
import dev.hopper.platform.SharedPlatform;
import dev.hopper.producers.generate.DataGenerator;
import dev.hopper.producers.generate.GeneratedData;
import dev.hopper.producers.generate.GeneratorConfig;
import dev.hopper.producers.generate.RecordLabel;
import dev.hopper.producers.kafka.HopperProducer;
import dev.hopper.producers.kafka.RecordPublisher;
import dev.hopper.streams.config.RegistrySerdeFactory;
import dev.hopper.streams.config.StreamsSettings;
import dev.hopper.streams.rest.QueryableApp;
import dev.hopper.topics.HopperTopic;
import dev.hopper.topics.TopicAdmin;
import dev.hopper.topics.TopicCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring endpoints and page of a real app instance on the embedded platform, with a bearer
 * token configured. A backlog is produced and the app's group is pointed at its start before the
 * app runs: the endpoints first show the backlog as lag, then the lag falling to zero as the app
 * catches up, the topics with their exact offsets, rates and sizes, the app's threads, tasks and
 * stores, every bad record counted as a dead letter, the subjects, and a MongoDB sink deployed for
 * this test with its own group. Last, headless Chromium renders the page (skipped, with a message,
 * where Chromium is not installed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringIT {
  private static final Logger LOG = LoggerFactory.getLogger(MonitoringIT.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PARTITIONS = 2;
  private static final String TOKEN = "monitoring-it-token-0123456789";
  private static final List<HopperTopic> GROUP_INPUTS =
      List.of(
          HopperTopic.CRYPTO_QUOTES,
          HopperTopic.SHOP_ORDERS,
          HopperTopic.SHOP_PAYMENTS,
          HopperTopic.SHOP_PRODUCTS);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private EmbeddedPlatform platform;
  private String prefix;
  private Map<String, String> flags;
  private TopicCatalog catalog;
  private GeneratedData data;
  private Path stateDir;
  private QueryableApp app;
  private String sinkName;

  @BeforeAll
  void produceABacklogAndCreateTheApp() throws Exception {
    platform = SharedPlatform.get();
    prefix = "mon-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    flags = new LinkedHashMap<>();
    for (HopperTopic t : HopperTopic.values()) {
      flags.put("hopper.topic." + t.configId() + ".name", prefix + t.defaultName());
    }
    flags.put("hopper.topic.partitions", Integer.toString(PARTITIONS));
    flags.putAll(platform.clientConfig());
    catalog = TopicCatalog.from(LayeredConfig.builder().flags(flags).build());
    data =
        DataGenerator.generate(
            GeneratorConfig.builder()
                .seed(9)
                .orders(240)
                .products(30)
                .customers(80)
                .badRatio(0.05)
                .trailers(false)
                .partitions(PARTITIONS)
                .build());
    String applicationId = prefix + "app";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
      TopicAdmin.ensureTopics(admin, catalog.all());
      try (HopperProducer producer =
          HopperProducer.create(LayeredConfig.builder().flags(flags).build(), "monitoring-it")) {
        RecordPublisher.publish(data.records(), producer);
      }
      // The app's group starts at offset 0 of its inputs: the backlog is lag before it runs.
      Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
      for (HopperTopic t : GROUP_INPUTS) {
        for (int p = 0; p < PARTITIONS; p++) {
          start.put(new TopicPartition(catalog.name(t), p), new OffsetAndMetadata(0));
        }
      }
      admin.alterConsumerGroupOffsets(applicationId, start).all().get();
    }
    stateDir = Files.createTempDirectory("monitoring-it-");
    Map<String, String> appFlags = new LinkedHashMap<>(flags);
    appFlags.put("application.id", applicationId);
    appFlags.put("state.dir", stateDir.toString());
    appFlags.put("num.stream.threads", "1");
    appFlags.put("commit.interval.ms", "100");
    appFlags.put("statestore.cache.max.bytes", Long.toString(1L << 20));
    appFlags.put("hopper.rocksdb.memory.mb", "32");
    appFlags.put("hopper.quotes.max.wait", "10s");
    appFlags.put("hopper.rest.port", "0");
    appFlags.put("hopper.rest.token", TOKEN);
    appFlags.put("hopper.monitor.sample.interval", "1s");
    StreamsSettings settings =
        StreamsSettings.from(
                LayeredConfig.builder()
                    .defaults(StreamsSettings.defaults())
                    .flags(appFlags)
                    .build())
            .withPartitions(PARTITIONS, PARTITIONS);
    app = QueryableApp.create(settings, new RegistrySerdeFactory(settings.streamsProperties()));
  }

  @AfterAll
  void stop() throws Exception {
    if (sinkName != null) {
      HttpResponse<String> deleted =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(platform.connectUrl().orElseThrow() + "/connectors/" + sinkName))
                  .DELETE()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      LOG.info("Deleted connector {}: HTTP {}", sinkName, deleted.statusCode());
    }
    if (app != null) {
      app.close();
    }
    if (stateDir != null) {
      EmbeddedPlatform.deleteRecursively(stateDir);
    }
  }

  // --------------------------------------------------------------------------------- the tests

  @Test
  @Order(1)
  void shouldShowTheBacklogAsLagAndExactOffsetsBeforeTheAppRuns() {
    long backlog = 0;
    for (HopperTopic t : GROUP_INPUTS) {
      backlog += data.records(t).size();
    }
    long expectedBacklog = backlog;
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              JsonNode group = group(get("/api/v1/monitor/groups"), prefix + "app");
              assertThat(group.path("kind").asText()).isEqualTo("streams-app");
              assertThat(group.path("lag").asLong()).isEqualTo(expectedBacklog);
              JsonNode orders = topicLag(group, catalog.name(HopperTopic.SHOP_ORDERS));
              assertThat(orders.path("lag").asLong())
                  .isEqualTo(data.records(HopperTopic.SHOP_ORDERS).size());
              assertThat(orders.path("partitions")).hasSize(PARTITIONS);
            });

    JsonNode topics = get("/api/v1/monitor/topics");
    assertThat(topics.path("errors")).isEmpty();
    for (HopperTopic t : HopperTopic.values()) {
      JsonNode topic = topic(topics, catalog.name(t));
      assertThat(topic.path("role").asText()).isEqualTo(t.role().name());
      assertThat(topic.path("internal").asBoolean()).isFalse();
      assertThat(topic.path("partitions").asInt()).isEqualTo(PARTITIONS);
      assertThat(topic.path("partitionOffsets")).hasSize(PARTITIONS);
      if (t.role() == HopperTopic.Role.INPUT || t.role() == HopperTopic.Role.TABLE) {
        // Written without transactions: one offset per record.
        assertThat(topic.path("endOffset").asLong()).as(t.name()).isEqualTo(data.records(t).size());
        assertThat(topic.path("sizeBytes").asLong()).as(t.name()).isPositive();
      } else {
        assertThat(topic.path("endOffset").asLong()).as(t.name()).isZero();
      }
    }
    JsonNode streams = get("/api/v1/monitor/streams");
    assertThat(streams.path("state").asText()).isEqualTo("CREATED");
    streams
        .path("threads")
        .forEach(
            t -> {
              assertThat(t.path("state").asText()).isEqualTo("CREATED");
              assertThat(t.path("activeTasks")).isEmpty();
            });
  }

  @Test
  @Order(2)
  void shouldShowTheLagFallingToZeroAsTheAppCatchesUp() {
    app.start();
    List<Long> lags = new ArrayList<>();
    // Caught up: no lag left on any partition the group reads, internal topics included.
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              JsonNode group = group(get("/api/v1/monitor/groups"), prefix + "app");
              long lag = group.path("lag").asLong(-1);
              if (lags.isEmpty() || lags.get(lags.size() - 1) != lag) {
                lags.add(lag);
              }
              for (HopperTopic t : GROUP_INPUTS) {
                assertThat(topicLag(group, catalog.name(t)).path("lag").asLong())
                    .as(t.name())
                    .isZero();
              }
              assertThat(group.path("lag").asLong()).as(group.toString()).isZero();
              assertThat(group.path("state").asText()).isEqualTo("STABLE");
              assertThat(group.path("members").asInt()).isEqualTo(1);
            });
    LOG.info("Lag of the app's group as sampled: {}", lags);
    assertThat(lags.get(0)).as("the backlog, then the app catching up").isPositive();

    // The outputs (valued orders wait for the quotes of their time, at most 10 s here).
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(
                        topic(
                                get("/api/v1/monitor/topics"),
                                catalog.name(HopperTopic.SHOP_ORDERS_ENRICHED))
                            .path("endOffset")
                            .asLong())
                    .isPositive());
    JsonNode topics = get("/api/v1/monitor/topics");
    JsonNode enriched = topic(topics, catalog.name(HopperTopic.SHOP_ORDERS_ENRICHED));
    assertThat(enriched.path("offsetsPerSecond").asDouble())
        .as("the outputs grew within the rate window")
        .isPositive();
    assertThat(
            topic(topics, catalog.name(HopperTopic.SHOP_ORDERS))
                .path("offsetsPerSecond")
                .asDouble())
        .as("the inputs did not grow since the monitor started")
        .isZero();
    List<String> internalRoles = new ArrayList<>();
    topics
        .path("topics")
        .forEach(
            t -> {
              if (t.path("internal").asBoolean()) {
                assertThat(t.path("name").asText()).startsWith(prefix + "app-");
                internalRoles.add(t.path("role").asText());
              }
            });
    assertThat(internalRoles).contains("REPARTITION", "CHANGELOG");

    JsonNode streams = get("/api/v1/monitor/streams");
    assertThat(streams.path("state").asText()).isEqualTo("RUNNING");
    assertThat(streams.path("applicationId").asText()).isEqualTo(prefix + "app");
    assertThat(streams.path("instance").asText()).isEqualTo(app.rest().advertised());
    assertThat(streams.path("threads")).hasSize(1);
    JsonNode thread = streams.path("threads").get(0);
    assertThat(thread.path("state").asText()).isEqualTo("RUNNING");
    assertThat(thread.path("activeTasks")).isNotEmpty();
    List<String> stores = new ArrayList<>();
    streams.path("stores").forEach(s -> stores.add(s.path("name").asText()));
    assertThat(stores).contains("candles-1m", "latest-quotes", "customer-stats");

    // Every bad record became exactly one dead letter (exactly once); this instance counted them.
    long bad = data.withLabel(RecordLabel.BAD).size();
    assertThat(bad).isPositive();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode quality = get("/api/v1/monitor/quality");
              assertThat(quality.path("deadLetters").path("topic").asText())
                  .isEqualTo(catalog.name(HopperTopic.REJECTED));
              assertThat(quality.path("deadLetters").path("records").asLong()).isEqualTo(bad);
              assertThat(quality.path("deadLetters").path("caughtUp").asBoolean()).isTrue();
              assertThat(quality.path("rejectedOnThisInstance").asLong())
                  .isGreaterThanOrEqualTo(bad);
              assertThat(quality.path("rejectedBySource").path("orders")).isNotEmpty();
            });

    JsonNode schemas = get("/api/v1/monitor/schemas");
    JsonNode orderSubject = null;
    for (JsonNode s : schemas.path("subjects")) {
      if (s.path("subject").asText().equals(catalog.name(HopperTopic.SHOP_ORDERS) + "-value")) {
        orderSubject = s;
      }
    }
    assertThat(orderSubject).as(schemas.toString()).isNotNull();
    assertThat(orderSubject.path("topic").asText())
        .isEqualTo(catalog.name(HopperTopic.SHOP_ORDERS));
    assertThat(orderSubject.path("versions")).isNotEmpty();
  }

  @Test
  @Order(3)
  void shouldShowASinkConnectorItsTasksAndItsGroupCatchingUp() throws Exception {
    Map<String, String> sinkFlags = new LinkedHashMap<>(flags);
    sinkFlags.put("hopper.connect.name.prefix", prefix);
    sinkFlags.put("hopper.connect.set.database", "monitoring_it");
    SinkOverlay overlay = SinkOverlay.from(LayeredConfig.builder().flags(sinkFlags).build());
    SinkConnector candles =
        SinkConnectors.shipped().stream()
            .filter(c -> c.topic() == HopperTopic.CRYPTO_CANDLES)
            .map(overlay::apply)
            .findFirst()
            .orElseThrow();
    sinkName = candles.name();
    new SinkDeployer(
            new ConnectRestClient(platform.connectUrl().orElseThrow()),
            platform.mongoUri().orElseThrow(),
            Duration.ofSeconds(60))
        .deploy(List.of(candles));
    String candleTopic = catalog.name(HopperTopic.CRYPTO_CANDLES);

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              JsonNode connect = get("/api/v1/monitor/connectors");
              assertThat(connect.path("configured").asBoolean()).isTrue();
              assertThat(connect.path("reachable").asBoolean()).isTrue();
              JsonNode mine = null;
              for (JsonNode c : connect.path("connectors")) {
                if (c.path("name").asText().equals(sinkName)) {
                  mine = c;
                }
              }
              assertThat(mine).as(connect.toString()).isNotNull();
              assertThat(mine.path("state").asText()).isEqualTo("RUNNING");
              assertThat(mine.path("tasks")).isNotEmpty();
              mine.path("tasks")
                  .forEach(t -> assertThat(t.path("state").asText()).isEqualTo("RUNNING"));
              assertThat(mine.path("group").asText()).isEqualTo("connect-" + sinkName);

              JsonNode group = group(get("/api/v1/monitor/groups"), "connect-" + sinkName);
              assertThat(group.path("kind").asText()).isEqualTo("connect-sink");
              JsonNode lag = topicLag(group, candleTopic);
              // The sink commits the offset after its last record; the app writes candles in
              // transactions, whose commit marker follows: at most one marker per partition.
              assertThat(lag.path("lag").asLong()).isLessThanOrEqualTo(PARTITIONS);
              for (JsonNode p : lag.path("partitions")) {
                assertThat(p.path("committed").asLong()).isPositive();
              }
            });
  }

  @Test
  @Order(4)
  void shouldRenderLiveCandlesTopicsAndLagInHeadlessChromium() throws Exception {
    Optional<HeadlessChromium.Install> install = HeadlessChromium.find();
    if (install.isEmpty()) {
      String reason =
          "SKIPPED the monitoring page's browser test: Chromium and chromedriver are not installed"
              + " (Debian: apt-get install chromium chromium-driver; or set CHROMIUM_BIN and"
              + " CHROMEDRIVER_BIN)";
      LOG.warn(reason);
      System.err.println(reason);
      Assumptions.abort(reason);
    }
    long bad = data.withLabel(RecordLabel.BAD).size();
    try (HeadlessChromium chromium = HeadlessChromium.start(install.get(), 1400, 2300)) {
      ChromeDriver browser = chromium.driver();
      browser.get(app.url() + "/");
      // A token is configured: the page asks for it once, then sends it on every request.
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> browser.findElement(By.id("auth")).isDisplayed());
      browser.findElement(By.id("token")).sendKeys(TOKEN);
      browser.findElement(By.cssSelector("#auth button[type=submit]")).click();

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                WebElement candles = browser.findElement(By.id("candles-chart"));
                assertThat(Integer.parseInt(candles.getAttribute("data-candles"))).isPositive();
                assertThat(candlePixels(browser)).as("candle bodies drawn").isGreaterThan(100);
                assertThat(
                        Integer.parseInt(
                            browser.findElement(By.id("sales-chart")).getAttribute("data-windows")))
                    .isPositive();
                List<String> rows = new ArrayList<>();
                browser
                    .findElements(By.cssSelector("#topics tbody tr"))
                    .forEach(r -> rows.add(r.getAttribute("data-topic")));
                assertThat(rows).hasSize(HopperTopic.values().length);
                assertThat(rows)
                    .contains(
                        catalog.name(HopperTopic.SHOP_ORDERS),
                        catalog.name(HopperTopic.CRYPTO_CANDLES));
                WebElement lag =
                    browser.findElement(
                        By.cssSelector("#groups tr[data-group='" + prefix + "app'] td[data-lag]"));
                assertThat(lag.getAttribute("data-lag")).isEqualTo("0");
                assertThat(lag.getText()).startsWith("0");
                assertThat(
                        browser
                            .findElement(By.id("dead-letters"))
                            .getAttribute("data-dead-letters"))
                    .isEqualTo(Long.toString(bad));
                assertThat(browser.findElement(By.id("streams-state")).getText())
                    .isEqualTo("RUNNING");
              });
      Path screenshot = Path.of("target", "monitor-page.png").toAbsolutePath();
      chromium.screenshot(screenshot);
      LOG.info("Screenshot of the monitoring page: {}", screenshot);

      List<String> errors = new ArrayList<>();
      browser
          .findElements(By.cssSelector(".error"))
          .forEach(
              e -> {
                if (!e.getText().isBlank()) {
                  errors.add(e.getAttribute("id") + ": " + e.getText());
                }
              });
      assertThat(errors).as("sections showing an error").isEmpty();
      List<String> severe = new ArrayList<>();
      for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
        // The requests made before the token was entered are refused, as they must be.
        if (entry.getLevel() == Level.SEVERE && !entry.getMessage().contains("401")) {
          severe.add(entry.getMessage());
        }
      }
      assertThat(severe).as("errors in the browser console").isEmpty();
    }
  }

  /** Pixels of the candle chart's canvas in the candles' green or red. */
  private static long candlePixels(ChromeDriver browser) {
    Object n =
        browser.executeScript(
            "var c = document.querySelector('#candles-chart canvas');"
                + "if (!c) { return 0; }"
                + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "var n = 0;"
                + "for (var i = 0; i < d.length; i += 4) {"
                + "  var r = d[i], g = d[i + 1], b = d[i + 2], a = d[i + 3];"
                + "  if (a > 0 && ((g > r + 40 && g > b) || (r > g + 80 && r > b + 80))) { n++; }"
                + "}"
                + "return n;");
    return ((Number) n).longValue();
  }

  // ---------------------------------------------------------------------------------- helpers

  private JsonNode get(String path) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(app.url() + path))
                  .header("Authorization", "Bearer " + TOKEN)
                  .timeout(Duration.ofSeconds(20))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode group(JsonNode groups, String id) {
    for (JsonNode g : groups.path("groups")) {
      if (g.path("groupId").asText().equals(id)) {
        return g;
      }
    }
    throw new AssertionError("no group " + id + " in " + groups);
  }

  private static JsonNode topicLag(JsonNode group, String topic) {
    for (JsonNode t : group.path("topics")) {
      if (t.path("topic").asText().equals(topic)) {
        return t;
      }
    }
    throw new AssertionError("no lag on " + topic + " in " + group);
  }

  private static JsonNode topic(JsonNode topics, String name) {
    for (JsonNode t : topics.path("topics")) {
      if (t.path("name").asText().equals(name)) {
        return t;
      }
    }
    throw new AssertionError("no topic " + name + " in " + topics);
  }
}

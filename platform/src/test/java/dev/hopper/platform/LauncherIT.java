package dev.hopper.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher started as a user starts it: {@code java -jar platform/target/hopper-platform.jar}.
 */
class LauncherIT {
  private static final Path JAR = Path.of("target", "hopper-platform.jar");

  private static Process launch(Path dataDir, Path log, String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("--services-only"));
    args.addAll(List.of(extra));
    return launchPipeline(dataDir, log, args.toArray(String[]::new));
  }

  private static Process launchPipeline(Path dataDir, Path log, String... extra)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    command.add("--data-dir");
    command.add(dataDir.toString());
    command.addAll(List.of(extra));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static String read(Path log) throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  @Test
  void shouldRunTheWholePipelineAnswerQueriesSinkToMongoAndStopOnSigterm(@TempDir Path dir)
      throws Exception {
    int rest = Ports.freePort();
    int mongo = Ports.freePort();
    Path log = dir.resolve("pipeline.log");
    Process process =
        launchPipeline(
            dir.resolve("data"),
            log,
            "--kafka-port",
            Integer.toString(Ports.freePort()),
            "--mongo-port",
            Integer.toString(mongo),
            "--connect-port",
            Integer.toString(Ports.freePort()),
            "--registry-port",
            Integer.toString(Ports.freePort()),
            "--rest-port",
            Integer.toString(rest));
    String api = "http://127.0.0.1:" + rest + "/api/v1";
    HttpClient http = HttpClient.newHttpClient();
    try {
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> read(log).contains("The pipeline is running") || !process.isAlive());
      assertThat(read(log)).contains("curl '" + api + "/quotes/bitcoin?vs=usd'");

      // Quotes, candles and sales windows are queryable while the pipeline runs.
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                HttpResponse<String> quote = get(http, api + "/quotes/bitcoin?vs=usd");
                assertThat(quote.statusCode()).isEqualTo(200);
                assertThat(quote.body()).contains("\"coinId\":\"bitcoin\"");
                assertThat(get(http, api + "/candles/bitcoin?vs=usd&interval=1m").body())
                    .contains("\"windowStart\"");
                assertThat(get(http, api + "/sales/categories?interval=1m").body())
                    .contains("\"category\"");
              });
      // And enriched orders reach MongoDB through the sink connectors.
      try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongo)) {
        await()
            .atMost(Duration.ofSeconds(90))
            .untilAsserted(
                () ->
                    assertThat(
                            client
                                .getDatabase("hopper")
                                .getCollection("enriched_orders")
                                .countDocuments())
                        .isPositive());
      }

      process.destroy(); // SIGTERM
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s").isTrue();
      assertThat(process.exitValue()).isZero();
      assertThat(read(log)).contains("Stopped.");
    } finally {
      process.destroyForcibly();
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldRefuseATakenPortWithOneClearLine(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Path log = dir.resolve("out.log");
      Process process =
          launch(
              dir.resolve("data"),
              log,
              "--kafka-port",
              Integer.toString(taken.getLocalPort()),
              "--mongo-port",
              "0",
              "--connect-port",
              "0",
              "--registry-port",
              "0");

      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(1);
      assertThat(read(log).strip())
          .isEqualTo(
              "hopper-platform: Port "
                  + taken.getLocalPort()
                  + " (Kafka) is already in use on 127.0.0.1: stop the process holding it, or"
                  + " choose another port");
    }
  }

  @Test
  void shouldStartServicesStopOnSigtermWithStatusZeroAndKeepDataOnRestart(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("data");
    String[] ports = {
      "--kafka-port", Integer.toString(Ports.freePort()),
      "--mongo-port", Integer.toString(Ports.freePort()),
      "--connect-port", Integer.toString(Ports.freePort()),
      "--registry-port", Integer.toString(Ports.freePort())
    };
    Path log1 = dir.resolve("first.log");
    Process first = launch(data, log1, ports);
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> read(log1).contains("Ctrl-C stops everything") || !first.isAlive());
      assertThat(read(log1))
          .contains(
              "Hopper services are up", "Kafka", "Schema Registry", "MongoDB", "Kafka Connect");

      first.destroy(); // SIGTERM
      assertThat(first.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s").isTrue();
      assertThat(first.exitValue()).isZero();
      assertThat(read(log1)).contains("Stopped.");
    } finally {
      first.destroyForcibly();
    }
    assertThat(data.resolve("kafka").resolve("node-1").resolve("meta.properties")).exists();
    assertThat(data.resolve("mongo").resolve("hopper.mv")).exists();

    Path log2 = dir.resolve("second.log");
    Process second = launch(data, log2, ports);
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> read(log2).contains("Ctrl-C stops everything") || !second.isAlive());
      assertThat(read(log2)).contains("Hopper services are up").doesNotContain("Exception");
      second.destroy();
      assertThat(second.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).isZero();
    } finally {
      second.destroyForcibly();
    }
  }
}

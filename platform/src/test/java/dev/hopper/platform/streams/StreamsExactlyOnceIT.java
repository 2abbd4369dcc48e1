package dev.hopper.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hopper.platform.EmbeddedPlatform;
import dev.hopper.platform.SharedPlatform;
import dev.hopper.producers.generate.GeneratedData;
import dev.hopper.producers.generate.GeneratedRecord;
import dev.hopper.topics.HopperTopic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once for real: {@code hopper-streams.jar} runs as its own process with a long commit
 * interval while the input keeps arriving, and is killed with SIGKILL twice while one of its
 * transactions is open (a read_uncommitted reader sees records a read_committed one does not), then
 * restarted on the same state directory. Every output must still equal the offline recomputation,
 * with no duplicate.
 */
class StreamsExactlyOnceIT {
  private static final Path JAR = Path.of("..", "streams-app", "target", "hopper-streams.jar");

  @TempDir Path dir;

  private Process start(StreamsFixture f, String applicationId, int run) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-jar");
    command.add(JAR.toAbsolutePath().normalize().toString());
    Map<String, String> flags = StreamsBacklogIT.appFlags(f, applicationId, dir.resolve("state"));
    flags.put("num.stream.threads", "1");
    flags.put("commit.interval.ms", "4000");
    flags.put("session.timeout.ms", "6000");
    flags.put("heartbeat.interval.ms", "1500");
    flags.forEach(
        (k, v) -> {
          command.add("-D");
          command.add(k + "=" + v);
        });
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("app-" + run + ".log").toFile())
        .start();
  }

  /** Whether a transaction of the app is open on {@code topic}: its LSO is behind its end. */
  private static boolean transactionOpen(StreamsFixture f, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, f.bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, byte[]> committed =
            new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        KafkaConsumer<String, byte[]> uncommitted =
            new KafkaConsumer<>(
                Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    f.bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_uncommitted"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      committed
          .partitionsFor(topic)
          .forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
      Map<TopicPartition, Long> lso = committed.endOffsets(parts);
      Map<TopicPartition, Long> end = uncommitted.endOffsets(parts);
      return parts.stream().anyMatch(tp -> lso.get(tp) < end.get(tp));
    }
  }

  private static long committedCount(StreamsFixture f, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, f.bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      c.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
      return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  @Test
  void shouldStayExactWhenKilledTwiceWithATransactionOpen() throws Exception {
    assertThat(JAR).as("build streams-app first").exists();
    EmbeddedPlatform platform = SharedPlatform.get();
    StreamsFixture f =
        new StreamsFixture(
            platform.bootstrapServers(),
            platform.schemaRegistryUrl().orElseThrow(),
            "eos-" + UUID.randomUUID().toString().substring(0, 8) + ".");
    GeneratedData data = StreamsFixture.generate(11, 2000);
    ExpectedOutputs expected = ExpectedOutputs.compute(data.records(), StreamsFixture.PARTITIONS);
    f.createTopics();
    // The sinks read committed records only: aborted transactions must leave no trace in MongoDB.
    String database = MongoSinks.deploy(platform, f);

    // Reference data and quotes first, then orders and payments keep arriving during the test
    List<GeneratedRecord> all = data.records();
    int firstOrder = 0;
    while (firstOrder < all.size()
        && all.get(firstOrder).topic() != HopperTopic.SHOP_ORDERS
        && all.get(firstOrder).topic() != HopperTopic.SHOP_PAYMENTS) {
      firstOrder++;
    }
    f.produce(all.subList(0, firstOrder));
    List<GeneratedRecord> rest = all.subList(firstOrder, all.size());
    CompletableFuture<Void> feeding =
        CompletableFuture.runAsync(
            () -> {
              int chunk = Math.max(1, rest.size() / 60);
              try {
                for (int i = 0; i < rest.size(); i += chunk) {
                  f.produce(rest.subList(i, Math.min(rest.size(), i + chunk)));
                  TimeUnit.MILLISECONDS.sleep(1000); // the feed's pace, not a test wait
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });

    String applicationId = "eos-it-" + UUID.randomUUID();
    String enriched = f.topic(HopperTopic.SHOP_ORDERS_ENRICHED);
    for (int run = 1; run <= 2; run++) {
      Process app = start(f, applicationId, run);
      long committedBefore = committedCount(f, enriched);
      try {
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    committedCount(f, enriched) > committedBefore && transactionOpen(f, enriched));
      } catch (RuntimeException e) {
        app.destroyForcibly();
        throw new AssertionError(
            "no open transaction seen; app log:\n"
                + Files.readString(dir.resolve("app-" + run + ".log")),
            e);
      }
      app.destroyForcibly(); // SIGKILL, with a transaction open
      assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    Process last = start(f, applicationId, 3);
    try {
      feeding.get(3, TimeUnit.MINUTES);
      StreamsBacklogIT.awaitOutput(f, HopperTopic.SHOP_ORDERS_ENRICHED, expected.enriched);
      StreamsBacklogIT.awaitOutput(f, HopperTopic.SHOP_ORDERS_PAYMENT_STATUS, expected.payments);
      StreamsBacklogIT.awaitOutput(f, HopperTopic.SHOP_SALES_BY_CATEGORY, expected.sales);
      StreamsBacklogIT.awaitOutput(f, HopperTopic.CRYPTO_CANDLES, expected.candles);
      StreamsBacklogIT.awaitOutput(f, HopperTopic.CRYPTO_PRICE_MOVES, expected.moves);
      assertThat(f.readAll(HopperTopic.REJECTED, true)).hasSize((int) expected.rejectedTotal);
      MongoSinks.awaitExactly(platform, database, "enriched_orders", expected.enriched);
      MongoSinks.awaitExactly(platform, database, "order_payments", expected.payments);
      MongoSinks.awaitExactly(platform, database, "category_sales", expected.sales);
      MongoSinks.awaitExactly(platform, database, "candles", expected.candles);
      MongoSinks.awaitExactly(platform, database, "price_moves", expected.moves);
    } finally {
      last.destroy(); // SIGTERM: clean shutdown
      if (!last.waitFor(60, TimeUnit.SECONDS)) {
        last.destroyForcibly();
      }
    }
    assertThat(last.exitValue()).as("exit code after SIGTERM").isIn(0, 143);
  }
}

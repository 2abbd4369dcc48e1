package dev.hopper.platform.producers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hopper.avro.Order;
import dev.hopper.avro.RejectedRecord;
import dev.hopper.platform.EmbeddedPlatform;
import dev.hopper.platform.SharedPlatform;
import dev.hopper.producers.Main;
import dev.hopper.producers.csv.CsvOrderWriter;
import dev.hopper.producers.generate.DataGenerator;
import dev.hopper.producers.generate.GeneratedData;
import dev.hopper.producers.generate.GeneratedRecord;
import dev.hopper.producers.generate.GeneratorConfig;
import dev.hopper.producers.generate.RecordLabel;
import dev.hopper.registry.serde.SpecificAvroDeserializer;
import dev.hopper.topics.HopperTopic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The producers against a real broker and a real registry over HTTP: what {@code generate} sends is
 * read back and decoded exactly as the generator library made it, partition by partition and in
 * order; a CSV replayed twice gives the same keys, and its bad rows reach {@code hopper.rejected}.
 */
class ProducersIT {

  private static EmbeddedPlatform platform;
  private static String registryUrl;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    platform = SharedPlatform.get();
    registryUrl = platform.schemaRegistryUrl().orElseThrow();
  }

  /** Flags giving every topic a name of its own for one test. */
  private static List<String> topicFlags(String prefix) {
    List<String> flags = new ArrayList<>();
    for (HopperTopic t : HopperTopic.values()) {
      flags.add("--set");
      flags.add("hopper.topic." + t.configId() + ".name=" + prefix + t.defaultName());
    }
    return flags;
  }

  private static String cli(List<String> args) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("-b", platform.bootstrapServers(), "-r", registryUrl));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            all.toArray(String[]::new),
            Map.of(),
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).as("exit code; stderr: %s", err).isZero();
    return out.toString();
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(List<String> topics, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "producers-it-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(topics);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(10))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= expected;
              });
      // Nothing more than expected arrives.
      consumer.poll(Duration.ofMillis(500)).forEach(out::add);
    }
    return out;
  }

  private static SpecificAvroDeserializer<SpecificRecord> deserializer() {
    SpecificAvroDeserializer<SpecificRecord> d = new SpecificAvroDeserializer<>();
    d.configure(Map.of("schema.registry.url", registryUrl, "specific.avro.reader", "true"), false);
    return d;
  }

  @Test
  void shouldReadBackExactlyWhatGenerateSent() {
    String prefix = "it-gen-" + System.nanoTime() + "-";
    Instant start = Instant.parse("2025-06-01T08:00:00Z");
    List<String> args =
        new ArrayList<>(
            List.of(
                "generate",
                "--orders",
                "400",
                "--seed",
                "11",
                "--bad-ratio",
                "0.1",
                "--late-ratio",
                "0.03",
                "--start",
                start.toString()));
    args.addAll(topicFlags(prefix));

    String summary = cli(args);

    GeneratedData expected =
        DataGenerator.generate(
            GeneratorConfig.builder()
                .seed(11)
                .orders(400)
                .start(start)
                .badRatio(0.1)
                .lateRatio(0.03)
                .disorderRatio(0.03)
                .partitions(3)
                .build());
    assertThat(summary).contains(String.format("Sent %,d records", expected.records().size()));
    List<HopperTopic> topics =
        List.of(
            HopperTopic.SHOP_PRODUCTS,
            HopperTopic.SHOP_CUSTOMERS,
            HopperTopic.CRYPTO_QUOTES,
            HopperTopic.SHOP_ORDERS,
            HopperTopic.SHOP_PAYMENTS);
    List<ConsumerRecord<String, byte[]>> actual =
        readAll(
            topics.stream().map(t -> prefix + t.defaultName()).toList(), expected.records().size());
    assertThat(actual).hasSize(expected.records().size());

    // Per topic and partition, the records arrive in the order they were generated.
    Map<String, List<GeneratedRecord>> wanted = new HashMap<>();
    for (GeneratedRecord r : expected.records()) {
      int partition = Utils.toPositive(Utils.murmur2(r.key().getBytes(StandardCharsets.UTF_8))) % 3;
      wanted
          .computeIfAbsent(
              prefix + r.topic().defaultName() + "/" + partition, k -> new ArrayList<>())
          .add(r);
    }
    Map<String, List<ConsumerRecord<String, byte[]>>> got = new HashMap<>();
    actual.forEach(
        r -> got.computeIfAbsent(r.topic() + "/" + r.partition(), k -> new ArrayList<>()).add(r));
    assertThat(got.keySet()).isEqualTo(wanted.keySet());
    SpecificAvroDeserializer<SpecificRecord> avro = deserializer();
    long poison = 0;
    for (Map.Entry<String, List<GeneratedRecord>> e : wanted.entrySet()) {
      List<ConsumerRecord<String, byte[]>> records = got.get(e.getKey());
      assertThat(records).as(e.getKey()).hasSameSizeAs(e.getValue());
      for (int i = 0; i < records.size(); i++) {
        GeneratedRecord want = e.getValue().get(i);
        ConsumerRecord<String, byte[]> have = records.get(i);
        assertThat(have.key()).isEqualTo(want.key());
        assertThat(have.timestamp()).isEqualTo(want.timestamp().toEpochMilli());
        if (want.isPoisonPill()) {
          poison++;
          assertThat(have.value()).isEqualTo(want.rawValue());
        } else {
          assertThat(have.value()[0]).as("Confluent magic byte").isZero();
          assertThat(avro.deserialize(have.topic(), have.value())).isEqualTo(want.value());
        }
      }
    }
    assertThat(poison).isPositive();
    assertThat(expected.withLabel(RecordLabel.LATE)).isNotEmpty();
  }

  @Test
  void shouldGiveTheSameKeysWhenACsvIsReplayedTwiceAndRejectItsBadRows() throws Exception {
    String prefix = "it-csv-" + System.nanoTime() + "-";
    GeneratedData data =
        DataGenerator.generate(
            GeneratorConfig.builder().seed(5).orders(300).badRatio(0.08).build());
    Path csv = dir.resolve("orders.csv");
    long rows;
    try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      rows = new CsvOrderWriter(w).writeAll(data.records().iterator());
    }
    List<String> args = new ArrayList<>(List.of("orders", "--csv", csv.toString()));
    args.addAll(topicFlags(prefix));

    String first = cli(args);
    String second = cli(args);

    assertThat(second).isEqualTo(first);
    long rejectedRows =
        Long.parseLong(first.replaceAll("(?s).*rejected (\\d+) rows.*", "$1").strip());
    long orders = rows - rejectedRows;
    assertThat(rejectedRows).isPositive();
    List<ConsumerRecord<String, byte[]>> sent =
        readAll(List.of(prefix + "shop.orders", prefix + "hopper.rejected"), (int) (2 * rows));
    SpecificAvroDeserializer<SpecificRecord> avro = deserializer();
    List<String> orderKeys =
        sent.stream()
            .filter(r -> r.topic().endsWith("shop.orders"))
            .map(ConsumerRecord::key)
            .toList();
    assertThat(orderKeys).hasSize((int) (2 * orders));
    assertThat(orderKeys.stream().distinct().count()).isEqualTo(orders);
    assertThat(
            orderKeys.stream()
                .collect(
                    java.util.stream.Collectors.groupingBy(
                        k -> k, java.util.stream.Collectors.counting()))
                .values())
        .allSatisfy(n -> assertThat(n).isEqualTo(2L));
    sent.stream()
        .filter(r -> r.topic().endsWith("shop.orders"))
        .map(r -> (Order) avro.deserialize(r.topic(), r.value()))
        .forEach(o -> assertThat(o.getOrderId()).startsWith("csv-"));
    List<RejectedRecord> rejected =
        sent.stream()
            .filter(r -> r.topic().endsWith("hopper.rejected"))
            .map(r -> (RejectedRecord) avro.deserialize(r.topic(), r.value()))
            .toList();
    assertThat(rejected).hasSize((int) (2 * rejectedRows));
    assertThat(rejected)
        .allSatisfy(
            r -> {
              assertThat(r.getSourceTopic()).isEqualTo("csv:orders.csv");
              assertThat(r.getLineNumber()).isNotNull().isGreaterThan(1L);
              assertThat(r.getRules()).singleElement().asString().startsWith("CSV_");
              assertThat(Objects.requireNonNull(r.getRawValue()).remaining()).isPositive();
            });
  }
}

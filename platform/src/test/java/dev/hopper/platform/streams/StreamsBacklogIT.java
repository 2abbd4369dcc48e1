package dev.hopper.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hopper.avro.CustomerStats;
import dev.hopper.avro.RejectedRecord;
import dev.hopper.config.LayeredConfig;
import dev.hopper.platform.EmbeddedPlatform;
import dev.hopper.platform.SharedPlatform;
import dev.hopper.platform.streams.StreamsFixture.KeyValueRecord;
import dev.hopper.producers.generate.GeneratedData;
import dev.hopper.streams.ApplicationReset;
import dev.hopper.streams.HopperStreamsApp;
import dev.hopper.streams.config.RegistrySerdeFactory;
import dev.hopper.streams.config.StreamsSettings;
import dev.hopper.streams.topology.Names;
import dev.hopper.streams.topology.validation.Source;
import dev.hopper.topics.HopperTopic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Metric;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real topology on the embedded platform, draining a pre-loaded backlog (bad, late and
 * disordered records included) on 3 partitions with 2 stream threads: every output must equal an
 * independent offline recomputation, with no duplicate and nothing on-time dropped.
 */
class StreamsBacklogIT {
  @TempDir Path state;

  static Map<String, String> appFlags(StreamsFixture f, String applicationId, Path stateDir) {
    Map<String, String> flags = new LinkedHashMap<>(f.topicFlags);
    flags.put("bootstrap.servers", f.bootstrap);
    flags.put("schema.registry.url", f.registryUrl);
    flags.put("application.id", applicationId);
    flags.put("state.dir", stateDir.toString());
    flags.put("num.stream.threads", "2");
    flags.put("hopper.quotes.max.wait", "30s");
    flags.put("hopper.rocksdb.memory.mb", "64");
    return flags;
  }

  @Test
  void shouldDrainBacklogExactlyAsTheOfflineRecomputation() throws Exception {
    EmbeddedPlatform platform = SharedPlatform.get();
    StreamsFixture f =
        new StreamsFixture(
            platform.bootstrapServers(),
            platform.schemaRegistryUrl().orElseThrow(),
            "backlog-" + UUID.randomUUID().toString().substring(0, 8) + ".");
    GeneratedData data = StreamsFixture.generate(7, 3000);
    ExpectedOutputs expected = ExpectedOutputs.compute(data.records(), StreamsFixture.PARTITIONS);
    assertFixtureCoversEveryCase(expected);

    // Given the whole input already in Kafka (a backlog)
    f.createTopics();
    f.produce(data.records());

    // When the app drains it with 2 threads
    StreamsSettings settings =
        StreamsSettings.from(
                LayeredConfig.builder()
                    .defaults(StreamsSettings.defaults())
                    .flags(appFlags(f, "backlog-it-" + UUID.randomUUID(), state))
                    .build())
            .withPartitions(StreamsFixture.PARTITIONS, StreamsFixture.PARTITIONS);
    try (HopperStreamsApp app =
        new HopperStreamsApp(settings, new RegistrySerdeFactory(settings.streamsProperties()))) {
      app.start();

      // Then every output equals the recomputation, once per key
      awaitOutput(f, HopperTopic.SHOP_ORDERS_ENRICHED, expected.enriched);
      awaitOutput(f, HopperTopic.SHOP_ORDERS_PAYMENT_STATUS, expected.payments);
      awaitOutput(f, HopperTopic.SHOP_SALES_BY_CATEGORY, expected.sales);
      awaitOutput(f, HopperTopic.CRYPTO_CANDLES, expected.candles);
      awaitOutput(f, HopperTopic.CRYPTO_PRICE_MOVES, expected.moves);
      List<KeyValueRecord<RejectedRecord>> rejected = f.readAll(HopperTopic.REJECTED, true);
      assertThat(rejected).hasSize((int) expected.rejectedTotal);

      // Counters: every rule, and late drops equal to the injected late records
      Map<String, Long> counted = new HashMap<>();
      for (Source source : Source.values()) {
        app.counters()
            .rejectedCounts(source)
            .forEach(
                (rule, n) -> {
                  if (n > 0) {
                    counted.put(source + "/" + rule, n);
                  }
                });
      }
      assertThat(counted).isEqualTo(expected.rejectedByRule);
      assertThat(app.counters().lateCount(Names.LATE_SALES)).isEqualTo(expected.lateOrders);
      assertThat(app.counters().lateCount(Names.LATE_PAYMENTS)).isEqualTo(expected.latePayments);
      assertThat(app.counters().lateCount(Names.LATE_PRICE_MOVES))
          .isEqualTo(expected.lateQuotesForMoves);
      assertThat(droppedRecords(app.streams())).isEqualTo((double) expected.candleDrops);

      // The customer stats store
      ReadOnlyKeyValueStore<String, CustomerStats> stats =
          app.streams()
              .store(
                  StoreQueryParameters.fromNameAndType(
                      Names.CUSTOMER_STATS_STORE, QueryableStoreTypes.keyValueStore()));
      expected.customerOrdersAndLastTime.forEach(
          (customer, ordersAndLast) -> {
            CustomerStats s = stats.get(customer);
            assertThat(s.getOrders()).as(customer).isEqualTo(ordersAndLast[0]);
            assertThat(s.getLastOrderTime().toEpochMilli()).isEqualTo(ordersAndLast[1]);
            assertThat(s.getTotalSpent())
                .isEqualByComparingTo(expected.customerSpent.get(customer));
          });
    }
  }

  @Test
  void shouldReprocessAfterResetWithOutputsEqualToTheFirstRun() throws Exception {
    EmbeddedPlatform platform = SharedPlatform.get();
    StreamsFixture f =
        new StreamsFixture(
            platform.bootstrapServers(),
            platform.schemaRegistryUrl().orElseThrow(),
            "reset-" + UUID.randomUUID().toString().substring(0, 8) + ".");
    GeneratedData data = StreamsFixture.generate(9, 800);
    ExpectedOutputs expected = ExpectedOutputs.compute(data.records(), StreamsFixture.PARTITIONS);
    f.createTopics();
    // The shipped sink connectors follow every output into MongoDB.
    String database = MongoSinks.deploy(platform, f);
    f.produce(data.records());
    String applicationId = "reset-it-" + UUID.randomUUID();
    StreamsSettings settings =
        StreamsSettings.from(
                LayeredConfig.builder()
                    .defaults(StreamsSettings.defaults())
                    .flags(appFlags(f, applicationId, state))
                    .build())
            .withPartitions(StreamsFixture.PARTITIONS, StreamsFixture.PARTITIONS);

    // Given a first run that produced every output
    try (HopperStreamsApp first =
        new HopperStreamsApp(settings, new RegistrySerdeFactory(settings.streamsProperties()))) {
      first.start();
      awaitOutput(f, HopperTopic.SHOP_ORDERS_PAYMENT_STATUS, expected.payments);
      awaitOutput(f, HopperTopic.SHOP_SALES_BY_CATEGORY, expected.sales);
      awaitOutput(f, HopperTopic.SHOP_ORDERS_ENRICHED, expected.enriched);
    }
    // MongoDB holds exactly the recomputed results, one document per key
    MongoSinks.awaitExactly(platform, database, "enriched_orders", expected.enriched);
    MongoSinks.awaitExactly(platform, database, "order_payments", expected.payments);
    MongoSinks.awaitExactly(platform, database, "category_sales", expected.sales);
    MongoSinks.awaitExactly(platform, database, "candles", expected.candles);
    MongoSinks.awaitExactly(platform, database, "price_moves", expected.moves);

    // When the application is reset (offsets, internal topics, local state) and run again
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", f.bootstrap))) {
      ApplicationReset.reset(admin, applicationId);
    }
    try (HopperStreamsApp second =
        new HopperStreamsApp(settings, new RegistrySerdeFactory(settings.streamsProperties()))) {
      second.streams().cleanUp();
      second.start();

      // Then every output was produced once more, with the same values as the first run
      awaitTwice(f, HopperTopic.SHOP_ORDERS_PAYMENT_STATUS, expected.payments);
      awaitTwice(f, HopperTopic.SHOP_SALES_BY_CATEGORY, expected.sales);
      awaitTwice(f, HopperTopic.SHOP_ORDERS_ENRICHED, expected.enriched);
    }
    // Every result was delivered twice; MongoDB upserted: the same documents, no more.
    MongoSinks.awaitCaughtUp(platform, f);
    MongoSinks.awaitExactly(platform, database, "enriched_orders", expected.enriched);
    MongoSinks.awaitExactly(platform, database, "order_payments", expected.payments);
    MongoSinks.awaitExactly(platform, database, "category_sales", expected.sales);
  }

  private static <V> void awaitTwice(StreamsFixture f, HopperTopic topic, Map<String, V> expected) {
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              List<KeyValueRecord<org.apache.avro.specific.SpecificRecord>> records =
                  f.readAll(topic, true);
              Map<String, List<Object>> perKey =
                  records.stream()
                      .collect(
                          Collectors.groupingBy(
                              KeyValueRecord::key,
                              Collectors.mapping(r -> (Object) r.value(), Collectors.toList())));
              assertThat(perKey.keySet()).as(topic + " keys").isEqualTo(expected.keySet());
              perKey.forEach(
                  (k, values) ->
                      assertThat(values)
                          .as(topic + " " + k)
                          .containsExactly(expected.get(k), expected.get(k)));
            });
  }

  static void assertFixtureCoversEveryCase(ExpectedOutputs e) {
    for (String rule :
        List.of(
            "ORDERS/DESERIALIZATION",
            "ORDERS/REQUIRED_FIELDS",
            "ORDERS/UNIT_PRICE_POSITIVE",
            "ORDERS/QUANTITY_AT_LEAST_ONE",
            "ORDERS/DISCOUNT_RANGE",
            "ORDERS/FINAL_PRICE_CONSISTENT",
            "ORDERS/KNOWN_ENUMS",
            "ORDERS/EVENT_TIME_PLAUSIBLE",
            "PAYMENTS/DESERIALIZATION",
            "PAYMENTS/AMOUNT_POSITIVE",
            "PAYMENTS/KNOWN_ENUMS",
            "PAYMENTS/EVENT_TIME_PLAUSIBLE",
            "QUOTES/DESERIALIZATION",
            "QUOTES/PRICE_POSITIVE",
            "QUOTES/EVENT_TIME_PLAUSIBLE")) {
      assertThat(e.rejectedByRule.getOrDefault(rule, 0L)).as(rule).isPositive();
    }
    assertThat(e.lateOrders).as("late orders").isPositive();
    assertThat(e.latePayments).as("late payments").isPositive();
    assertThat(e.lateQuotesForMoves).as("late quotes").isPositive();
    assertThat(e.candleDrops).as("late quotes in candles").isPositive();
    assertThat(e.unmatchedPayments).as("unmatched payments").isPositive();
    assertThat(e.missingProduct).as("missing product").isPositive();
    assertThat(e.missingCustomer).as("missing customer").isPositive();
    assertThat(e.missingQuote).as("missing quote").isPositive();
    assertThat(e.unpaid).as("unpaid orders").isPositive();
    assertThat(e.moves).as("price moves").isNotEmpty();
    assertThat(e.sales).as("sales windows").isNotEmpty();
  }

  /** Waits until the topic holds exactly the expected records, then checks for duplicates. */
  static <V> void awaitOutput(StreamsFixture f, HopperTopic topic, Map<String, V> expected) {
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              List<KeyValueRecord<org.apache.avro.specific.SpecificRecord>> records =
                  f.readAll(topic, true);
              Map<String, Long> perKey =
                  records.stream()
                      .collect(Collectors.groupingBy(KeyValueRecord::key, Collectors.counting()));
              assertThat(perKey.keySet()).as(topic + " keys").isEqualTo(expected.keySet());
              assertThat(perKey.values()).as(topic + " duplicates").allMatch(n -> n == 1);
              Map<String, Object> actual =
                  records.stream()
                      .collect(
                          Collectors.toMap(
                              KeyValueRecord::key, r -> (Object) r.value(), (a, b) -> b));
              expected.forEach(
                  (k, v) -> assertThat(actual.get(k)).as(topic + " " + k).isEqualTo(v));
            });
  }

  static double droppedRecords(KafkaStreams streams) {
    double total = 0;
    for (Metric m : streams.metrics().values()) {
      if (m.metricName().name().equals("dropped-records-total")) {
        total += ((Number) m.metricValue()).doubleValue();
      }
    }
    return total;
  }
}

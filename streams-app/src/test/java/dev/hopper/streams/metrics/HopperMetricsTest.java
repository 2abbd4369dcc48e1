package dev.hopper.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.streams.topology.ProcessingCounters;
import dev.hopper.streams.topology.TopologySettings;
import dev.hopper.streams.topology.validation.Rule;
import dev.hopper.streams.topology.validation.Source;
import dev.hopper.topics.TopicCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics contract of docker/README.md, fed through the same hooks Kafka Streams calls. */
class HopperMetricsTest {
  @TempDir Path state;

  private final HopperMetrics metrics = new HopperMetrics(TopicCatalog.defaults());

  @AfterEach
  void close() {
    metrics.close();
  }

  /** The client configuration Kafka Streams hands a client of {@code prefix}. */
  private Map<String, Object> clientConfigs(String prefix) {
    Map<String, Object> configs = new HashMap<>();
    metrics
        .streamsProperties()
        .forEach(
            (k, v) -> {
              if (k.startsWith(prefix)) {
                configs.put(k.substring(prefix.length()), v);
              }
            });
    return configs;
  }

  @Test
  void shouldInstallTheHooksThroughStreamsProperties() {
    Map<String, Object> p = metrics.streamsProperties();
    assertThat(p)
        .containsEntry(
            StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, IngestionTimeWrapper.class.getName())
        .containsEntry("producer.interceptor.classes", RecordsOutInterceptor.class.getName())
        .containsEntry("main.consumer.interceptor.classes", RecordsInInterceptor.class.getName())
        .containsEntry("global.consumer.interceptor.classes", RecordsInInterceptor.class.getName());
    assertThat(clientConfigs("producer.")).containsEntry(HopperMetrics.CONFIG_KEY, metrics);
  }

  @Test
  void shouldCountRecordsInAndOutPerTopicAndObserveEndToEndLatency() {
    RecordsOutInterceptor out = new RecordsOutInterceptor();
    out.configure(clientConfigs("producer."));
    RecordsInInterceptor in = new RecordsInInterceptor();
    in.configure(clientConfigs("main.consumer."));

    RecordHeaders stamped = new RecordHeaders();
    stamped.add(IngestionTime.header(System.currentTimeMillis() - 2_000));
    out.onSend(new ProducerRecord<>("crypto.candles", null, 0L, null, new byte[0], stamped));
    out.onSend(new ProducerRecord<>("hopper.rejected", new byte[0]));
    out.onSend(new ProducerRecord<>("app-quotes-by-pair-repartition", new byte[0]));
    TopicPartition orders = new TopicPartition("shop.orders", 0);
    TopicPartition repartition = new TopicPartition("app-orders-by-product-repartition", 0);
    in.onConsume(
        new ConsumerRecords<>(
            Map.of(
                orders,
                List.of(
                    new ConsumerRecord<>("shop.orders", 0, 0, new byte[0], new byte[0]),
                    new ConsumerRecord<>("shop.orders", 0, 1, new byte[0], new byte[0])),
                repartition,
                List.of(new ConsumerRecord<>(repartition.topic(), 0, 0, new byte[0], new byte[0]))),
            Map.of()));

    String text = metrics.scrape();
    assertThat(text)
        .contains("hopper_records_out_total{topic=\"crypto.candles\"} 1.0")
        .contains("hopper_records_out_total{topic=\"hopper.rejected\"} 1.0")
        .contains("hopper_records_out_total{topic=\"shop.orders.enriched\"} 0.0")
        .contains("hopper_records_in_total{topic=\"shop.orders\"} 2.0")
        .contains("hopper_records_in_total{topic=\"shop.customers\"} 0.0")
        .doesNotContain("repartition")
        .contains("hopper_end_to_end_latency_seconds_count 1")
        .contains("hopper_end_to_end_latency_seconds_bucket{le=\"+Inf\"} 1")
        .containsPattern("hopper_end_to_end_latency_seconds_bucket\\{le=\"1\\.[0-9]+\"} 0")
        .containsPattern("hopper_end_to_end_latency_seconds_bucket\\{le=\"2\\.[0-9]+\"} 1");
  }

  @Test
  void shouldExposeValidationAndLateDropCounters() {
    ProcessingCounters counters = new ProcessingCounters();
    metrics.bindCounters(counters, TopologySettings.defaults(1, 1), TopicCatalog.defaults());
    counters.rejected(Source.ORDERS, Rule.UNIT_PRICE_POSITIVE);
    counters.rejected(Source.ORDERS, Rule.UNIT_PRICE_POSITIVE);
    counters.rejected(Source.QUOTES, Rule.DESERIALIZATION);
    counters.late("candles-1m");
    counters.late("some-future-operator");
    counters.unreadable("shop.products");

    String text = metrics.scrape();
    assertThat(text)
        .contains(
            "hopper_validation_rejected_total{rule=\"UNIT_PRICE_POSITIVE\",source=\"orders\"} 2.0")
        .contains(
            "hopper_validation_rejected_total{rule=\"DESERIALIZATION\",source=\"quotes\"} 1.0")
        .contains("hopper_validation_rejected_total{rule=\"KNOWN_ENUMS\",source=\"payments\"} 0.0")
        .contains(
            "hopper_validation_rejected_total{rule=\"DESERIALIZATION\",source=\"products\"} 1.0")
        .contains(
            "hopper_validation_rejected_total{rule=\"DESERIALIZATION\",source=\"customers\"} 0.0")
        .contains("hopper_late_records_dropped_total{operator=\"candles-1m\"} 1.0")
        .contains("hopper_late_records_dropped_total{operator=\"sales-by-category\"} 0.0")
        .contains("hopper_late_records_dropped_total{operator=\"payment-reconciliation\"} 0.0")
        .contains("hopper_late_records_dropped_total{operator=\"some-future-operator\"} 1.0");
  }

  @Test
  void shouldMeasureStoresOnDiskPerStoreAcrossTasks() throws Exception {
    Path app = state.resolve("app");
    write(app.resolve("0_0/rocksdb/latest-quotes/000001.sst"), 100);
    write(app.resolve("0_1/rocksdb/latest-quotes/000001.sst"), 30);
    write(app.resolve("1_0/candles-1m/candles-1m.1732147200000/000003.sst"), 50);
    write(app.resolve("1_0/candles-1m/candles-1m.1732147260000/000004.sst"), 7);
    write(app.resolve("1_0/.checkpoint"), 9);
    write(app.resolve("global/rocksdb/customers/MANIFEST"), 11);
    metrics.bindStoreSizes(app, Set.of("latest-quotes", "candles-1m", "customers", "in-memory"));

    String text = metrics.scrape();
    assertThat(text)
        .contains("hopper_state_store_bytes{store=\"latest-quotes\"} 130.0")
        .contains("hopper_state_store_bytes{store=\"candles-1m\"} 57.0")
        .contains("hopper_state_store_bytes{store=\"customers\"} 11.0")
        .contains("hopper_state_store_bytes{store=\"in-memory\"} 0.0");
  }

  private static void write(Path file, int bytes) throws Exception {
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[bytes]);
  }

  @Test
  void shouldPublishStateMetricsOfEveryStoreTypeUnderOneSetOfLabels() {
    for (String[] store :
        new String[][] {
          {"rocksdb.state.id", "latest-quotes"},
          {"rocksdb.window.state.id", "candles-1m"},
          {"in.memory.suppression.state.id", "candles-1m-final-store"}
        }) {
      io.micrometer.core.instrument.Gauge.builder("kafka.stream.state.size", () -> 1.0)
          .tags("thread.id", "t1", "task.id", "0_0", store[0], store[1])
          .register(metrics.registry());
    }
    assertThat(metrics.scrape())
        .contains(
            "kafka_stream_state_size{state_id=\"latest-quotes\",store_type=\"rocksdb\",task_id=\"0_0\",thread_id=\"t1\"} 1.0",
            "kafka_stream_state_size{state_id=\"candles-1m\",store_type=\"rocksdb-window\",task_id=\"0_0\",thread_id=\"t1\"} 1.0",
            "state_id=\"candles-1m-final-store\",store_type=\"in-memory-suppression\"");
  }

  @Test
  void shouldPublishJvmMetrics() {
    assertThat(metrics.scrape()).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads");
  }
}

package dev.hopper.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write-back layer in a real task: the driver commits after every input record, as a stream
 * thread does at its commit interval, so each input record here is one commit interval. The store's
 * changelog (which the driver captures like any topic) shows what reaches the store beneath.
 *
 * <p>Each input record is a script of operations on the store, {@code op:key[:value]} separated by
 * spaces: {@code put}, {@code del}, {@code clear} (a put of null), {@code get} (forwards the value
 * read), {@code all} (forwards every entry of a full scan) and {@code fill:n} (puts keys {@code k0
 * .. k(n-1)}).
 */
class WriteBackStoreTest {
  private static final String APP = "write-back-test";
  private static final String STORE = "clock";
  private static final String CHANGELOG = APP + "-" + STORE + "-changelog";

  private TopologyTestDriver driver;
  private TestInputTopic<String, String> scripts;
  private TestOutputTopic<String, Long> reads;
  private TestOutputTopic<String, Long> changelog;

  @BeforeEach
  void start() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(StoreBuilders.table(STORE, Serdes.String(), Serdes.Long()));
    builder.stream("scripts", Consumed.with(Serdes.String(), Serdes.String()))
        .process(ScriptProcessor::new, STORE)
        .to("reads", Produced.with(Serdes.String(), Serdes.Long()));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(builder.build(), props);
    scripts = driver.createInputTopic("scripts", new StringSerializer(), new StringSerializer());
    reads = driver.createOutputTopic("reads", new StringDeserializer(), new LongDeserializer());
    changelog =
        driver.createOutputTopic(CHANGELOG, new StringDeserializer(), new LongDeserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void shouldLogOnlyTheLastValueOfAKeyWrittenManyTimesInOneCommit() {
    scripts.pipeInput("put:t:1 put:t:2 put:t:3 get:t");

    assertThat(reads.readKeyValuesToList()).containsExactly(KeyValue.pair("t", 3L));
    assertThat(changelog.readKeyValuesToList()).containsExactly(KeyValue.pair("t", 3L));
    assertThat(store().get("t")).isEqualTo(3L);
  }

  @Test
  void shouldNeverLogAKeyCreatedAndDeletedInOneCommit() {
    scripts.pipeInput("get:order-1 put:order-1:7 put:other:1 del:order-1 get:order-1");

    assertThat(reads.readKeyValuesToList())
        .containsExactly(KeyValue.pair("order-1", null), KeyValue.pair("order-1", null));
    assertThat(changelog.readKeyValuesToList()).containsExactly(KeyValue.pair("other", 1L));
    assertThat(store().get("order-1")).isNull();
  }

  @Test
  void shouldLogTheDeleteOfAKeyCommittedEarlier() {
    scripts.pipeInput("put:order-1:7");
    scripts.pipeInput("del:order-1");

    assertThat(changelog.readKeyValuesToList())
        .containsExactly(KeyValue.pair("order-1", 7L), KeyValue.pair("order-1", null));
    assertThat(store().get("order-1")).isNull();
  }

  @Test
  void shouldDeleteOnAPutOfNull() {
    scripts.pipeInput("put:a:1 put:b:2");
    scripts.pipeInput("clear:a get:a put:c:3 clear:c");

    assertThat(reads.readKeyValuesToList()).containsExactly(KeyValue.pair("a", null));
    assertThat(changelog.readKeyValuesToList())
        .containsExactly(
            KeyValue.pair("a", 1L),
            KeyValue.pair("b", 2L),
            KeyValue.pair("a", null),
            KeyValue.pair("c", null));
    assertThat(store().get("a")).isNull();
    assertThat(store().get("b")).isEqualTo(2L);
  }

  @Test
  void shouldLogTheDeleteOfAKeyWrittenBlindlyInOneCommit() {
    // Written without a read first: the layer cannot know the key was absent below, so its delete
    // must reach the changelog (harmless when it was absent, required when it was not).
    scripts.pipeInput("put:a:1");
    scripts.pipeInput("put:a:2 del:a");

    assertThat(changelog.readKeyValuesToList())
        .containsExactly(KeyValue.pair("a", 1L), KeyValue.pair("a", null));
  }

  @Test
  void shouldShowPendingWritesToScansInKeyOrder() {
    scripts.pipeInput("put:b:2");
    scripts.pipeInput("put:c:3 put:a:1 del:b all");

    assertThat(reads.readKeyValuesToList())
        .containsExactly(KeyValue.pair("a", 1L), KeyValue.pair("c", 3L));
  }

  @Test
  void shouldWriteBackEarlyBeyondItsBoundAndLoseNothing() {
    int keys = WriteBackStore.MAX_PENDING * 2 + 17;
    scripts.pipeInput("fill:" + keys);

    Map<String, Long> logged = new LinkedHashMap<>();
    changelog.readKeyValuesToList().forEach(kv -> logged.put(kv.key, kv.value));
    assertThat(logged).hasSize(keys);
    assertThat(logged.get("k0")).isZero();
    assertThat(logged.get("k" + (keys - 1))).isEqualTo(keys - 1L);
    assertThat(store().approximateNumEntries()).isEqualTo(keys);
  }

  @Test
  void shouldBeTheStoreTheProcessorAndTheDriverSee() {
    assertThat((Object) driver.getKeyValueStore(STORE)).isInstanceOf(WriteBackStore.class);
  }

  private KeyValueStore<String, Long> store() {
    return driver.getKeyValueStore(STORE);
  }

  /** Runs the script of each record against the store (see the class comment). */
  private static final class ScriptProcessor implements Processor<String, String, String, Long> {
    private ProcessorContext<String, Long> context;
    private KeyValueStore<String, Long> store;

    @Override
    public void init(ProcessorContext<String, Long> context) {
      this.context = context;
      this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, String> record) {
      for (String op : record.value().split(" ")) {
        String[] p = op.split(":");
        switch (p[0]) {
          case "put" -> store.put(p[1], Long.parseLong(p[2]));
          case "del" -> store.delete(p[1]);
          case "clear" -> store.put(p[1], null);
          case "get" -> forward(record, p[1], store.get(p[1]));
          case "all" -> {
            List<KeyValue<String, Long>> entries = new ArrayList<>();
            try (KeyValueIterator<String, Long> it = store.all()) {
              it.forEachRemaining(entries::add);
            }
            entries.forEach(kv -> forward(record, kv.key, kv.value));
          }
          case "fill" -> {
            for (long i = 0; i < Long.parseLong(p[1]); i++) {
              store.put("k" + i, i);
            }
          }
          default -> throw new IllegalArgumentException(op);
        }
      }
    }

    private void forward(Record<String, String> record, String key, Long value) {
      context.forward(record.withKey(key).withValue(value));
    }
  }
}

package dev.hopper.streams.metrics;

import dev.hopper.streams.HopperStreamsApp;
import dev.hopper.streams.topology.Names;
import dev.hopper.streams.topology.ProcessingCounters;
import dev.hopper.streams.topology.TopologySettings;
import dev.hopper.streams.topology.validation.Rule;
import dev.hopper.streams.topology.validation.Source;
import dev.hopper.topics.HopperTopic;
import dev.hopper.topics.TopicCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of one streams-app instance, served in Prometheus format on {@code /metrics}: the
 * contract of {@code docker/README.md} ("Grafana and the metrics contract"). Hopper's own series
 * come from hooks in Kafka Streams' clients and topology:
 *
 * <ul>
 *   <li>{@code hopper_records_in_total{topic}}, {@code hopper_records_out_total{topic}}: consumer
 *       and producer interceptors of the stream threads on Hopper's input and output topics;
 *   <li>{@code hopper_end_to_end_latency_seconds}: on each output record carrying an {@link
 *       IngestionTime} header (stamped by {@link IngestionTimeWrapper}), now minus that time;
 *   <li>{@code hopper_validation_rejected_total{source,rule}} and {@code
 *       hopper_late_records_dropped_total{operator}}: the topology's {@link ProcessingCounters};
 *   <li>{@code hopper_state_store_bytes{store}}: bytes on disk per store;
 *   <li>{@code http_server_requests_seconds{method,uri,status}}: the REST layer;
 * </ul>
 *
 * plus Micrometer's {@link KafkaStreamsMetrics} binder and JVM binders. Both histograms publish
 * buckets, as the dashboard's {@code histogram_quantile} needs.
 */
public final class HopperMetrics implements AutoCloseable {
  /** The Streams/client configuration key the hooks find this instance under. */
  public static final String CONFIG_KEY = "hopper.metrics.instance";

  private static final Logger LOG = LoggerFactory.getLogger(HopperMetrics.class);

  /**
   * Kafka Streams tags each store's metrics with a key naming its type ({@code rocksdb-state-id},
   * {@code rocksdb-window-state-id}, {@code in-memory-suppression-state-id}, ...); Prometheus needs
   * one set of label names per metric, so all become {@code state_id} plus {@code store_type}.
   * Otherwise only the first store type seen would be published.
   */
  static final MeterFilter STATE_STORE_TAGS =
      new MeterFilter() {
        @Override
        public Meter.Id map(Meter.Id id) {
          if (!id.getName().startsWith("kafka.stream.state")) {
            return id;
          }
          List<Tag> tags = new ArrayList<>();
          boolean changed = false;
          for (Tag t : id.getTagsAsIterable()) {
            String key = t.getKey();
            if (key.endsWith("state.id") && !key.equals("state.id")) {
              tags.add(Tag.of("state.id", t.getValue()));
              String type = key.substring(0, key.length() - ".state.id".length());
              tags.add(Tag.of("store.type", type.replace('.', '-')));
              changed = true;
            } else {
              tags.add(t);
            }
          }
          return changed ? id.replaceTags(tags) : id;
        }
      };

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Set<String> inputTopics;
  private final Set<String> outputTopics;
  private final Map<String, Counter> recordsIn = new ConcurrentHashMap<>();
  private final Map<String, Counter> recordsOut = new ConcurrentHashMap<>();
  private final Timer endToEnd;
  private final Set<String> lateOperators = ConcurrentHashMap.newKeySet();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private volatile ProcessingCounters counters;

  /** Metrics for an app reading and writing the topics of {@code catalog}. */
  public HopperMetrics(TopicCatalog catalog) {
    Set<String> in = new LinkedHashSet<>();
    Set<String> out = new LinkedHashSet<>();
    for (HopperTopic t : HopperTopic.values()) {
      switch (t.role()) {
        case INPUT, TABLE -> in.add(catalog.name(t));
        case OUTPUT, DEAD_LETTER -> out.add(catalog.name(t));
        default -> {
          // no other roles
        }
      }
    }
    registry.config().meterFilter(STATE_STORE_TAGS);
    this.inputTopics = Set.copyOf(in);
    this.outputTopics = Set.copyOf(out);
    in.forEach(topic -> recordsIn.put(topic, counter("hopper.records.in", topic, "read from")));
    out.forEach(topic -> recordsOut.put(topic, counter("hopper.records.out", topic, "written to")));
    this.endToEnd =
        Timer.builder("hopper.end.to.end.latency")
            .description(
                "Time from an input record's ingestion (its Kafka timestamp) to an output record"
                    + " it caused being written")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofHours(2))
            .register(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    closeables.add(gc);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  private Counter counter(String name, String topic, String verb) {
    return Counter.builder(name)
        .description("Records " + verb + " a Hopper topic")
        .tag("topic", topic)
        .register(registry);
  }

  /**
   * The Kafka Streams properties that install the hooks: interceptors on the stream threads'
   * producers and consumers (and the global consumer), the processor wrapper that carries ingestion
   * times, and this instance for them to report to.
   */
  public Map<String, Object> streamsProperties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(CONFIG_KEY, this);
    p.put(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, IngestionTimeWrapper.class.getName());
    p.put(
        StreamsConfig.producerPrefix("interceptor.classes"), RecordsOutInterceptor.class.getName());
    p.put(StreamsConfig.producerPrefix(CONFIG_KEY), this);
    p.put(
        StreamsConfig.mainConsumerPrefix("interceptor.classes"),
        RecordsInInterceptor.class.getName());
    p.put(StreamsConfig.mainConsumerPrefix(CONFIG_KEY), this);
    p.put(
        StreamsConfig.globalConsumerPrefix("interceptor.classes"),
        RecordsInInterceptor.class.getName());
    p.put(StreamsConfig.globalConsumerPrefix(CONFIG_KEY), this);
    return p;
  }

  /**
   * Binds the app (before it starts): Kafka Streams' own metrics (once it runs), the validation and
   * late-drop counters, and the size of every state store of its topology.
   */
  public void bind(HopperStreamsApp app) {
    // Kafka Streams creates its task and store metrics with the tasks, and the binder looks for
    // new metrics only every minute: binding when the app first runs shows them at once.
    AtomicBoolean bound = new AtomicBoolean();
    app.addStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING && bound.compareAndSet(false, true)) {
            KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(app.streams());
            streamsMetrics.bindTo(registry);
            synchronized (closeables) {
              closeables.add(streamsMetrics);
            }
          }
        });
    bindCounters(app.counters(), app.settings().topology(), app.settings().catalog());
    Map<String, Object> props = app.settings().streamsProperties();
    Path appDir =
        Path.of(String.valueOf(props.get(StreamsConfig.STATE_DIR_CONFIG)))
            .resolve(app.settings().applicationId());
    bindStoreSizes(appDir, storeNames(app.topology().describe()));
  }

  /**
   * Registers the validation and late-drop counters of {@code counters}: per source and rule for
   * the gated inputs, and the unreadable records of the tables (rule {@code DESERIALIZATION}).
   */
  void bindCounters(ProcessingCounters c, TopologySettings settings, TopicCatalog catalog) {
    this.counters = c;
    for (HopperTopic table : List.of(HopperTopic.SHOP_PRODUCTS, HopperTopic.SHOP_CUSTOMERS)) {
      String topic = catalog.name(table);
      String source = table == HopperTopic.SHOP_PRODUCTS ? "products" : "customers";
      FunctionCounter.builder("hopper.validation.rejected", c, x -> x.unreadableCount(topic))
          .description("Records the validation gate rejected, per source and rule")
          .tags("source", source, "rule", Rule.DESERIALIZATION.name())
          .register(registry);
    }
    for (Source source : Source.values()) {
      for (Rule rule : Rule.values()) {
        FunctionCounter.builder("hopper.validation.rejected", c, x -> x.rejectedCount(source, rule))
            .description("Records the validation gate rejected, per source and rule")
            .tags("source", source.name().toLowerCase(Locale.ROOT), "rule", rule.name())
            .register(registry);
      }
    }
    List<String> operators = new ArrayList<>();
    settings.candleIntervals().forEach(i -> operators.add(Names.candlesStore(i.label())));
    operators.add(Names.LATE_PRICE_MOVES);
    operators.add(Names.LATE_VALUATION_QUOTES);
    operators.add(Names.LATE_SALES);
    operators.add(Names.LATE_PAYMENTS);
    operators.forEach(this::lateCounter);
  }

  private void lateCounter(String operator) {
    ProcessingCounters c = counters;
    if (c != null && lateOperators.add(operator)) {
      FunctionCounter.builder("hopper.late.records.dropped", c, x -> x.lateCount(operator))
          .description("Records dropped past a window's grace, per windowed operator")
          .tag("operator", operator)
          .register(registry);
    }
  }

  void bindStoreSizes(Path appDir, Set<String> stores) {
    StoreSizes sizes = new StoreSizes(appDir, Clock.systemUTC());
    for (String store : stores) {
      Gauge.builder("hopper.state.store.bytes", sizes, s -> s.bytes(store))
          .description("Bytes on disk of a state store on this instance")
          .tag("store", store)
          .strongReference(true)
          .register(registry);
    }
  }

  /** Every state store of a topology, by name. */
  static Set<String> storeNames(TopologyDescription description) {
    Set<String> stores = new TreeSet<>();
    for (TopologyDescription.Subtopology s : description.subtopologies()) {
      for (TopologyDescription.Node n : s.nodes()) {
        if (n instanceof TopologyDescription.Processor p) {
          stores.addAll(p.stores());
        }
      }
    }
    for (TopologyDescription.GlobalStore g : description.globalStores()) {
      stores.addAll(g.processor().stores());
    }
    return stores;
  }

  /** Hopper's input topics (the interceptors and the processor wrapper need them). */
  Set<String> inputTopics() {
    return inputTopics;
  }

  void recordIn(String topic, int count) {
    Counter c = recordsIn.get(topic);
    if (c != null) {
      c.increment(count);
    }
  }

  void recordOut(String topic, long ingestedAt) {
    Counter c = recordsOut.get(topic);
    if (c == null) {
      return; // repartition and changelog topics
    }
    c.increment();
    if (ingestedAt >= 0) {
      long latency = System.currentTimeMillis() - ingestedAt;
      endToEnd.record(Math.max(0, latency), TimeUnit.MILLISECONDS);
    }
  }

  /** Records one HTTP request of the REST layer. */
  public void recordRequest(String method, String uri, int status, long nanos) {
    Timer.builder("http.server.requests")
        .description("REST requests")
        .tags("method", method, "uri", uri, "status", Integer.toString(status))
        .publishPercentileHistogram()
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The registry, e.g. for more binders. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Everything in Prometheus' text format. */
  public String scrape() {
    ProcessingCounters c = counters;
    if (c != null) {
      c.lateCounts().keySet().forEach(this::lateCounter);
    }
    return registry.scrape();
  }

  @Override
  public void close() {
    List<AutoCloseable> all;
    synchronized (closeables) {
      all = new ArrayList<>(closeables);
    }
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.debug("Closing a metrics binder failed", e);
      }
    }
    registry.close();
  }
}

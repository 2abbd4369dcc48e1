package dev.hopper.streams.monitor;

import dev.hopper.registry.client.SchemaRegistryClients;
import dev.hopper.streams.HopperStreamsApp;
import dev.hopper.streams.config.MonitorSettings;
import dev.hopper.streams.config.StreamsSettings;
import dev.hopper.streams.metrics.HopperMetrics;
import dev.hopper.streams.topology.ProcessingCounters;
import dev.hopper.streams.topology.validation.Rule;
import dev.hopper.streams.topology.validation.Source;
import dev.hopper.topics.HopperTopic;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.TopologyDescription;

/**
 * What the monitoring page shows about one instance: the cluster as the {@link ClusterSampler} last
 * saw it, and, read live from this instance, the Kafka Streams state, threads, tasks and stores,
 * and the validation and late-drop counters.
 */
public final class Monitor implements AutoCloseable {
  private final ClusterSampler sampler;
  private final HopperStreamsApp app;
  private final HopperMetrics metrics;
  private final String instance;
  private final Set<String> stores;

  private Monitor(
      ClusterSampler sampler, HopperStreamsApp app, HopperMetrics metrics, String instance) {
    this.sampler = sampler;
    this.app = app;
    this.metrics = metrics;
    this.instance = instance;
    this.stores = storeNames(app.topology().describe());
  }

  /**
   * The monitor of {@code app}, advertised as {@code instance}; {@code metrics} (may be null) gives
   * the stores' sizes. Call {@link #start()} to begin sampling.
   */
  public static Monitor create(
      StreamsSettings settings, HopperStreamsApp app, HopperMetrics metrics, String instance) {
    ClusterSampler sampler =
        new ClusterSampler(
            settings.monitor(),
            settings.streamsProperties(),
            settings.catalog(),
            settings.applicationId(),
            SchemaRegistryClients.fromConfig(settings.streamsProperties()),
            Clock.systemUTC());
    return new Monitor(sampler, app, metrics, instance);
  }

  /** Starts sampling the cluster. */
  public void start() {
    sampler.start();
  }

  /** The settings. */
  public MonitorSettings settings() {
    return sampler.settings();
  }

  /** The latest sample of the cluster, or null before the first one. */
  public ClusterSnapshot cluster() {
    return sampler.snapshot();
  }

  /** Kafka Streams on this instance, read now. */
  public MonitorViews.Streams streams() {
    KafkaStreams streams = app.streams();
    List<MonitorViews.StreamThread> threads = new ArrayList<>();
    Set<ThreadMetadata> local;
    try {
      local = streams.metadataForLocalThreads();
    } catch (RuntimeException e) {
      local = Set.of(); // not started yet, or shutting down
    }
    for (ThreadMetadata t : local) {
      threads.add(
          new MonitorViews.StreamThread(
              t.threadName(), t.threadState(), tasks(t.activeTasks()), tasks(t.standbyTasks())));
    }
    threads.sort(Comparator.comparing(MonitorViews.StreamThread::name));
    List<MonitorViews.Store> storeViews = new ArrayList<>();
    for (String store : stores) {
      storeViews.add(new MonitorViews.Store(store, storeBytes(store)));
    }
    return new MonitorViews.Streams(
        app.settings().applicationId(),
        instance,
        streams.state().name(),
        List.copyOf(threads),
        List.copyOf(storeViews));
  }

  private static List<MonitorViews.Task> tasks(Set<TaskMetadata> tasks) {
    List<MonitorViews.Task> out = new ArrayList<>();
    for (TaskMetadata t : tasks) {
      List<MonitorViews.TaskPartition> partitions = new ArrayList<>();
      t.topicPartitions().stream()
          .sorted(
              Comparator.comparing(TopicPartition::topic)
                  .thenComparingInt(TopicPartition::partition))
          .forEach(
              tp ->
                  partitions.add(
                      new MonitorViews.TaskPartition(
                          tp.topic(),
                          tp.partition(),
                          t.committedOffsets().get(tp),
                          t.endOffsets().get(tp))));
      out.add(
          new MonitorViews.Task(
              t.taskId().toString(),
              List.copyOf(partitions),
              t.timeCurrentIdlingStarted()
                  .map(ms -> Instant.ofEpochMilli(ms).toString())
                  .orElse(null)));
    }
    out.sort(Comparator.comparing(MonitorViews.Task::id));
    return out;
  }

  private Long storeBytes(String store) {
    if (metrics == null) {
      return null;
    }
    Gauge g = metrics.registry().find("hopper.state.store.bytes").tag("store", store).gauge();
    return g == null ? null : (long) g.value();
  }

  /** Validation failures, unreadable and late records counted here, and the dead letters. */
  public MonitorViews.Quality quality() {
    ProcessingCounters c = app.counters();
    Map<String, Map<String, Long>> rejected = new LinkedHashMap<>();
    long total = 0;
    for (Source source : Source.values()) {
      Map<String, Long> perRule = new TreeMap<>();
      for (Map.Entry<Rule, Long> e : c.rejectedCounts(source).entrySet()) {
        if (e.getValue() > 0) {
          perRule.put(e.getKey().name(), e.getValue());
          total += e.getValue();
        }
      }
      rejected.put(source.name().toLowerCase(Locale.ROOT), perRule);
    }
    Map<String, Long> unreadable = new TreeMap<>();
    for (HopperTopic table : List.of(HopperTopic.SHOP_PRODUCTS, HopperTopic.SHOP_CUSTOMERS)) {
      String topic = app.settings().catalog().name(table);
      long n = c.unreadableCount(topic);
      unreadable.put(topic, n);
      total += n;
    }
    ClusterSnapshot snapshot = sampler.snapshot();
    return new MonitorViews.Quality(
        rejected,
        unreadable,
        new TreeMap<>(c.lateCounts()),
        total,
        snapshot == null ? null : snapshot.deadLetters());
  }

  /** Every state store of a topology, by name. */
  static Set<String> storeNames(TopologyDescription description) {
    Set<String> out = new TreeSet<>();
    for (TopologyDescription.Subtopology s : description.subtopologies()) {
      for (TopologyDescription.Node n : s.nodes()) {
        if (n instanceof TopologyDescription.Processor p) {
          out.addAll(p.stores());
        }
      }
    }
    for (TopologyDescription.GlobalStore g : description.globalStores()) {
      out.addAll(g.processor().stores());
    }
    return out;
  }

  /** Stops sampling and closes the monitor's clients. */
  @Override
  public void close() {
    sampler.close();
  }
}

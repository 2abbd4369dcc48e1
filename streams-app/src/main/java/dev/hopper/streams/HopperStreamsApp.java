package dev.hopper.streams;

import dev.hopper.streams.config.BoundedRocksDbConfig;
import dev.hopper.streams.config.RejectingDeserializationHandler;
import dev.hopper.streams.config.RocksDbMemory;
import dev.hopper.streams.config.StreamsSettings;
import dev.hopper.streams.topology.AvroSerdeFactory;
import dev.hopper.streams.topology.HopperSerdes;
import dev.hopper.streams.topology.HopperTopology;
import dev.hopper.streams.topology.ProcessingCounters;
import dev.hopper.streams.topology.Topics;
import dev.hopper.topics.HopperTopic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance of the streams app: the topology, its {@link KafkaStreams}, the shared
 * RocksDB memory budget and the processing counters. This is the seam for the REST, health and
 * metrics layer: it exposes the {@link KafkaStreams} (for interactive queries and its metrics), the
 * store names and the validation and late-drop counters.
 */
public final class HopperStreamsApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HopperStreamsApp.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final StreamsSettings settings;
  private final ProcessingCounters counters = new ProcessingCounters();
  private final RocksDbMemory memory;
  private final Topology topology;
  private final KafkaStreams streams;
  private final CommittedInputProgress progress;
  private final List<KafkaStreams.StateListener> stateListeners = new CopyOnWriteArrayList<>();
  private final RestoreLog restoreLog = new RestoreLog();

  /** Builds the topology and its {@link KafkaStreams}; nothing runs until {@link #start()}. */
  public HopperStreamsApp(StreamsSettings settings, AvroSerdeFactory serdeFactory) {
    this(settings, serdeFactory, Map.of());
  }

  /**
   * Builds the topology and its {@link KafkaStreams} with {@code instrumentation}: more Streams
   * properties, such as the metrics' interceptors and processor wrapper.
   */
  public HopperStreamsApp(
      StreamsSettings settings, AvroSerdeFactory serdeFactory, Map<String, ?> instrumentation) {
    this.settings = settings;
    HopperSerdes serdes = new HopperSerdes(serdeFactory);
    this.memory = new RocksDbMemory(settings.rocksDbMemoryBytes());
    this.progress = CommittedInputProgress.of(settings);
    Properties props = streamsProperties(settings, memory, counters);
    props.putAll(instrumentation);
    this.topology =
        HopperTopology.build(
            Topics.from(settings.catalog(), serdes),
            serdes,
            settings.topology(),
            counters,
            new TopologyConfig(new StreamsConfig(props)),
            progress);
    this.streams = new KafkaStreams(topology, props);
    streams.setGlobalStateRestoreListener(restoreLog);
    streams.setStateListener(
        (now, before) -> {
          restoreLog.onStateChange(now);
          stateListeners.forEach(l -> l.onChange(now, before));
        });
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("Stream thread failed, shutting the application down", e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
  }

  /**
   * The Kafka Streams properties of {@code settings} as the app runs them: RocksDB bounded to
   * {@code memory}, undeserializable records rejected to the dead-letter topic and counted in
   * {@code counters}. Also what the benchmark's reference jobs run with.
   */
  public static Properties streamsProperties(
      StreamsSettings settings, RocksDbMemory memory, ProcessingCounters counters) {
    Properties props = new Properties();
    props.putAll(settings.streamsProperties());
    props.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
    props.put(RocksDbMemory.CONFIG_KEY, memory);
    props.putIfAbsent(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        RejectingDeserializationHandler.class);
    props.put(
        RejectingDeserializationHandler.TOPIC_CONFIG,
        settings.catalog().name(HopperTopic.REJECTED));
    props.put(RejectingDeserializationHandler.COUNTERS_CONFIG, counters);
    return props;
  }

  /** Starts processing. Local state is kept: no {@code cleanUp()} on a normal start. */
  public void start() {
    LOG.info(
        "Starting {} ({} thread(s), guarantee {}, RocksDB budget {} MiB)",
        settings.applicationId(),
        settings.streamsProperties().get(StreamsConfig.NUM_STREAM_THREADS_CONFIG),
        settings.streamsProperties().get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG),
        memory.budgetBytes() >> 20);
    streams.start();
  }

  /**
   * Adds a listener of state changes. Kafka Streams takes a single listener; this instance fans its
   * changes out to every one added (add them before {@link #start()}).
   */
  public void addStateListener(KafkaStreams.StateListener listener) {
    stateListeners.add(listener);
  }

  /** The Kafka Streams instance, for state, interactive queries and metrics. */
  public KafkaStreams streams() {
    return streams;
  }

  /** The topology this instance runs. */
  public Topology topology() {
    return topology;
  }

  /** The settings this instance runs with. */
  public StreamsSettings settings() {
    return settings;
  }

  /** Rejections per rule and late drops per operator. */
  public ProcessingCounters counters() {
    return counters;
  }

  /** The queryable stores (candles, sales, customer stats, reference tables, quote history). */
  public List<String> storeNames() {
    return HopperTopology.storeNames(settings.topology());
  }

  /**
   * Stops processing cleanly (commits, closes stores), leaves the consumer group so that other
   * instances take over at once (and {@code --reset} can run right after), and frees the RocksDB
   * budget.
   */
  @Override
  public void close() {
    boolean closed =
        streams.close(
            CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
    if (!closed) {
      LOG.warn("Kafka Streams did not stop within {} s", CLOSE_TIMEOUT.toSeconds());
    }
    progress.close();
    memory.close();
  }
}

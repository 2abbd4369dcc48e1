package dev.hopper.platform.bench.jobs;

import dev.hopper.avro.Order;
import dev.hopper.config.LayeredConfig;
import dev.hopper.registry.serde.SpecificAvroDeserializer;
import dev.hopper.streams.CommittedInputProgress;
import dev.hopper.streams.HopperStreamsApp;
import dev.hopper.streams.config.RegistrySerdeFactory;
import dev.hopper.streams.config.RocksDbMemory;
import dev.hopper.streams.config.StreamsSettings;
import dev.hopper.streams.topology.HopperSerdes;
import dev.hopper.streams.topology.ProcessingCounters;
import dev.hopper.streams.topology.Topics;
import dev.hopper.topics.HopperTopic;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The reference jobs of the benchmark, each run by the harness in its own JVM so that its CPU time
 * and memory are its own:
 *
 * <pre>
 * BenchJob consume --bootstrap HOSTS --topic T [--registry URL]   (with --registry: Avro-decode)
 * BenchJob pass-through --output T -D key=value...                  (Kafka Streams, Hopper's config)
 * BenchJob sales-only -D key=value...                               (Kafka Streams, Hopper's config)
 * </pre>
 *
 * The consumer jobs read their topic from the beginning to its end and print one {@code RESULT}
 * line (records, elapsed and CPU nanoseconds from the first record on). The streams jobs take the
 * streams app's configuration keys ({@code -D} as in {@code hopper-streams.jar}, over the app's
 * defaults: same threads, guarantee, commit interval, cache and producer settings) and run until
 * SIGTERM, or until the process that started them is gone.
 */
public final class BenchJob {
  /** Prefix of the line the consumer jobs print when done. */
  public static final String RESULT = "RESULT";

  private BenchJob() {}

  /** Entry point; exits 0 when the job finished or was stopped cleanly, 2 on bad arguments. */
  public static void main(String[] args) {
    int code;
    try {
      code = run(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench-job: " + e.getMessage());
      code = 2;
    } catch (Exception e) {
      System.err.println("bench-job failed: " + e);
      e.printStackTrace();
      code = 1;
    }
    System.exit(code);
  }

  static int run(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("name a job: consume, pass-through or sales-only");
    }
    Map<String, String> options = new LinkedHashMap<>();
    Map<String, String> config = new LinkedHashMap<>();
    parse(args, options, config);
    return switch (args[0]) {
      case "consume" -> consume(options);
      case "pass-through" -> streams(args[0], options, config);
      case "sales-only" -> streams(args[0], options, config);
      default -> throw new IllegalArgumentException("unknown job " + args[0]);
    };
  }

  /** Reads {@code --name value} options and {@code -D key=value} configuration after the job. */
  static void parse(String[] args, Map<String, String> options, Map<String, String> config) {
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      String v = args[++i];
      if (a.equals("-D")) {
        int eq = v.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("-D needs key=value, not " + v);
        }
        config.put(v.substring(0, eq), v.substring(eq + 1));
      } else if (a.startsWith("--")) {
        options.put(a.substring(2), v);
      } else {
        throw new IllegalArgumentException("unexpected argument " + a);
      }
    }
  }

  private static String required(Map<String, String> options, String name) {
    String v = options.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Reads a topic from the beginning to its end, decoding values when a registry is given. */
  private static int consume(Map<String, String> options) {
    String topic = required(options, "topic");
    String registry = options.get("registry");
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, required(options, "bootstrap"));
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    SpecificAvroDeserializer<Order> avro = null;
    if (registry != null) {
      avro = new SpecificAvroDeserializer<>();
      avro.configure(Map.of("schema.registry.url", registry, "specific.avro.reader", true), false);
    }
    long records = 0;
    long checksum = 0;
    long t0 = 0;
    long cpu0 = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      consumer
          .partitionsFor(topic)
          .forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(parts));
      while (!end.isEmpty()) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
        if (t0 == 0 && !batch.isEmpty()) {
          t0 = System.nanoTime();
          cpu0 = cpuNanos();
        }
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          records++;
          if (avro != null) {
            checksum += avro.deserialize(topic, r.value()).getQuantity();
          } else {
            checksum += r.value().length;
          }
        }
        end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
      }
    } finally {
      if (avro != null) {
        avro.close();
      }
    }
    long elapsed = t0 == 0 ? 0 : System.nanoTime() - t0;
    long cpu = t0 == 0 ? 0 : cpuNanos() - cpu0;
    System.out.printf(
        Locale.ROOT,
        "%s records=%d elapsedNanos=%d cpuNanos=%d checksum=%d%n",
        RESULT,
        records,
        elapsed,
        cpu,
        checksum);
    return 0;
  }

  /** Runs a streams job until SIGTERM or until its parent process is gone. */
  private static int streams(String job, Map<String, String> options, Map<String, String> flags)
      throws InterruptedException {
    Map<String, String> defaults = new LinkedHashMap<>(StreamsSettings.defaults());
    if (job.equals("pass-through")) {
      // The app fetches less per partition so that a task with several inputs gets each of them
      // often. The baseline has one input per task and keeps Kafka's default: a baseline must not
      // carry a cost made for another job.
      defaults.remove(
          StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG));
    }
    StreamsSettings settings =
        StreamsSettings.from(LayeredConfig.builder().defaults(defaults).flags(flags).build());
    int partitions = settings.catalog().spec(HopperTopic.SHOP_ORDERS).partitions();
    settings = settings.withPartitions(partitions, partitions);
    ProcessingCounters counters = new ProcessingCounters();
    RocksDbMemory memory = new RocksDbMemory(settings.rocksDbMemoryBytes());
    Properties props = HopperStreamsApp.streamsProperties(settings, memory, counters);
    HopperSerdes serdes = new HopperSerdes(new RegistrySerdeFactory(settings.streamsProperties()));
    // Only the sales-only job asks about its inputs: the baseline gets no extra clients.
    CommittedInputProgress progress =
        job.equals("pass-through") ? null : CommittedInputProgress.of(settings);
    Topology topology =
        job.equals("pass-through")
            ? JobTopologies.passThrough(
                settings.catalog().name(HopperTopic.SHOP_ORDERS),
                required(options, "output"),
                serdes)
            : JobTopologies.salesOnly(
                Topics.from(settings.catalog(), serdes),
                serdes,
                settings.topology(),
                counters,
                progress);
    CountDownLatch stop = new CountDownLatch(1);
    AtomicInteger status = new AtomicInteger();
    KafkaStreams streams = new KafkaStreams(topology, props);
    streams.setStateListener(
        (now, before) -> {
          System.out.println("STATE " + now);
          if (now == KafkaStreams.State.ERROR) {
            status.set(1);
            stop.countDown();
          }
        });
    CountDownLatch closed = new CountDownLatch(1);
    // On SIGTERM the JVM exits once its hooks return: this one waits until streams are closed.
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                closed.await(40, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "bench-job-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    watchParent(stop);
    try {
      streams.start();
      stop.await();
      streams.close(
          CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
              .withTimeout(Duration.ofSeconds(30)));
    } finally {
      if (progress != null) {
        progress.close();
      }
      memory.close();
      closed.countDown();
    }
    return status.get();
  }

  /** Releases {@code stop} when the process that started this one is gone. */
  private static void watchParent(CountDownLatch stop) {
    ProcessHandle.current()
        .parent()
        .ifPresent(
            parent -> {
              Thread t =
                  new Thread(
                      () -> {
                        try {
                          while (parent.isAlive() && !stop.await(1, TimeUnit.SECONDS)) {
                            // keep watching
                          }
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        stop.countDown();
                      },
                      "bench-job-parent-watch");
              t.setDaemon(true);
              t.start();
            });
  }
}

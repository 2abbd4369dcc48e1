package dev.hopper.platform.bench;

import dev.hopper.platform.EmbeddedPlatform;
import dev.hopper.platform.bench.jobs.BenchJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Everything one benchmark run owns and must clean up: a working directory (platform data, state
 * directories), the embedded platform on free ports, an admin client, and every child JVM. {@link
 * #close()} stops the children, then the platform, and deletes the working directory; it runs at
 * the end, on failure, and from a shutdown hook on Ctrl-C, and is safe to call more than once.
 */
final class BenchSession implements AutoCloseable {
  private final BenchOptions options;
  private final Console console;
  private final Path workDir;
  private final Path logDir;
  private final List<ChildJvm> children = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private EmbeddedPlatform platform;
  private Admin admin;

  private BenchSession(BenchOptions options, Console console, Path workDir, Path logDir) {
    this.options = options;
    this.console = console;
    this.workDir = workDir;
    this.logDir = logDir;
  }

  /** Creates the working directory and starts the platform (Connect and MongoDB when needed). */
  static BenchSession start(BenchOptions options, Console console) {
    Path workDir;
    try {
      workDir = Files.createTempDirectory("hopper-bench-");
      Files.createDirectories(options.out());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the benchmark's directories", e);
    }
    Path logDir = options.out().resolve("logs");
    EmbeddedPlatform.deleteRecursively(logDir);
    BenchSession session = new BenchSession(options, console, workDir, logDir);
    try {
      boolean sink = options.runs(BenchOptions.Group.SINK);
      EmbeddedPlatform.Builder builder =
          EmbeddedPlatform.builder().dataDir(workDir.resolve("platform"));
      if (!sink) {
        builder.withoutConnect().withoutMongo();
      }
      long t0 = System.nanoTime();
      session.platform = builder.start();
      session.admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, session.bootstrap()));
      console.line(
          "embedded platform up in %.1f s (%s)",
          (System.nanoTime() - t0) / 1e9,
          sink ? "Kafka, registry, MongoDB, Connect" : "Kafka, registry");
      return session;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  BenchOptions options() {
    return options;
  }

  Console console() {
    return console;
  }

  EmbeddedPlatform platform() {
    return platform;
  }

  Admin admin() {
    return admin;
  }

  String bootstrap() {
    return platform.bootstrapServers();
  }

  String registryUrl() {
    return platform.schemaRegistryUrl().orElseThrow();
  }

  /** {@code bootstrap.servers} and {@code schema.registry.url} of the platform. */
  Map<String, String> clientFlags() {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("bootstrap.servers", bootstrap());
    flags.put("schema.registry.url", registryUrl());
    return flags;
  }

  /** A fresh directory under the working directory. */
  Path directory(String name) {
    Path dir = workDir.resolve(name);
    EmbeddedPlatform.deleteRecursively(dir);
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dir, e);
    }
  }

  /** Where child logs go. */
  Path logDir() {
    return logDir;
  }

  /**
   * JVM options of child {@code name}: the same heap for the app and the reference jobs, and with
   * {@code --profile} a JFR recording of each workload's first run ({@code <out>/<name>.jfr}).
   */
  List<String> jvmOptions(String name) {
    List<String> jvm =
        new ArrayList<>(List.of("-Xmx" + options.heap(), "-XX:+ExitOnOutOfMemoryError"));
    if (options.profile() && name.endsWith("-1")) {
      Path jfr = options.out().resolve(name + ".jfr").toAbsolutePath();
      jvm.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
      console.line("%s: recording a JFR profile to %s", name, jfr);
    }
    return jvm;
  }

  /** Starts one of the {@link BenchJob} reference jobs in its own JVM. */
  ChildJvm launchJob(String name, List<String> args) {
    List<String> launch = new ArrayList<>();
    launch.add("-cp");
    launch.add(System.getProperty("java.class.path"));
    launch.add(BenchJob.class.getName());
    launch.addAll(args);
    return register(ChildJvm.start(name, jvmOptions(name), launch, logDir));
  }

  /**
   * Starts {@code hopper-streams.jar} with {@code flags} as {@code -D key=value}, plus {@code
   * extraJvm} options (e.g. a JFR recording).
   */
  ChildJvm launchApp(String name, Map<String, String> flags, List<String> extraJvm) {
    Path jar = options.streamsJar();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar
              + " not found: build it first (make bench builds it, or ./mvnw -B package"
              + " -DskipTests)");
    }
    List<String> jvm = jvmOptions(name);
    jvm.addAll(extraJvm);
    List<String> launch = new ArrayList<>(List.of("-jar", jar.toAbsolutePath().toString()));
    flags.forEach(
        (k, v) -> {
          launch.add("-D");
          launch.add(k + "=" + v);
        });
    return register(ChildJvm.start(name, jvm, launch, logDir));
  }

  private ChildJvm register(ChildJvm child) {
    children.add(child);
    return child;
  }

  /** Stops a child cleanly and forgets it. */
  void stop(ChildJvm child) {
    try {
      child.close();
    } finally {
      children.remove(child);
    }
  }

  /** A free TCP port on the loopback interface. */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port", e);
    }
  }

  /** Committed offsets of consumer group {@code group} on {@code topics}, summed. */
  long committed(String group, Set<String> topics) {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      long sum = 0;
      for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
        if (e.getValue() != null && topics.contains(e.getKey().topic())) {
          sum += e.getValue().offset();
        }
      }
      return sum;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      return -1; // the group may not exist yet
    }
  }

  /** Deletes every topic whose name starts with {@code prefix} (a finished run's topics). */
  void deleteTopics(Collection<String> prefixes) {
    try {
      Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<String> doomed =
          names.stream().filter(n -> prefixes.stream().anyMatch(n::startsWith)).toList();
      if (!doomed.isEmpty()) {
        admin.deleteTopics(doomed).all().get(60, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      console.line("could not delete topics %s: %s", prefixes, e.getMessage());
    }
  }

  /** Sums the sizes of every file under {@code dir}. */
  static long directorySize(Path dir) {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (var files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  return 0; // a file RocksDB deleted meanwhile
                }
              })
          .sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  /** Waits {@code d} (progress loops). */
  static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Stops every child, the admin client and the platform; deletes the working directory. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (ChildJvm child : children) {
      child.close();
    }
    children.clear();
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    if (platform != null) {
      platform.close();
    }
    try {
      EmbeddedPlatform.deleteRecursively(workDir);
    } catch (UncheckedIOException e) {
      console.line("could not delete %s: %s", workDir, e.getMessage());
    }
  }

  /** Configuration of {@code prefix} for the REST port etc. */
  static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
    Map<String, String> m = new HashMap<>(a);
    m.putAll(b);
    return m;
  }
}

package dev.hopper.platform.bench;

import dev.hopper.platform.EmbeddedPlatform;
import dev.hopper.platform.bench.BenchOptions.Group;
import dev.hopper.platform.bench.DrainMeter.Drain;
import dev.hopper.platform.bench.OutputTally.Count;
import dev.hopper.platform.bench.WorkloadResult.Better;
import dev.hopper.topics.HopperTopic;
import dev.hopper.topics.TopicAdmin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The workloads that drain the pre-loaded backlog: the raw consumer and the consumer with Avro
 * decoding, the pass-through baseline, the sales-only job, and the full topology (exactly-once and
 * at-least-once) with its memory figures, followed by the restore and sink workloads that need its
 * state and outputs. Every job runs in its own JVM; every run uses a fresh application id and its
 * own output topics, deleted afterwards.
 */
final class Drains {
  /** Prefix of the pre-loaded input topics. */
  static final String INPUT_PREFIX = "bench.";

  private static final Pattern RESULT =
      Pattern.compile("RESULT records=(\\d+) elapsedNanos=(\\d+) cpuNanos=(\\d+)");
  private static final Pattern RESTORED =
      Pattern.compile("Restored (\\d+) records into (\\d+) store partitions in (\\d+) ms");
  private static final double MIB = 1024.0 * 1024.0;

  private final BenchSession session;
  private final Workloads workloads;
  private final BenchOptions options;
  private final Console console;
  private final BenchTopics inputs;
  private Dataset dataset;
  private Sink sink;

  Drains(BenchSession session, Workloads workloads) {
    this.session = session;
    this.workloads = workloads;
    this.options = session.options();
    this.console = session.console();
    this.inputs = new BenchTopics(INPUT_PREFIX, INPUT_PREFIX, options.partitions());
  }

  /** Generates and sends the backlog. */
  void load() {
    dataset = Dataset.load(options, inputs, session.clientFlags(), console);
  }

  /** One run of every selected drain workload. */
  void round(int run) {
    if (options.runs(Group.CONSUMER)) {
      consume(run, false);
      consume(run, true);
    }
    Double passThrough = options.runs(Group.PASS_THROUGH) ? passThrough(run) : null;
    if (options.runs(Group.SALES_ONLY)) {
      salesOnly(run);
    }
    if (options.runsFullDrain()) {
      full(run, true, passThrough);
    }
    if (options.runs(Group.FULL) && !options.quick()) {
      full(run, false, passThrough); // at-least-once: left out of the 3-minute smoke check
    }
  }

  private Dataset.Expectation expected() {
    return dataset.expectation();
  }

  /** Order records in the backlog: valid, invalid and trailing ones. */
  private long orders() {
    return expected().count(HopperTopic.SHOP_ORDERS);
  }

  /**
   * Valid orders, trailing ones left out: each must come out enriched and with a payment status.
   */
  private long validOrders() {
    return expected().orders();
  }

  /** Time allowed for a drain: generous, at least 5 minutes. */
  private Duration timeout(long records) {
    return Duration.ofSeconds(300 + records / 2_000);
  }

  private void consume(int run, boolean decode) {
    WorkloadResult r =
        decode
            ? workloads.result(
                Workloads.CONSUMER_DECODE,
                "A plain consumer that reads every order and Avro-decodes it with Hopper's"
                    + " deserializer.")
            : workloads.result(
                Workloads.CONSUMER, "A plain consumer that reads every order as raw bytes.");
    workloads.attempt(
        r,
        run,
        () -> {
          List<String> args = new ArrayList<>();
          args.addAll(
              List.of(
                  "consume",
                  "--bootstrap",
                  session.bootstrap(),
                  "--topic",
                  inputs.name(HopperTopic.SHOP_ORDERS)));
          if (decode) {
            args.addAll(List.of("--registry", session.registryUrl()));
          }
          ChildJvm job = session.launchJob(r.name().replace('+', '-') + "-" + run, args);
          try {
            int code = job.awaitExit(timeout(orders()));
            if (code != 0) {
              throw new IllegalStateException(
                  "the consumer exited with " + code + ":\n" + job.tail(10));
            }
            Matcher m =
                new Probes.LogScan(job.log(), RESULT)
                    .find()
                    .orElseThrow(() -> new IllegalStateException("no RESULT line in " + job.log()));
            long records = Long.parseLong(m.group(1));
            double seconds = Long.parseLong(m.group(2)) / 1e9;
            double cpu = Long.parseLong(m.group(3)) / 1e9;
            r.add("throughput", "records/s", Better.HIGHER, records / seconds);
            r.add(
                "input records per CPU-second",
                "records/CPU-s",
                Better.HIGHER,
                records / Math.max(1e-3, cpu));
            r.check("orders read", run, orders(), records);
            console.line(
                "%s run %d: %s records/s", r.name(), run, Console.number(records / seconds));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
          } finally {
            session.stop(job);
          }
        });
  }

  /** The common {@code -D} flags of a streams job or app of one run. */
  private Map<String, String> streamsFlags(BenchTopics topics, String applicationId, Path state) {
    Map<String, String> flags = new LinkedHashMap<>(session.clientFlags());
    flags.putAll(topics.flags());
    flags.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    flags.put("hopper.state.dir", state.toString());
    flags.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(options.threads()));
    return flags;
  }

  private static List<String> asJobArgs(String job, Map<String, String> flags, String... extra) {
    List<String> args = new ArrayList<>(List.of(job));
    args.addAll(List.of(extra));
    flags.forEach(
        (k, v) -> {
          args.add("-D");
          args.add(k + "=" + v);
        });
    return args;
  }

  private Double passThrough(int run) {
    WorkloadResult r =
        workloads
            .result(
                Workloads.PASS_THROUGH,
                "Kafka Streams with Hopper's serdes and configuration: consume orders,"
                    + " Avro-decode, re-encode, produce; nothing else. The physical-limit"
                    + " reference. The main consumer keeps Kafka's default fetch size (the"
                    + " app's smaller one is for tasks with several inputs).")
            .setting(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
            .setting(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.threads())
            .setting(
                StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                ConsumerConfig.DEFAULT_MAX_PARTITION_FETCH_BYTES);
    Double[] rate = {null};
    String app = "bench-pass-through-" + run;
    String prefix = "pt-" + run + ".";
    workloads.attempt(
        r,
        run,
        () -> {
          BenchTopics topics = new BenchTopics(INPUT_PREFIX, prefix, options.partitions());
          String output = prefix + "shop.orders.copy";
          createTopic(output);
          Map<String, String> flags = streamsFlags(topics, app, session.directory(app));
          ChildJvm job =
              session.launchJob(
                  "pass-through-" + run, asJobArgs("pass-through", flags, "--output", output));
          String ordersTopic = inputs.name(HopperTopic.SHOP_ORDERS);
          try {
            Drain d =
                DrainMeter.await(
                    console,
                    new DrainMeter.Watch(
                        "pass-through run " + run,
                        job,
                        Probes.logContains(job.log(), "STATE RUNNING"),
                        () -> session.committed(app, Set.of(ordersTopic)),
                        orders(),
                        () -> session.committed(app, Set.of(ordersTopic)) >= orders(),
                        () -> "",
                        timeout(orders()),
                        null));
            Workloads.recordDrain(r, d);
            rate[0] = d.rate();
            console.line(
                "pass-through run %d: %s records/s, %s records per CPU-second",
                run, Console.number(d.rate()), Console.number(d.perCpuSecond()));
          } finally {
            session.stop(job);
          }
          try (OutputTally tally =
              new OutputTally(session.bootstrap(), session.registryUrl(), List.of(output), null)) {
            // The tally leaves the generator's trailing orders out.
            long copies = orders() - expected().trailingOrders();
            long copied = awaitKeys(tally, output, copies, Duration.ofSeconds(60));
            r.check("orders copied", run, copies, copied);
          }
        });
    session.deleteTopics(List.of(prefix, app + "-"));
    return rate[0];
  }

  private void salesOnly(int run) {
    WorkloadResult r =
        workloads
            .result(
                Workloads.SALES_ONLY,
                "Hopper's exact sales-by-category job alone (validation gate, per-partition"
                    + " watermarks and pre-aggregation, repartition by category, 1-minute windows"
                    + " closed on the minimum watermark), for the job-for-job comparison with"
                    + " the issue's reference figures.")
            .setting(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
            .setting(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.threads());
    String app = "bench-sales-only-" + run;
    String prefix = "sales-" + run + ".";
    workloads.attempt(
        r,
        run,
        () -> {
          BenchTopics topics = new BenchTopics(INPUT_PREFIX, prefix, options.partitions());
          ensureTopics(topics);
          Map<String, String> flags = streamsFlags(topics, app, session.directory(app));
          String sales = topics.name(HopperTopic.SHOP_SALES_BY_CATEGORY);
          String rejected = topics.name(HopperTopic.REJECTED);
          String ordersTopic = inputs.name(HopperTopic.SHOP_ORDERS);
          try (OutputTally tally =
              new OutputTally(
                  session.bootstrap(), session.registryUrl(), List.of(sales, rejected), sales)) {
            ChildJvm job = session.launchJob("sales-only-" + run, asJobArgs("sales-only", flags));
            try {
              Drain d =
                  DrainMeter.await(
                      console,
                      new DrainMeter.Watch(
                          "sales-only run " + run,
                          job,
                          Probes.logContains(job.log(), "STATE RUNNING"),
                          () -> session.committed(app, Set.of(ordersTopic)),
                          orders(),
                          () ->
                              session.committed(app, Set.of(ordersTopic)) >= orders()
                                  && tally.count(sales).keys() >= expected().windows(),
                          () -> "windows " + Console.count(tally.count(sales).keys()),
                          timeout(orders()),
                          null));
              Workloads.recordDrain(r, d);
              console.line(
                  "sales-only run %d: %s records/s, %s records per CPU-second",
                  run, Console.number(d.rate()), Console.number(d.perCpuSecond()));
            } finally {
              session.stop(job);
            }
            Count windows = tally.count(sales);
            r.check("final windows", run, expected().windows(), windows.keys());
            r.check("windows emitted twice", run, 0, windows.records() - windows.keys());
            r.check(
                "orders counted in windows",
                run,
                expected().windowedOrders(),
                windowsOrders(windows));
            r.check("dead letters", run, expected().rejected(), tally.count(rejected).records());
          }
        });
    session.deleteTopics(List.of(prefix, app + "-"));
  }

  private static long windowsOrders(Count c) {
    return c.windowedOrders();
  }

  private void full(int run, boolean eos, Double passThroughRate) {
    String guarantee = eos ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE;
    WorkloadResult r =
        workloads
            .result(
                eos ? Workloads.FULL_EOS : Workloads.FULL_ALO,
                "The real app (hopper-streams.jar, default configuration) draining the backlog"
                    + " from a cold start: validation, enrichment, candles, price moves, sales,"
                    + " payment reconciliation, customer stats. Input records are orders,"
                    + " payments, quotes and products (the customers are a global table loaded"
                    + " before RUNNING).")
            .setting(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee)
            .setting(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.threads())
            .setting("input records", expected().streamInputs())
            .setting("customers", expected().count(HopperTopic.SHOP_CUSTOMERS))
            .setting("heap", options.heap());
    String tag = eos ? "full-eos-" : "full-alo-";
    String app = "bench-" + tag + run;
    String prefix = tag + run + ".";
    workloads.attempt(
        r,
        run,
        () -> {
          BenchTopics topics = new BenchTopics(INPUT_PREFIX, prefix, options.partitions());
          ensureTopics(topics);
          Path state = session.directory(app);
          Map<String, String> flags = streamsFlags(topics, app, state);
          flags.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
          int port = BenchSession.freePort();
          flags.put("hopper.rest.port", Integer.toString(port));
          String enriched = topics.name(HopperTopic.SHOP_ORDERS_ENRICHED);
          String payments = topics.name(HopperTopic.SHOP_ORDERS_PAYMENT_STATUS);
          String sales = topics.name(HopperTopic.SHOP_SALES_BY_CATEGORY);
          String rejected = topics.name(HopperTopic.REJECTED);
          Set<String> inputTopics =
              Set.of(
                  inputs.name(HopperTopic.SHOP_ORDERS),
                  inputs.name(HopperTopic.SHOP_PAYMENTS),
                  inputs.name(HopperTopic.CRYPTO_QUOTES),
                  inputs.name(HopperTopic.SHOP_PRODUCTS));
          long total = expected().streamInputs();
          ChildJvm child = null;
          boolean restoring = false;
          try (OutputTally tally =
              new OutputTally(
                  session.bootstrap(),
                  session.registryUrl(),
                  List.of(enriched, payments, sales, rejected),
                  sales)) {
            child = session.launchApp(tag + run, flags, List.of());
            BooleanSupplier outputsDone =
                () ->
                    tally.count(enriched).keys() >= validOrders()
                        && tally.count(payments).keys() >= validOrders()
                        && tally.count(sales).keys() >= expected().windows();
            Drain d =
                DrainMeter.await(
                    console,
                    new DrainMeter.Watch(
                        r.name() + " run " + run,
                        child,
                        Probes.ready(port),
                        () -> session.committed(app, inputTopics),
                        total,
                        eos
                            ? () ->
                                outputsDone.getAsBoolean()
                                    && session.committed(app, inputTopics) >= total
                            : outputsDone,
                        () ->
                            String.format(
                                java.util.Locale.ROOT,
                                "outputs: %s enriched, %s payment statuses, %s windows",
                                Console.count(tally.count(enriched).keys()),
                                Console.count(tally.count(payments).keys()),
                                Console.count(tally.count(sales).keys())),
                        timeout(total),
                        () -> tally.count(enriched).keys() > 0));
            Workloads.recordDrain(r, d);
            if (!Double.isNaN(d.firstOutputSeconds())) {
              // An order is enriched once the quotes of its time have been read: how long the
              // enrichment waited for its inputs after the app was ready.
              r.add(
                  "first enriched order after RUNNING", "s", Better.LOWER, d.firstOutputSeconds());
            }
            r.add("orders per second", "orders/s", Better.HIGHER, orders() / d.steadySeconds());
            if (passThroughRate != null) {
              r.add("ratio to pass-through", "%", Better.HIGHER, 100 * d.rate() / passThroughRate);
            }
            child.peakHeapBytes().ifPresent(b -> r.add("peak heap", "MiB", Better.LOWER, b / MIB));
            child.peakRssBytes().ifPresent(b -> r.add("peak RSS", "MiB", Better.LOWER, b / MIB));
            r.add("state on disk", "MiB", Better.LOWER, BenchSession.directorySize(state) / MIB);
            console.line(
                "%s run %d: %s input records/s (%s orders/s), %s per CPU-second%s",
                r.name(),
                run,
                Console.number(d.rate()),
                Console.number(orders() / d.steadySeconds()),
                Console.number(d.perCpuSecond()),
                passThroughRate == null
                    ? ""
                    : String.format(
                        java.util.Locale.ROOT,
                        ", %.0f %% of pass-through",
                        100 * d.rate() / passThroughRate));
            Count e = tally.count(enriched);
            Count p = tally.count(payments);
            Count s = tally.count(sales);
            r.check("enriched orders", run, validOrders(), e.keys());
            r.check("enriched orders emitted twice", run, 0, e.records() - e.keys());
            r.check("payment statuses", run, validOrders(), p.keys());
            r.check("payment statuses emitted twice", run, 0, p.records() - p.keys());
            r.check("final sales windows", run, expected().windows(), s.keys());
            r.check("sales windows emitted twice", run, 0, s.records() - s.keys());
            r.check(
                "orders counted in windows", run, expected().windowedOrders(), s.windowedOrders());
            r.check("dead letters", run, expected().rejected(), tally.count(rejected).records());
            if (eos && options.runs(Group.RESTORE)) {
              restoring = true;
              session.stop(child);
              child = null;
              restore(run, flags, state);
            }
          } finally {
            if (child != null) {
              session.stop(child);
            }
          }
          if (eos && options.runs(Group.SINK)) {
            sink().run(run, topics);
          }
          if (!restoring) {
            EmbeddedPlatform.deleteRecursively(state);
          }
        });
    session.deleteTopics(List.of(prefix, app + "-"));
  }

  private void restore(int run, Map<String, String> flags, Path state) {
    WorkloadResult r =
        workloads.result(
            Workloads.RESTORE,
            "The full exactly-once app after its drain, stopped, its state directory wiped and"
                + " restarted: time to RUNNING, and the restore rate its restore listener"
                + " reports.");
    workloads.attempt(
        r,
        run,
        () -> {
          long stateBytes = BenchSession.directorySize(state);
          EmbeddedPlatform.deleteRecursively(state);
          Map<String, String> again = new LinkedHashMap<>(flags);
          int port = BenchSession.freePort();
          again.put("hopper.rest.port", Integer.toString(port));
          ChildJvm child = session.launchApp("restore-" + run, again, List.of());
          try {
            BooleanSupplier ready = Probes.ready(port);
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (!ready.getAsBoolean()) {
              child.requireAlive();
              if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the restored app was not RUNNING within 10 min");
              }
              BenchSession.pause(Duration.ofMillis(100));
            }
            double toRunning = (System.nanoTime() - child.launchedAtNanos()) / 1e9;
            Probes.LogScan scan = new Probes.LogScan(child.log(), RESTORED);
            Optional<Matcher> line = scan.find();
            for (int i = 0; i < 50 && line.isEmpty(); i++) {
              BenchSession.pause(Duration.ofMillis(100));
              line = scan.find();
            }
            Matcher m =
                line.orElseThrow(
                    () -> new IllegalStateException("the app logged no 'Restored ...' line"));
            long records = Long.parseLong(m.group(1));
            long millis = Math.max(1, Long.parseLong(m.group(3)));
            r.add("time to RUNNING", "s", Better.LOWER, toRunning);
            r.add("restore rate", "records/s", Better.HIGHER, records * 1000.0 / millis);
            r.add("records restored", "records", Better.NEITHER, records);
            r.add("state restored", "MiB", Better.NEITHER, stateBytes / MIB);
            console.line(
                "restore run %d: RUNNING after %.1f s, %s records restored at %s records/s",
                run, toRunning, Console.count(records), Console.number(records * 1000.0 / millis));
          } finally {
            session.stop(child);
            EmbeddedPlatform.deleteRecursively(state);
          }
        });
  }

  private Sink sink() {
    if (sink == null) {
      sink = new Sink(session, workloads);
    }
    return sink;
  }

  /** Waits until {@code topic} shows {@code expected} distinct keys; returns what it shows. */
  static long awaitKeys(OutputTally tally, String topic, long expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (tally.count(topic).keys() < expected && System.nanoTime() < deadline) {
      BenchSession.pause(Duration.ofMillis(200));
    }
    return tally.count(topic).keys();
  }

  private void createTopic(String name) {
    try {
      session
          .admin()
          .createTopics(
              List.of(
                  new NewTopic(name, options.partitions(), (short) 1)
                      .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1"))))
          .all()
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("Cannot create " + name + ": " + e.getCause(), e);
    }
  }

  /** Creates every topic of a run (inputs exist already) and waits until each is served. */
  private void ensureTopics(BenchTopics topics) {
    var specs = topics.catalog().all();
    TopicAdmin.ensureTopics(session.admin(), specs);
    TopicAdmin.awaitReady(
        session.admin(), specs.stream().map(s -> s.name()).toList(), Duration.ofSeconds(60));
  }
}

package dev.hopper.platform.bench;

import dev.hopper.config.LayeredConfig;
import dev.hopper.platform.bench.BenchOptions.Group;
import dev.hopper.platform.bench.WorkloadResult.Better;
import dev.hopper.producers.generate.DataGenerator;
import dev.hopper.producers.generate.GeneratedRecord;
import dev.hopper.producers.generate.GeneratorConfig;
import dev.hopper.producers.kafka.HopperProducer;
import dev.hopper.producers.kafka.KafkaClients;
import dev.hopper.topics.HopperTopic;
import dev.hopper.topics.TopicAdmin;
import dev.hopper.topics.TopicSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The workloads on a live input at a fixed rate (event time = wall-clock time): end-to-end latency
 * with commit interval 100 ms and 1000 ms, and REST lookups under that load.
 *
 * <p>Settings that differ from the app's defaults, and why: a quote every 100 ms with quote grace 0
 * (an order is valued with the quotes as of its time, so it waits for the first quote after it;
 * with the default 30 s grace every order would wait 30 s by design), and 5-second sales windows
 * with 1 s grace (so that windows close during a one-minute run; how long a final takes after the
 * close does not depend on the window length).
 */
final class LiveWorkloads {
  private static final Duration QUOTE_INTERVAL = Duration.ofMillis(100);
  private static final Duration SALES_WINDOW = Duration.ofSeconds(5);
  private static final Duration SALES_GRACE = Duration.ofSeconds(1);
  private static final int LIVE_CUSTOMERS = 10_000;
  private static final int REST_CLIENTS = 4;

  private final BenchSession session;
  private final Workloads workloads;
  private final BenchOptions options;
  private final Console console;

  LiveWorkloads(BenchSession session, Workloads workloads) {
    this.session = session;
    this.workloads = workloads;
    this.options = session.options();
    this.console = session.console();
  }

  void run() {
    if (options.runs(Group.LATENCY)) {
      for (int run = 1; run <= options.runs(); run++) {
        latency(run, 100);
        if (!options.quick()) {
          latency(run, 1000); // the smoke check keeps to one commit interval to fit 3 minutes
        }
      }
    }
    if (options.runs(Group.QUERIES)) {
      queries();
    }
  }

  /** A running app on fresh live topics, with its producer. */
  private final class LiveApp implements AutoCloseable {
    final String prefix;
    final String applicationId;
    final BenchTopics topics;
    final int port;
    final HopperProducer producer;
    final Iterator<GeneratedRecord> orders;
    final ChildJvm child;

    LiveApp(String tag, long commitMs, long seed) {
      prefix = tag + ".";
      applicationId = "bench-" + tag;
      topics = new BenchTopics(prefix, prefix, options.partitions());
      List<TopicSpec> specs = topics.catalog().all();
      TopicAdmin.ensureTopics(session.admin(), specs);
      TopicAdmin.awaitReady(
          session.admin(), specs.stream().map(TopicSpec::name).toList(), Duration.ofSeconds(60));
      long needed =
          (long) options.rate()
                  * (options.warmup().toSeconds() + options.duration().toSeconds() + 120)
              + 10_000;
      GeneratorConfig config =
          GeneratorConfig.builder()
              .seed(seed)
              .orders(needed)
              .customers(LIVE_CUSTOMERS)
              .products(options.products())
              .includeQuotes(false)
              .trailers(false)
              .quotesFirst(false)
              .partitions(options.partitions())
              .start(Instant.now())
              .build();
      Map<String, String> flags = new LinkedHashMap<>(session.clientFlags());
      flags.putAll(topics.flags());
      flags.put(ProducerConfig.LINGER_MS_CONFIG, "5");
      producer =
          HopperProducer.create(
              LayeredConfig.builder().defaults(KafkaClients.defaults()).flags(flags).build(),
              "hopper-bench-" + tag);
      var catalog = DataGenerator.catalog(config);
      Instant entities = Instant.now().minusSeconds(60);
      catalog
          .products()
          .forEach(p -> producer.send(HopperTopic.SHOP_PRODUCTS, p.getProductId(), p, entities));
      catalog
          .customers()
          .forEach(c -> producer.send(HopperTopic.SHOP_CUSTOMERS, c.getCustomerId(), c, entities));
      producer.flush();
      orders = DataGenerator.stream(config);

      Map<String, String> app = new LinkedHashMap<>(session.clientFlags());
      app.putAll(topics.flags());
      app.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
      app.put("hopper.state.dir", session.directory(applicationId).toString());
      app.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(options.threads()));
      app.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitMs));
      app.put("hopper.sales.window", SALES_WINDOW.toSeconds() + "s");
      app.put("hopper.sales.grace", SALES_GRACE.toSeconds() + "s");
      app.put("hopper.quotes.grace", "0s");
      port = BenchSession.freePort();
      app.put("hopper.rest.port", Integer.toString(port));
      child = session.launchApp(tag, app, List.of());
      BooleanSupplier ready = Probes.ready(port);
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (!ready.getAsBoolean()) {
        child.requireAlive();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(tag + ": the app was not RUNNING within 3 min");
        }
        BenchSession.pause(Duration.ofMillis(200));
      }
    }

    LiveFeed feed() {
      return new LiveFeed(producer, orders, options.rate(), QUOTE_INTERVAL);
    }

    String base() {
      return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
      try {
        producer.close();
      } catch (RuntimeException e) {
        console.line("live producer: %s", e.getMessage());
      }
      session.stop(child);
      session.deleteTopics(List.of(prefix, applicationId + "-"));
    }
  }

  private void latency(int run, long commitMs) {
    String name = commitMs == 100 ? Workloads.LATENCY_100 : Workloads.LATENCY_1000;
    WorkloadResult r =
        workloads
            .result(
                name,
                "The real app on a live input of "
                    + options.rate()
                    + " orders/s: time from the producer's send to the enriched order visible to"
                    + " a read_committed consumer, and from a sales window's close (end + grace)"
                    + " to its final record.")
            .setting("commit.interval.ms", commitMs)
            .setting("orders per second", options.rate())
            .setting("measured seconds", options.duration().toSeconds())
            .setting("warm-up seconds", options.warmup().toSeconds())
            .setting("quote interval ms", QUOTE_INTERVAL.toMillis())
            .setting("hopper.quotes.grace", "0s")
            .setting("hopper.sales.window", SALES_WINDOW.toSeconds() + "s")
            .setting("hopper.sales.grace", SALES_GRACE.toSeconds() + "s")
            .setting("transactional hops to enriched orders", Targets.ENRICHED_HOPS);
    String tag = "lat-" + commitMs + "-" + run;
    workloads.attempt(
        r,
        run,
        () -> {
          try (LiveApp app = new LiveApp(tag, commitMs, options.seed() + run)) {
            LiveFeed feed = app.feed();
            try (LatencyProbe probe =
                new LatencyProbe(
                    session.bootstrap(),
                    app.topics.name(HopperTopic.SHOP_ORDERS_ENRICHED),
                    app.topics.name(HopperTopic.SHOP_SALES_BY_CATEGORY),
                    feed,
                    SALES_WINDOW,
                    SALES_GRACE)) {
              watch(app, feed, options.warmup(), name + " run " + run + " warm-up", null);
              long sentBefore = feed.sent();
              long t0 = System.nanoTime();
              probe.measureFrom(System.currentTimeMillis());
              feed.startRecording();
              watch(app, feed, options.duration(), name + " run " + run, probe);
              long recorded = feed.stopRecording();
              probe.measureUntil(System.currentTimeMillis());
              double seconds = (System.nanoTime() - t0) / 1e9;
              double achieved = (feed.sent() - sentBefore) / seconds;
              // Let the last recorded orders and windows through (or time out: counted missing).
              long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
              while (feed.pending() > 0 && System.nanoTime() < deadline) {
                app.child.requireAlive();
                BenchSession.pause(Duration.ofMillis(100));
              }
              BenchSession.pause(Duration.ofMillis(Math.max(2_000, 3 * commitMs)));
              feed.close();
              long[] e = probe.enriched();
              long[] f = probe.finals();
              r.check("recorded orders seen enriched", run, recorded, recorded - feed.pending());
              r.add("achieved rate", "orders/s", Better.NEITHER, achieved);
              if (e.length > 0) {
                r.add("enriched p50", "ms", Better.LOWER, Stats.percentile(e, 50) / 1000.0);
                r.add("enriched p95", "ms", Better.LOWER, Stats.percentile(e, 95) / 1000.0);
                r.add("enriched p99", "ms", Better.LOWER, Stats.percentile(e, 99) / 1000.0);
                r.add("enriched max", "ms", Better.LOWER, e[e.length - 1] / 1000.0);
              }
              if (f.length > 0) {
                r.add("window final p50", "ms", Better.LOWER, Stats.percentile(f, 50) / 1000.0);
                r.add("window final p99", "ms", Better.LOWER, Stats.percentile(f, 99) / 1000.0);
                r.add("window finals timed", "windows", Better.NEITHER, f.length);
              }
              console.line(
                  "%s run %d: %s orders/s, enriched p50/p99 %s/%s ms, window final p99 %s ms",
                  name,
                  run,
                  Console.number(achieved),
                  e.length == 0 ? "-" : Console.number(Stats.percentile(e, 50) / 1000.0),
                  e.length == 0 ? "-" : Console.number(Stats.percentile(e, 99) / 1000.0),
                  f.length == 0 ? "-" : Console.number(Stats.percentile(f, 99) / 1000.0));
              if (achieved < 0.95 * options.rate()) {
                r.note(
                    "run "
                        + run
                        + ": the feed reached only "
                        + Math.round(achieved)
                        + " orders/s of "
                        + options.rate());
              }
            } finally {
              feed.close();
            }
          }
        });
  }

  /** Feeds for {@code d}, checking the app and the feed every second, with progress lines. */
  private void watch(LiveApp app, LiveFeed feed, Duration d, String label, LatencyProbe probe) {
    long end = System.nanoTime() + d.toNanos();
    long lastReport = System.nanoTime();
    while (System.nanoTime() < end) {
      BenchSession.pause(
          Duration.ofMillis(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000))));
      app.child.requireAlive();
      feed.check();
      if (System.nanoTime() - lastReport > 10_000_000_000L) {
        lastReport = System.nanoTime();
        long[] e = probe == null ? new long[0] : probe.enriched();
        console.line(
            "  %s: %s orders sent%s",
            label,
            Console.count(feed.sent()),
            e.length == 0
                ? ""
                : String.format(
                    java.util.Locale.ROOT,
                    ", enriched p99 so far %s ms",
                    Console.number(Stats.percentile(e, 99) / 1000.0)));
      }
    }
  }

  private void queries() {
    WorkloadResult r =
        workloads
            .result(
                Workloads.QUERIES,
                "REST lookups against the app while it processes a live input of "
                    + options.rate()
                    + " orders/s: single-key (customer stats) and range (sales windows of every"
                    + " category over the last minute), "
                    + REST_CLIENTS
                    + " closed-loop clients.")
            .setting("clients", REST_CLIENTS)
            .setting("round seconds", options.queryDuration().toSeconds())
            .setting("orders per second", options.rate());
    try (LiveApp app = new LiveApp("queries", 100, options.seed() + 100)) {
      LiveFeed feed = app.feed();
      try {
        watch(app, feed, options.warmup(), "queries warm-up", null);
        for (int run = 1; run <= options.runs(); run++) {
          int round = run;
          workloads.attempt(
              r,
              run,
              () -> {
                try {
                  QueryLoad.Outcome single =
                      QueryLoad.run(
                          app.base(),
                          REST_CLIENTS,
                          options.queryDuration(),
                          random -> {
                            String customer = feed.recentCustomer(random);
                            return customer == null
                                ? null
                                : "/api/v1/customers/" + customer + "/stats";
                          });
                  long now = System.currentTimeMillis();
                  String range =
                      "/api/v1/sales/categories?interval="
                          + SALES_WINDOW.toSeconds()
                          + "s&from="
                          + (now - 60_000)
                          + "&to="
                          + now;
                  QueryLoad.Outcome ranges =
                      QueryLoad.run(
                          app.base(), REST_CLIENTS, options.queryDuration(), random -> range);
                  app.child.requireAlive();
                  feed.check();
                  record(r, "single-key", single);
                  record(r, "range", ranges);
                  r.check("single-key errors", round, 0, single.errors());
                  r.check("range errors", round, 0, ranges.errors());
                  console.line(
                      "queries run %d: single-key %s/s (p99 %s ms), range %s/s (p99 %s ms)",
                      round,
                      Console.number(single.perSecond()),
                      Console.number(p99(single)),
                      Console.number(ranges.perSecond()),
                      Console.number(p99(ranges)));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException("interrupted", e);
                }
              });
        }
      } finally {
        feed.close();
      }
    } catch (RuntimeException e) {
      if (r.failure().isEmpty()) {
        r.fail(e.getMessage() == null ? e.toString() : e.getMessage());
        console.line("queries FAILED: %s", r.failure().orElseThrow());
      }
    }
  }

  private static double p99(QueryLoad.Outcome o) {
    return o.sortedMicros().length == 0 ? 0 : Stats.percentile(o.sortedMicros(), 99) / 1000.0;
  }

  private static void record(WorkloadResult r, String kind, QueryLoad.Outcome o) {
    r.add(kind + " lookups per second", "lookups/s", Better.HIGHER, o.perSecond());
    if (o.sortedMicros().length > 0) {
      r.add(kind + " p50", "ms", Better.LOWER, Stats.percentile(o.sortedMicros(), 50) / 1000.0);
      r.add(kind + " p99", "ms", Better.LOWER, p99(o));
    }
  }
}

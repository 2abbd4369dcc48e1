package dev.hopper.platform.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Closed-loop REST load: {@code clients} threads each send one request, wait for the answer and
 * send the next, for a fixed time. Counts answers by kind and keeps every latency.
 */
final class QueryLoad {
  /** What a round of load measured. */
  record Outcome(long ok, long notFound, long errors, double seconds, long[] sortedMicros) {
    /** Answered lookups (found or not) per second. */
    double perSecond() {
      return (ok + notFound) / seconds;
    }
  }

  private QueryLoad() {}

  /**
   * Runs {@code clients} threads for {@code duration}, each asking for the path {@code path}
   * returns (relative to {@code base}) with its own random source.
   */
  static Outcome run(
      String base, int clients, Duration duration, Function<SplittableRandom, String> path)
      throws InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    AtomicLong ok = new AtomicLong();
    AtomicLong notFound = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<Stats.Samples> samples = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long end = System.nanoTime() + duration.toNanos();
    long t0 = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      Stats.Samples mine = new Stats.Samples();
      samples.add(mine);
      SplittableRandom random = new SplittableRandom(31L * c + 1);
      Thread t =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  String p = path.apply(random);
                  if (p == null) {
                    continue;
                  }
                  HttpRequest request =
                      HttpRequest.newBuilder(URI.create(base + p))
                          .timeout(Duration.ofSeconds(10))
                          .build();
                  long s = System.nanoTime();
                  try {
                    int status =
                        http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                    mine.add((System.nanoTime() - s) / 1_000);
                    if (status == 200) {
                      ok.incrementAndGet();
                    } else if (status == 404) {
                      notFound.incrementAndGet();
                    } else {
                      errors.incrementAndGet();
                    }
                  } catch (IOException e) {
                    errors.incrementAndGet();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              },
              "bench-rest-client-" + c);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Stats.Samples all = new Stats.Samples();
    for (Stats.Samples s : samples) {
      for (long v : s.sorted()) {
        all.add(v);
      }
    }
    return new Outcome(ok.get(), notFound.get(), errors.get(), seconds, all.sorted());
  }
}

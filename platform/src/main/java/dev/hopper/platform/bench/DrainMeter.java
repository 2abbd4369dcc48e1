package dev.hopper.platform.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Times a streams job draining a pre-loaded backlog, from outside its process: it polls the job's
 * readiness, its committed input offsets and its CPU time until its outputs are complete.
 *
 * <p>The steady figures run from the moment the job reports RUNNING (so JVM start-up, the loading
 * of global tables and the first rebalance are excluded, as in the reference figures) to
 * the moment the outputs are complete; the cold figure runs from the launch of the JVM.
 */
final class DrainMeter {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final long PROGRESS_NANOS = 5_000_000_000L;

  /**
   * The measurement of one drain; {@code firstOutputSeconds} runs from RUNNING to the first output
   * the watch looks for (NaN when it looks for none).
   */
  record Drain(
      long steadyRecords,
      double steadySeconds,
      double steadyCpuSeconds,
      double coldSeconds,
      double totalCpuSeconds,
      double firstOutputSeconds) {
    /** Input records per second, steady. */
    double rate() {
      return steadyRecords / steadySeconds;
    }

    /** Input records per CPU-second of the job's process, steady. */
    double perCpuSecond() {
      return steadyRecords / Math.max(1e-3, steadyCpuSeconds);
    }
  }

  /**
   * What the meter watches of one drain; {@code firstOutput} is null when no first-output figure is
   * wanted.
   */
  record Watch(
      String label,
      ChildJvm child,
      BooleanSupplier running,
      LongSupplier committed,
      long total,
      BooleanSupplier done,
      Supplier<String> status,
      Duration timeout,
      BooleanSupplier firstOutput) {}

  private DrainMeter() {}

  /**
   * Waits until the job is done.
   *
   * @throws IllegalStateException when the job dies or does not finish in time
   */
  static Drain await(Console console, Watch w) {
    long deadline = System.nanoTime() + w.timeout().toNanos();
    long firstAt = -1;
    long firstRecords = 0;
    long firstCpu = 0;
    long lastCpu = 0;
    long lastReport = System.nanoTime();
    long lastReportRecords = 0;
    long firstOutputAt = -1;
    while (true) {
      w.child().requireAlive();
      long cpu = w.child().cpuNanos().orElse(lastCpu);
      lastCpu = cpu;
      long now = System.nanoTime();
      if (firstAt < 0 && w.running().getAsBoolean()) {
        firstAt = now;
        firstRecords = Math.max(0, w.committed().getAsLong());
        firstCpu = cpu;
      }
      if (firstAt >= 0
          && firstOutputAt < 0
          && w.firstOutput() != null
          && w.firstOutput().getAsBoolean()) {
        firstOutputAt = now;
      }
      if (firstAt >= 0 && w.done().getAsBoolean()) {
        if (now == firstAt) {
          throw new IllegalStateException(w.label() + " finished at once: too little data to time");
        }
        return new Drain(
            w.total() - firstRecords,
            (now - firstAt) / 1e9,
            (cpu - firstCpu) / 1e9,
            (now - w.child().launchedAtNanos()) / 1e9,
            cpu / 1e9,
            firstOutputAt < 0 ? Double.NaN : (firstOutputAt - firstAt) / 1e9);
      }
      if (now > deadline) {
        throw new IllegalStateException(
            w.label()
                + " did not finish within "
                + w.timeout().toSeconds()
                + " s: "
                + Console.count(Math.max(0, w.committed().getAsLong()))
                + "/"
                + Console.count(w.total())
                + " input records committed; "
                + w.status().get());
      }
      if (now - lastReport >= PROGRESS_NANOS) {
        long committed = Math.max(0, w.committed().getAsLong());
        console.line(
            "  %s: %s/%s input records committed (%s records/s), CPU %.0f s; %s",
            w.label(),
            Console.count(committed),
            Console.count(w.total()),
            Console.number((committed - lastReportRecords) * 1e9 / (now - lastReport)),
            cpu / 1e9,
            firstAt < 0 ? "starting" : w.status().get());
        lastReport = now;
        lastReportRecords = committed;
      }
      BenchSession.pause(POLL);
    }
  }
}

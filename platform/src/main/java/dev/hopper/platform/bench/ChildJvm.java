package dev.hopper.platform.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the benchmark runs the code under test in, so that its CPU time, resident set and heap are
 * its own and not the embedded services'. Output goes to a log file; the GC log gives the peak
 * heap. {@link #close()} stops it (SIGTERM, then SIGKILL after a grace period); the {@link
 * BenchSession} closes every child that is still running, also on failure and Ctrl-C.
 */
public final class ChildJvm implements AutoCloseable {
  private static final Duration STOP_GRACE = Duration.ofSeconds(40);

  private final String name;
  private final Process process;
  private final Path log;
  private final Path gcLog;
  private final long launchedAtNanos;

  private ChildJvm(String name, Process process, Path log, Path gcLog, long launchedAtNanos) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.gcLog = gcLog;
    this.launchedAtNanos = launchedAtNanos;
  }

  /**
   * Starts {@code java <jvmOptions> <GC log option> <launch...>}, where {@code launch} is {@code
   * -jar JAR args...} or {@code -cp CP MAIN args...}; output and errors go to {@code dir/name.log}.
   */
  static ChildJvm start(String name, List<String> jvmOptions, List<String> launch, Path dir) {
    Path log = dir.resolve(name + ".log");
    Path gcLog = dir.resolve(name + ".gc.log");
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(jvmOptions);
    command.add(GcLog.option(gcLog));
    command.addAll(launch);
    try {
      Files.createDirectories(dir);
      long t0 = System.nanoTime();
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new ChildJvm(name, p, log, gcLog, t0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  /** The {@code java} of the JVM running the benchmark. */
  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Its name, e.g. {@code full-eos-1}. */
  public String name() {
    return name;
  }

  /** The OS process id. */
  public long pid() {
    return process.pid();
  }

  /** {@link System#nanoTime()} just before it was launched. */
  public long launchedAtNanos() {
    return launchedAtNanos;
  }

  /** Whether it is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Its CPU time so far (user + system), while it runs. */
  public OptionalLong cpuNanos() {
    return ProcFs.cpuNanos(process.toHandle());
  }

  /** Its peak resident set so far, while it runs. */
  public OptionalLong peakRssBytes() {
    return ProcFs.peakRssBytes(process.pid());
  }

  /** Its peak heap in use so far, from the GC log. */
  public OptionalLong peakHeapBytes() {
    return GcLog.peakHeapBytes(gcLog);
  }

  /** Its log file. */
  public Path log() {
    return log;
  }

  /** The last {@code n} lines of its log, for error messages. */
  public String tail(int n) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Fails with its last log lines when it has exited. */
  public void requireAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          name + " exited with status " + process.exitValue() + "; last log lines:\n" + tail(15));
    }
  }

  /**
   * Waits for it to exit by itself.
   *
   * @return its exit status
   * @throws IllegalStateException when it runs longer than {@code timeout} (it is killed)
   */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      throw new IllegalStateException(
          name + " did not finish within " + timeout.toSeconds() + " s");
    }
    return process.exitValue();
  }

  /** Kills it at once (SIGKILL) and waits until it is gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops it cleanly (SIGTERM), killing it if it has not exited within the grace period. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      kill();
      Thread.currentThread().interrupt();
    }
  }
}

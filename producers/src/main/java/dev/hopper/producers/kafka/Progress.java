package dev.hopper.producers.kafka;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long run: records sent, rate and ETA. On a terminal one status line is redrawn a
 * few times a second; otherwise (CI, files, pipes) a plain log line is written every few seconds.
 * Cheap enough to call per record: it only looks at the clock.
 */
public final class Progress {
  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
  private static final long TERMINAL_EVERY_NS = 250_000_000L;
  private static final long LOG_EVERY_NS = 10_000_000_000L;

  private final String what;
  private final long total;
  private final PrintStream terminal;
  private final LongSupplier nanoTime;
  private final long startNs;
  private long count;
  private long lastReportNs;
  private boolean drew;

  /**
   * @param what what is counted, e.g. {@code records}
   * @param total the expected count, or {@code -1} when unknown (no ETA)
   * @param terminal where to draw the status line, or null to log instead
   * @param nanoTime the clock (tests use a fake one)
   */
  public Progress(String what, long total, PrintStream terminal, LongSupplier nanoTime) {
    this.what = what;
    this.total = total;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
    this.startNs = nanoTime.getAsLong();
    this.lastReportNs = startNs;
  }

  /** Progress on stderr when the process has a terminal, else in the log. */
  public static Progress forConsole(String what, long total) {
    return new Progress(
        what, total, System.console() != null ? System.err : null, System::nanoTime);
  }

  /** Counts {@code n} more; reports when it is time. */
  public void advance(long n) {
    count += n;
    long now = nanoTime.getAsLong();
    long every = terminal != null ? TERMINAL_EVERY_NS : LOG_EVERY_NS;
    if (now - lastReportNs >= every) {
      lastReportNs = now;
      report(now, false);
    }
  }

  /** The final report. */
  public void finish() {
    report(nanoTime.getAsLong(), true);
  }

  /** The count so far. */
  public long count() {
    return count;
  }

  /** The status text, e.g. {@code 12,000/100,000 records (4,210/s, ETA 0:18)}. */
  public String status() {
    return status(nanoTime.getAsLong());
  }

  private String status(long now) {
    double seconds = Math.max(1e-9, (now - startNs) / 1e9);
    double rate = count / seconds;
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%,d", count));
    if (total >= 0) {
      sb.append(String.format(Locale.ROOT, "/%,d", total));
    }
    sb.append(' ').append(what);
    sb.append(String.format(Locale.ROOT, " (%,.0f/s", rate));
    if (total >= 0 && count < total && rate > 0) {
      sb.append(", ETA ").append(duration((long) ((total - count) / rate)));
    } else {
      sb.append(", ").append(duration((long) seconds)).append(" elapsed");
    }
    return sb.append(')').toString();
  }

  private void report(long now, boolean last) {
    String s = status(now);
    if (terminal != null) {
      terminal.print("\r" + s + "   ");
      drew = true;
      if (last) {
        terminal.println();
      }
      terminal.flush();
    } else {
      LOG.info("{}", s);
    }
  }

  /** Whether a status line was drawn on the terminal. */
  boolean drew() {
    return drew;
  }

  static String duration(long seconds) {
    long h = seconds / 3600;
    long m = (seconds % 3600) / 60;
    long s = seconds % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}

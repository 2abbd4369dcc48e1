package dev.hopper.platform.bench;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Where the benchmark's progress lines go (standard error, so the table on standard output can be
 * redirected alone): one line per event or every few seconds while something long runs, each with
 * the time of day. Also formats numbers the way the table shows them.
 */
public final class Console {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
  private final PrintStream out;

  /** Progress to {@code out}. */
  public Console(PrintStream out) {
    this.out = out;
  }

  /** Prints one progress line. */
  public synchronized void line(String format, Object... args) {
    out.println(TIME.format(LocalTime.now()) + "  " + String.format(Locale.ROOT, format, args));
    out.flush();
  }

  /** 1234567 as {@code 1,234,567}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A rate or figure with thousands separators and sensible precision. */
  public static String number(double v) {
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}

package dev.hopper.platform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peak heap of a JVM from its unified GC log ({@code -Xlog:gc:file=...}): each collection logs
 * {@code before->after(capacity)}, and the largest "before" is the most heap the application ever
 * had in use (to the granularity of collections). No agent, no JMX: the app under test runs as it
 * would in production.
 */
public final class GcLog {
  private static final Pattern PAUSE =
      Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  private GcLog() {}

  /** The JVM option that writes the log this class reads. */
  public static String option(Path file) {
    return "-Xlog:gc:file=" + file.toAbsolutePath() + ":uptime";
  }

  /** The peak heap in use in bytes, or empty when the log has no collection (or is missing). */
  public static OptionalLong peakHeapBytes(Path file) {
    try {
      return peakHeapBytes(Files.readAllLines(file));
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** The largest heap-before-collection of {@code lines}, in bytes. */
  static OptionalLong peakHeapBytes(List<String> lines) {
    long peak = -1;
    for (String line : lines) {
      Matcher m = PAUSE.matcher(line);
      while (m.find()) {
        peak = Math.max(peak, bytes(m.group(1), m.group(2)));
      }
    }
    return peak < 0 ? OptionalLong.empty() : OptionalLong.of(peak);
  }

  private static long bytes(String amount, String unit) {
    long n = Long.parseLong(amount);
    return switch (unit) {
      case "K" -> n << 10;
      case "M" -> n << 20;
      default -> n << 30;
    };
  }
}

package dev.hopper.platform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the OS knows about a process: its resident set (now and peak) from {@code
 * /proc/<pid>/status}, and its CPU time. CPU time comes from {@link ProcessHandle} (which reads
 * {@code /proc/<pid>/stat} on Linux), so it is the process's own user + system time.
 */
public final class ProcFs {
  private static final Pattern KB_LINE = Pattern.compile("^(\\w+):\\s+(\\d+)\\s+kB\\s*$");

  private ProcFs() {}

  /** CPU seconds (user + system) of a live process; empty once it has exited or off Linux. */
  public static OptionalLong cpuNanos(ProcessHandle process) {
    return process
        .info()
        .totalCpuDuration()
        .map(d -> OptionalLong.of(d.toNanos()))
        .orElse(OptionalLong.empty());
  }

  /** The peak resident set size of {@code pid} in bytes ({@code VmHWM}). */
  public static OptionalLong peakRssBytes(long pid) {
    return statusField(pid, "VmHWM");
  }

  /** The current resident set size of {@code pid} in bytes ({@code VmRSS}). */
  public static OptionalLong rssBytes(long pid) {
    return statusField(pid, "VmRSS");
  }

  private static OptionalLong statusField(long pid, String field) {
    try {
      return statusField(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")), field);
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** A {@code kB} field of the lines of a {@code /proc/<pid>/status} file, in bytes. */
  static OptionalLong statusField(List<String> statusLines, String field) {
    for (String line : statusLines) {
      Matcher m = KB_LINE.matcher(line);
      if (m.matches() && m.group(1).equals(field)) {
        return OptionalLong.of(Long.parseLong(m.group(2)) * 1024);
      }
    }
    return OptionalLong.empty();
  }

  /** The 1, 5 and 15 minute load averages, or an empty array off Linux. */
  public static double[] loadAverage() {
    try {
      return parseLoadAverage(Files.readString(Path.of("/proc/loadavg")));
    } catch (IOException | RuntimeException e) {
      return new double[0];
    }
  }

  /** The three load averages at the start of a {@code /proc/loadavg} line. */
  static double[] parseLoadAverage(String line) {
    String[] parts = line.trim().split("\\s+");
    if (parts.length < 3) {
      throw new IllegalArgumentException("not a loadavg line: " + line);
    }
    return new double[] {
      Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])
    };
  }
}

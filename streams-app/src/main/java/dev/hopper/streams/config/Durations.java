package dev.hopper.streams.config;

import dev.hopper.config.ConfigException;
import java.time.Duration;
import java.util.Locale;

/**
 * Parses durations in configuration: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code
 * 7d}, or plain milliseconds.
 */
public final class Durations {
  private Durations() {}

  /** Parses {@code value} of {@code key}, failing with a message naming the key. */
  public static Duration parse(String key, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.endsWith("ms")) {
        return positive(
            key, value, Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2))));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> positive(key, value, Duration.ofSeconds(n));
        case 'm' -> positive(key, value, Duration.ofMinutes(n));
        case 'h' -> positive(key, value, Duration.ofHours(n));
        case 'd' -> positive(key, value, Duration.ofDays(n));
        default -> positive(key, value, Duration.ofMillis(Long.parseLong(v)));
      };
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new ConfigException(
          key, value, "must be a duration such as 250ms, 30s, 5m, 1h, 7d or milliseconds");
    }
  }

  private static Duration positive(String key, String value, Duration d) {
    if (d.isNegative()) {
      throw new ConfigException(key, value, "must not be negative");
    }
    return d;
  }
}

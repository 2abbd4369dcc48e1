package dev.hopper.streams.config;

import dev.hopper.config.ConfigException;
import dev.hopper.config.LayeredConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the monitoring page and its {@code /api/v1/monitor/*} endpoints, validated at
 * startup.
 *
 * @param connectUrl the Kafka Connect REST API whose connectors the page shows; empty: not
 *     configured
 * @param sampleInterval how often topics, offsets, consumer groups and connectors are sampled
 * @param rateWindow the span message rates are computed over
 */
public record MonitorSettings(
    Optional<String> connectUrl, Duration sampleInterval, Duration rateWindow) {

  /** Kafka Connect REST API (also used by the launcher to deploy the sinks). */
  public static final String CONNECT_URL = "hopper.connect.url";

  /** Sampling period of the monitor. */
  public static final String SAMPLE_INTERVAL = "hopper.monitor.sample.interval";

  /** Span of the message rates. */
  public static final String RATE_WINDOW = "hopper.monitor.rate.window";

  /** Validates the settings. */
  public MonitorSettings {
    connectUrl = connectUrl == null ? Optional.empty() : connectUrl;
  }

  /** The defaults in code, for {@link StreamsSettings#defaults()}. */
  static void putDefaults(Map<String, String> d) {
    d.put(SAMPLE_INTERVAL, "5s");
    d.put(RATE_WINDOW, "1m");
  }

  /** Reads and validates the monitor keys. */
  public static MonitorSettings from(LayeredConfig config) {
    Optional<String> connect = config.find(CONNECT_URL).map(String::trim).filter(s -> !s.isEmpty());
    connect.ifPresent(MonitorSettings::checkUrl);
    Duration interval =
        config
            .find(SAMPLE_INTERVAL)
            .map(v -> Durations.parse(SAMPLE_INTERVAL, v))
            .orElse(Duration.ofSeconds(5));
    if (interval.compareTo(Duration.ofMillis(200)) < 0
        || interval.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new ConfigException(
          SAMPLE_INTERVAL, config.get(SAMPLE_INTERVAL, ""), "must be between 200ms and 5m");
    }
    Duration window =
        config
            .find(RATE_WINDOW)
            .map(v -> Durations.parse(RATE_WINDOW, v))
            .orElse(Duration.ofMinutes(1));
    if (window.compareTo(interval.multipliedBy(2)) < 0
        || window.compareTo(Duration.ofHours(1)) > 0) {
      throw new ConfigException(
          RATE_WINDOW,
          config.get(RATE_WINDOW, ""),
          "must be at least twice " + SAMPLE_INTERVAL + " and at most 1h");
    }
    return new MonitorSettings(connect, interval, window);
  }

  private static void checkUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new ConfigException(
            CONNECT_URL, url, "must be an http(s) URL such as http://localhost:8083");
      }
    } catch (URISyntaxException e) {
      throw new ConfigException(
          CONNECT_URL, url, "must be an http(s) URL such as http://localhost:8083");
    }
  }
}

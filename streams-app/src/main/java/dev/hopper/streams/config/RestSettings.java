package dev.hopper.streams.config;

import dev.hopper.config.ConfigException;
import dev.hopper.config.LayeredConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Settings of the REST layer (interactive queries, health, metrics), validated at startup.
 *
 * @param host interface to bind ({@code 127.0.0.1} by default; {@code 0.0.0.0} for all)
 * @param port port to bind; 0 picks a free port
 * @param token optional bearer token every request but the health probes must carry
 * @param applicationServer the {@code host:port} other instances reach this one at (Kafka Streams'
 *     {@code application.server}); empty means the bound host and port
 * @param maxWindows most windows one range query may span, per key
 * @param maxSpan longest time span one range query may cover
 * @param forwardTimeout how long a forwarded or fanned-out request may take
 * @param retryAfter what {@code Retry-After} tells clients during a rebalance
 */
public record RestSettings(
    String host,
    int port,
    Optional<String> token,
    Optional<String> applicationServer,
    int maxWindows,
    Duration maxSpan,
    Duration forwardTimeout,
    Duration retryAfter) {

  /** Interface to bind. */
  public static final String HOST = "hopper.rest.host";

  /** Port to bind (0 = free port). */
  public static final String PORT = "hopper.rest.port";

  /** Optional bearer token. */
  public static final String TOKEN = "hopper.rest.token";

  /** Advertised {@code host:port}. */
  public static final String APPLICATION_SERVER = "hopper.application.server";

  /** Cap on the windows of one range query. */
  public static final String MAX_WINDOWS = "hopper.rest.max.windows";

  /** Cap on the time span of one range query. */
  public static final String MAX_SPAN = "hopper.rest.max.span";

  /** Timeout of forwarded and fanned-out requests. */
  public static final String FORWARD_TIMEOUT = "hopper.rest.forward.timeout";

  /** {@code Retry-After} of 503 answers. */
  public static final String RETRY_AFTER = "hopper.rest.retry.after";

  /** Kafka Streams' own key, honoured when {@link #APPLICATION_SERVER} is not set. */
  static final String STREAMS_APPLICATION_SERVER = "application.server";

  private static final Pattern HOST_PATTERN = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,253}");
  private static final Pattern TOKEN_PATTERN = Pattern.compile("[\\x21-\\x7e]{16,512}");
  private static final int MIN_TOKEN_LENGTH = 16;

  /** Validates the settings. */
  public RestSettings {
    token = token == null ? Optional.empty() : token;
    applicationServer = applicationServer == null ? Optional.empty() : applicationServer;
  }

  /** The defaults in code, for {@link StreamsSettings#defaults()}. */
  static void putDefaults(java.util.Map<String, String> d) {
    d.put(HOST, "127.0.0.1");
    d.put(PORT, "7070");
    d.put(MAX_WINDOWS, "1440");
    d.put(MAX_SPAN, "31d");
    d.put(FORWARD_TIMEOUT, "5s");
    d.put(RETRY_AFTER, "5s");
  }

  /** Reads and validates the REST keys. */
  public static RestSettings from(LayeredConfig config) {
    String host = config.get(HOST, "127.0.0.1");
    if (!HOST_PATTERN.matcher(host).matches()) {
      throw new ConfigException(
          HOST, host, "must be a host name or IP address such as 127.0.0.1 or 0.0.0.0");
    }
    int port = config.getInt(PORT, 7070, 0, 65535);
    Optional<String> token = config.find(TOKEN);
    token.ifPresent(
        t -> {
          if (!TOKEN_PATTERN.matcher(t).matches()) {
            throw new ConfigException(
                TOKEN,
                t,
                "must be "
                    + MIN_TOKEN_LENGTH
                    + " to 512 printable characters without spaces (e.g. from openssl rand"
                    + " -hex 24)");
          }
        });
    Optional<String> advertised = config.find(APPLICATION_SERVER);
    String advertisedKey = APPLICATION_SERVER;
    if (advertised.isEmpty()) {
      advertised = config.find(STREAMS_APPLICATION_SERVER);
      advertisedKey = STREAMS_APPLICATION_SERVER;
    }
    if (advertised.isPresent()) {
      checkHostPort(advertisedKey, advertised.get());
    }
    int maxWindows = config.getInt(MAX_WINDOWS, 1440, 1, 1_000_000);
    Duration maxSpan = positive(config, MAX_SPAN, Duration.ofDays(31));
    Duration forwardTimeout = positive(config, FORWARD_TIMEOUT, Duration.ofSeconds(5));
    Duration retryAfter = positive(config, RETRY_AFTER, Duration.ofSeconds(5));
    if (retryAfter.toSeconds() < 1) {
      throw new ConfigException(
          RETRY_AFTER, config.get(RETRY_AFTER, ""), "must be at least 1s (whole seconds)");
    }
    return new RestSettings(
        host, port, token, advertised, maxWindows, maxSpan, forwardTimeout, retryAfter);
  }

  /**
   * What this instance advertises as {@code application.server} once bound to {@code boundPort}:
   * the configured value, else the bound host and port ({@code localhost} when bound to every
   * interface, since {@code 0.0.0.0} cannot be dialled).
   */
  public String advertised(int boundPort) {
    if (applicationServer.isPresent()) {
      return applicationServer.get();
    }
    String h = host;
    if (h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]")) {
      h = "localhost";
    }
    return h + ":" + boundPort;
  }

  private static void checkHostPort(String key, String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new ConfigException(key, value, "must be host:port, e.g. streams-1:7070");
    }
    String h = value.substring(0, colon);
    if (!HOST_PATTERN.matcher(h).matches()) {
      throw new ConfigException(key, value, "must be host:port, e.g. streams-1:7070");
    }
    try {
      int p = Integer.parseInt(value.substring(colon + 1));
      if (p < 1 || p > 65535) {
        throw new ConfigException(key, value, "must name a port between 1 and 65535");
      }
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "must be host:port, e.g. streams-1:7070");
    }
  }

  private static Duration positive(LayeredConfig config, String key, Duration fallback) {
    Duration d = config.find(key).map(v -> Durations.parse(key, v)).orElse(fallback);
    if (d.isZero()) {
      throw new ConfigException(key, "0", "must be positive");
    }
    return d;
  }
}

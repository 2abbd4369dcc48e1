package dev.hopper.streams.rest;

import dev.hopper.streams.config.RestSettings;
import dev.hopper.streams.query.TimeRange;
import dev.hopper.streams.topology.TopologySettings.CandleInterval;
import dev.hopper.streams.topology.TopologySettings.Labels;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses and validates request parameters. Every problem is a 400 naming the parameter and what it
 * accepts; unknown or repeated query parameters are refused rather than silently ignored, so a typo
 * ({@code ?intervall=5m}) is not mistaken for the default.
 */
public final class Params {
  /** Quote currency, default {@code usd}. */
  public static final String VS = "vs";

  /** Window interval label, e.g. {@code 1m}. */
  public static final String INTERVAL = "interval";

  /** Start of a range: ISO-8601 or epoch milliseconds. */
  public static final String FROM = "from";

  /** End of a range: ISO-8601 or epoch milliseconds. */
  public static final String TO = "to";

  /** Whether a standby (or restoring) copy may answer during a rebalance. */
  public static final String ALLOW_STALE = "allowStale";

  /** Windows a range covers when neither end is given. */
  public static final int DEFAULT_WINDOWS = 60;

  /** The default quote currency. */
  public static final String DEFAULT_VS = "usd";

  private static final Pattern COIN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
  private static final Pattern CURRENCY = Pattern.compile("[a-z]{2,10}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,15}");
  private static final int MAX_ID_LENGTH = 100;

  /** The latest instant accepted: the end of year 9999. */
  static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

  private final Map<String, List<String>> query;

  private Params(Map<String, List<String>> query) {
    this.query = query;
  }

  /**
   * The query parameters of a request, checked against those {@code accepted}: an unknown or a
   * repeated parameter is a 400.
   */
  public static Params of(Map<String, List<String>> query, Set<String> accepted) {
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      if (!accepted.contains(e.getKey())) {
        throw ApiException.badRequest(
            "unknown parameter '"
                + printable(e.getKey())
                + "'"
                + (accepted.isEmpty()
                    ? "; this endpoint takes no parameters"
                    : "; accepted: " + String.join(", ", new TreeSet<>(accepted))));
      }
      if (e.getValue().size() > 1) {
        throw ApiException.badRequest("parameter '" + e.getKey() + "' is given more than once");
      }
    }
    return new Params(query);
  }

  /** The value of a parameter, if given (an empty value counts as not given). */
  public Optional<String> get(String name) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty() || values.get(0).isBlank()) {
      return Optional.empty();
    }
    return Optional.of(values.get(0).trim());
  }

  /** The quote currency ({@code vs}), lower-cased; {@code usd} by default. */
  public String vs() {
    return get(VS).map(Params::currency).orElse(DEFAULT_VS);
  }

  /** {@code allowStale}: {@code true} or {@code false}, default false. */
  public boolean allowStale() {
    Optional<String> raw = get(ALLOW_STALE);
    if (raw.isEmpty()) {
      return false;
    }
    String v = raw.get().toLowerCase(Locale.ROOT);
    if (v.equals("true")) {
      return true;
    }
    if (v.equals("false")) {
      return false;
    }
    throw ApiException.badRequest(
        "parameter allowStale must be true or false, not '" + printable(raw.get()) + "'");
  }

  /** A time parameter ({@code from} or {@code to}), if given. */
  public Optional<Instant> time(String name) {
    return get(name).map(v -> parseTime(name, v));
  }

  /**
   * A coin id from the path: CoinGecko's lower-case ids such as {@code bitcoin}, {@code usd-coin}.
   */
  public static String coin(String raw) {
    String c = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
    if (!COIN.matcher(c).matches()) {
      throw ApiException.badRequest(
          "coin '"
              + printable(raw)
              + "' is not a coin id: 1 to 100 of a-z, 0-9, '.', '_', '-', such as bitcoin");
    }
    return c;
  }

  /** A quote currency such as {@code usd} or {@code inr}, lower-cased. */
  public static String currency(String raw) {
    String c = raw.trim().toLowerCase(Locale.ROOT);
    if (!CURRENCY.matcher(c).matches()) {
      throw ApiException.badRequest(
          "parameter vs must be a currency code of 2 to 10 letters such as usd, not '"
              + printable(raw)
              + "'");
    }
    return c;
  }

  /** A category from the path: 1 to 100 printable characters, e.g. {@code Books}. */
  public static String category(String raw) {
    return id("category", raw);
  }

  /** A customer id from the path: 1 to 100 printable characters. */
  public static String customerId(String raw) {
    return id("customer id", raw);
  }

  private static String id(String what, String raw) {
    if (raw == null || raw.isBlank()) {
      throw ApiException.badRequest(what + " must not be empty");
    }
    if (raw.length() > MAX_ID_LENGTH) {
      throw ApiException.badRequest(what + " is longer than " + MAX_ID_LENGTH + " characters");
    }
    for (int i = 0; i < raw.length(); i++) {
      char ch = raw.charAt(i);
      if (Character.isISOControl(ch) || Character.isSurrogate(ch) && !validSurrogate(raw, i)) {
        throw ApiException.badRequest(what + " contains a control or invalid character");
      }
    }
    return raw;
  }

  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /**
   * A time: epoch milliseconds ({@code 1732147200000}), an ISO-8601 instant or offset date-time
   * ({@code 2024-11-21T00:00:00Z}, {@code 2024-11-21T01:00:00+01:00}), or a date ({@code
   * 2024-11-21}, midnight UTC). Between 1970 and the end of 9999.
   */
  public static Instant parseTime(String name, String raw) {
    String v = raw.trim();
    Instant t;
    if (DIGITS.matcher(v).matches()) {
      t = Instant.ofEpochMilli(Long.parseLong(v));
    } else {
      t = parseIso(v);
      if (t == null) {
        throw ApiException.badRequest(
            "parameter "
                + name
                + " must be an ISO-8601 time such as 2024-11-21T00:00:00Z, a date such as"
                + " 2024-11-21, or epoch milliseconds; got '"
                + printable(raw)
                + "'");
      }
    }
    if (t.isBefore(Instant.EPOCH) || t.isAfter(MAX_TIME)) {
      throw ApiException.badRequest(
          "parameter " + name + " must lie between 1970 and the end of 9999; got " + v);
    }
    return t;
  }

  private static Instant parseIso(String v) {
    if (v.length() > 40) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeException e) {
      // not an offset date-time
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeException e) {
      // not an instant
    }
    try {
      return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The candle interval named by {@code raw}; the first configured one (1m) by default. */
  public static CandleInterval candleInterval(
      Optional<String> raw, List<CandleInterval> intervals) {
    if (raw.isEmpty()) {
      return intervals.stream()
          .filter(i -> i.label().equals("1m"))
          .findFirst()
          .orElse(intervals.get(0));
    }
    String label = raw.get().toLowerCase(Locale.ROOT);
    return intervals.stream()
        .filter(i -> i.label().equals(label))
        .findFirst()
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    "parameter interval must be one of "
                        + intervals.stream()
                            .map(CandleInterval::label)
                            .collect(Collectors.joining(", "))
                        + "; got '"
                        + printable(raw.get())
                        + "'"));
  }

  /** The sales interval: only the configured one ({@code 1m}) exists. */
  public static String salesInterval(Optional<String> raw, Duration window) {
    String label = Labels.of(window);
    if (raw.isPresent() && !raw.get().toLowerCase(Locale.ROOT).equals(label)) {
      throw ApiException.badRequest(
          "parameter interval must be " + label + "; got '" + printable(raw.get()) + "'");
    }
    return label;
  }

  /**
   * The windows of size {@code size} a query covers: those starting in {@code [from, to]} with
   * {@code from} aligned down to a window start. {@code to} defaults to {@code now} and {@code
   * from} to {@value #DEFAULT_WINDOWS} windows before {@code to} (fewer when capped lower). Over a
   * cap is a 400 naming the cap and its key.
   */
  public static TimeRange range(
      Optional<Instant> from, Optional<Instant> to, Duration size, Instant now, RestSettings caps) {
    long sizeMs = size.toMillis();
    Instant end = to.orElse(now.truncatedTo(ChronoUnit.MILLIS));
    int defaultWindows = Math.min(DEFAULT_WINDOWS, caps.maxWindows());
    Instant start =
        from.orElseGet(
            () -> {
              long aligned = alignDown(end.toEpochMilli(), sizeMs);
              return Instant.ofEpochMilli(Math.max(0, aligned - (defaultWindows - 1) * sizeMs));
            });
    if (start.isAfter(end)) {
      throw ApiException.badRequest("from (" + start + ") must not be after to (" + end + ")");
    }
    Duration span = Duration.between(start, end);
    if (span.compareTo(caps.maxSpan()) > 0) {
      throw ApiException.rangeTooLarge(
          "the range from "
              + start
              + " to "
              + end
              + " spans "
              + human(span)
              + ", more than the cap of "
              + Labels.of(caps.maxSpan())
              + " ("
              + RestSettings.MAX_SPAN
              + "); narrow it with from and to");
    }
    long first = alignDown(start.toEpochMilli(), sizeMs);
    long last = alignDown(end.toEpochMilli(), sizeMs);
    long windows = (last - first) / sizeMs + 1;
    if (windows > caps.maxWindows()) {
      throw ApiException.rangeTooLarge(
          "the range covers "
              + windows
              + " windows of "
              + Labels.of(size)
              + ", more than the cap of "
              + caps.maxWindows()
              + " ("
              + RestSettings.MAX_WINDOWS
              + "); narrow it with from and to or use a longer interval");
    }
    return new TimeRange(Instant.ofEpochMilli(first), Instant.ofEpochMilli(last));
  }

  /** A duration for people: {@code 40d 2h 5m}, {@code 90s}. */
  static String human(Duration d) {
    if (d.compareTo(Duration.ofMinutes(1)) < 0) {
      return d.toSeconds() + "s";
    }
    StringBuilder sb = new StringBuilder();
    if (d.toDays() > 0) {
      sb.append(d.toDays()).append("d");
    }
    if (d.toHoursPart() > 0) {
      sb.append(sb.length() > 0 ? " " : "").append(d.toHoursPart()).append("h");
    }
    if (d.toMinutesPart() > 0) {
      sb.append(sb.length() > 0 ? " " : "").append(d.toMinutesPart()).append("m");
    }
    return sb.toString();
  }

  private static long alignDown(long t, long size) {
    return t - Math.floorMod(t, size);
  }

  /** A value for an error message: at most 60 characters, control characters replaced. */
  static String printable(String raw) {
    if (raw == null) {
      return "";
    }
    String s = raw.length() > 60 ? raw.substring(0, 60) + "..." : raw;
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    return sb.toString();
  }

  /** An immutable set of accepted parameter names. */
  static Set<String> accepted(String... names) {
    return Set.of(names);
  }
}

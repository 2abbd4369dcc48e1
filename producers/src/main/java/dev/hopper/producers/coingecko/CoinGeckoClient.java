package dev.hopper.producers.coingecko;

import dev.hopper.avro.QuoteSource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls CoinGecko's {@code GET /coins/markets} with {@code java.net.http}: the plan's key header,
 * connect and request timeouts, and retries of 408, 429, 5xx and I/O errors with exponential
 * backoff and jitter, waiting exactly as long as a {@code Retry-After} header asks. Any other
 * status fails at once (a wrong key will not fix itself). A body that cannot be read is reported in
 * the response, never thrown: the caller logs it and polls again later.
 */
public final class CoinGeckoClient {
  private static final Logger LOG = LoggerFactory.getLogger(CoinGeckoClient.class);

  /** Longest wait a {@code Retry-After} can impose before Hopper gives up on the request. */
  static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(15);

  private final CoinGeckoSettings settings;
  private final HttpClient http;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final Clock clock;

  /** A client with its own HTTP client and real waits. */
  public static CoinGeckoClient create(CoinGeckoSettings settings) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    return new CoinGeckoClient(
        settings, http, Sleeper.system(), RandomGenerator.getDefault(), Clock.systemUTC());
  }

  /** A client with the given collaborators (tests). */
  public CoinGeckoClient(
      CoinGeckoSettings settings,
      HttpClient http,
      Sleeper sleeper,
      RandomGenerator random,
      Clock clock) {
    this.settings = settings;
    this.http = http;
    this.sleeper = sleeper;
    this.random = random;
    this.clock = clock;
  }

  /** The settings this client uses. */
  public CoinGeckoSettings settings() {
    return settings;
  }

  /** The request URI of the markets call for one currency. */
  URI marketsUri(String vsCurrency) {
    String query =
        "vs_currency="
            + enc(vsCurrency)
            + "&ids="
            + enc(String.join(",", settings.coins()))
            + "&order=market_cap_desc&per_page=250&page=1&sparkline=false";
    return URI.create(settings.baseUrl() + "/coins/markets?" + query);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * Fetches the markets of every configured coin in {@code vsCurrency}.
   *
   * @throws CoinGeckoException when the API stays unreachable or answers with an error after the
   *     allowed retries
   */
  public MarketsResponse fetchMarkets(String vsCurrency)
      throws CoinGeckoException, InterruptedException {
    return fetchMarkets(vsCurrency, settings.maxRetries() + 1);
  }

  /** Like {@link #fetchMarkets(String)}, with at most {@code attempts} tries. */
  public MarketsResponse fetchMarkets(String vsCurrency, int attempts)
      throws CoinGeckoException, InterruptedException {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1");
    }
    URI uri = marketsUri(vsCurrency);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(settings.requestTimeout())
            .header("Accept", "application/json")
            .header("User-Agent", "hopper-producers")
            .GET();
    if (settings.apiKey() != null) {
      builder.header(settings.plan().keyHeader(), settings.apiKey());
    }
    HttpRequest request = builder.build();
    String lastProblem = null;
    int lastStatus = -1;
    Throwable lastCause = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      Duration wait;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 200) {
          return read(vsCurrency, response.body());
        }
        lastStatus = status;
        lastCause = null;
        lastProblem = "HTTP " + status + summary(response.body());
        if (!retryable(status)) {
          throw new CoinGeckoException(
              "CoinGecko refused " + path(uri) + ": " + lastProblem + hint(status), status, null);
        }
        Optional<Duration> retryAfter =
            retryAfter(response.headers().firstValue("Retry-After").orElse(null));
        if (retryAfter.isPresent() && retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0) {
          throw new CoinGeckoException(
              "CoinGecko asks to retry " + path(uri) + " only after " + retryAfter.get(),
              status,
              null);
        }
        wait = retryAfter.isPresent() ? retryAfter.get() : backoff(attemptIndex(attempt));
      } catch (HttpTimeoutException e) {
        lastStatus = -1;
        lastCause = e;
        lastProblem = "timed out (" + e.getMessage() + ")";
        wait = backoff(attemptIndex(attempt));
      } catch (IOException e) {
        lastStatus = -1;
        lastCause = e;
        lastProblem =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        wait = backoff(attemptIndex(attempt));
      }
      if (attempt < attempts) {
        LOG.warn(
            "CoinGecko {} {} (attempt {}/{}); retrying in {} ms",
            path(uri),
            lastProblem,
            attempt,
            attempts,
            wait.toMillis());
        sleeper.sleep(wait);
      }
    }
    throw new CoinGeckoException(
        "CoinGecko " + path(uri) + " failed after " + attempts + " attempts: " + lastProblem,
        lastStatus,
        lastCause);
  }

  private static int attemptIndex(int attempt) {
    return attempt - 1;
  }

  private MarketsResponse read(String vsCurrency, String body) {
    Instant now = clock.instant();
    try {
      MarketsParser.Parsed parsed = MarketsParser.parse(body, vsCurrency, QuoteSource.LIVE);
      if (parsed.skipped() > 0) {
        LOG.warn(
            "CoinGecko markets in {}: skipped {} malformed entries (first: {})",
            vsCurrency,
            parsed.skipped(),
            parsed.firstSkipReason());
      }
      return new MarketsResponse(
          vsCurrency, now, body, parsed.quotes(), parsed.skipped(), false, null);
    } catch (MarketsParser.MalformedBodyException e) {
      LOG.warn("CoinGecko markets in {}: malformed body skipped: {}", vsCurrency, e.getMessage());
      return new MarketsResponse(vsCurrency, now, body, List.of(), 0, true, e.getMessage());
    }
  }

  /** 408 Request Timeout, 429 Too Many Requests and every 5xx are worth another try. */
  static boolean retryable(int status) {
    return status == 408 || status == 429 || (status >= 500 && status <= 599);
  }

  /**
   * The delay before retry number {@code retry} (0-based): {@code initial * 2^retry}, capped, with
   * "equal jitter" (a random point in the upper half) so clients do not retry in lockstep.
   */
  Duration backoff(int retry) {
    long initial = settings.backoffInitial().toMillis();
    long cap = settings.backoffMax().toMillis();
    long exp = retry >= 30 ? cap : Math.min(cap, initial << retry);
    long half = exp / 2;
    return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
  }

  /** {@code Retry-After}: delay-seconds or an HTTP date; empty when absent or unreadable. */
  Optional<Duration> retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String v = header.strip();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(clock.instant(), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException ex) {
        return Optional.empty();
      }
    }
  }

  private static String hint(int status) {
    return switch (status) {
      case 401, 403 ->
          " (check COINGECKO_API_KEY and coingecko.plan: Demo keys only work on the Demo host,"
              + " Pro keys on the Pro host)";
      case 404 -> " (check coingecko.base.url)";
      default -> "";
    };
  }

  private static String summary(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return ": " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine);
  }

  private static String path(URI uri) {
    return uri.getPath();
  }
}

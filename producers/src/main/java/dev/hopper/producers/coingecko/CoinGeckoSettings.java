package dev.hopper.producers.coingecko;

import dev.hopper.config.ConfigException;
import dev.hopper.config.LayeredConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How Hopper talks to CoinGecko, from the {@code coingecko.*} configuration keys. The API key only
 * ever comes from configuration ({@code COINGECKO_API_KEY}) and is never printed.
 *
 * @param plan Demo or Pro: selects the default host and the key header
 * @param baseUrl API root, e.g. {@code https://api.coingecko.com/api/v3}
 * @param apiKey the key, or null to call without one
 * @param coins CoinGecko coin ids to poll
 * @param vsCurrencies quote currencies, one request each
 * @param pollInterval time between two polls of all currencies
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout timeout of one request, headers and body
 * @param maxRetries retries of one request on 408, 429, 5xx and I/O errors
 * @param backoffInitial first retry delay, doubled on each retry (with jitter)
 * @param backoffMax largest retry delay without a {@code Retry-After}
 */
public record CoinGeckoSettings(
    CoinGeckoPlan plan,
    URI baseUrl,
    String apiKey,
    List<String> coins,
    List<String> vsCurrencies,
    Duration pollInterval,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxRetries,
    Duration backoffInitial,
    Duration backoffMax) {

  /** The coins polled unless configured otherwise. */
  public static final List<String> DEFAULT_COINS =
      List.of(
          "bitcoin", "ethereum", "solana", "cardano", "dogecoin", "ripple", "litecoin", "polkadot");

  /** INR is the orders' currency; with USD it gives the INR to USD rate. */
  public static final List<String> DEFAULT_VS_CURRENCIES = List.of("usd", "inr");

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

  /** Validates the settings. */
  public CoinGeckoSettings {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(baseUrl, "baseUrl");
    coins = List.copyOf(coins);
    vsCurrencies = List.copyOf(vsCurrencies);
    if (coins.isEmpty() || vsCurrencies.isEmpty()) {
      throw new IllegalArgumentException("at least one coin and one currency are needed");
    }
  }

  /** The settings with every default (Demo plan, no key). */
  public static CoinGeckoSettings defaults() {
    return from(LayeredConfig.builder().build());
  }

  /** Reads {@code coingecko.*} keys, failing with a message that names the key. */
  public static CoinGeckoSettings from(LayeredConfig config) {
    CoinGeckoPlan plan;
    String planText = config.get("coingecko.plan", "demo");
    try {
      plan = CoinGeckoPlan.parse(planText);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("coingecko.plan", planText, "must be demo or pro");
    }
    URI base;
    String baseText = config.get("coingecko.base.url", plan.baseUrl().toString());
    try {
      base =
          URI.create(
              baseText.endsWith("/") ? baseText.substring(0, baseText.length() - 1) : baseText);
      if (base.getScheme() == null
          || !(base.getScheme().equals("http") || base.getScheme().equals("https"))
          || base.getHost() == null) {
        throw new IllegalArgumentException("not http(s)");
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException("coingecko.base.url", baseText, "must be an http(s) URL");
    }
    return new CoinGeckoSettings(
        plan,
        base,
        config.find("coingecko.api.key").orElse(null),
        ids(config, "coingecko.coins", DEFAULT_COINS),
        ids(config, "coingecko.vs.currencies", DEFAULT_VS_CURRENCIES),
        Duration.ofMillis(config.getLong("coingecko.poll.interval.ms", 30_000, 1_000, 86_400_000)),
        Duration.ofMillis(config.getLong("coingecko.connect.timeout.ms", 5_000, 1, 600_000)),
        Duration.ofMillis(config.getLong("coingecko.request.timeout.ms", 10_000, 1, 600_000)),
        config.getInt("coingecko.max.retries", 4, 0, 100),
        Duration.ofMillis(config.getLong("coingecko.backoff.initial.ms", 1_000, 1, 3_600_000)),
        Duration.ofMillis(config.getLong("coingecko.backoff.max.ms", 60_000, 1, 3_600_000)));
  }

  private static List<String> ids(LayeredConfig config, String key, List<String> fallback) {
    Optional<String> raw = config.find(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    List<String> ids =
        Arrays.stream(raw.get().split(","))
            .map(s -> s.strip().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .distinct()
            .toList();
    if (ids.isEmpty() || !ids.stream().allMatch(id -> ID.matcher(id).matches())) {
      throw new ConfigException(
          key, raw.get(), "must be a comma-separated list of CoinGecko ids like bitcoin,ethereum");
    }
    return ids;
  }

  /** Copy with another base URL (tests, proxies). */
  public CoinGeckoSettings withBaseUrl(URI url) {
    return new CoinGeckoSettings(
        plan,
        url,
        apiKey,
        coins,
        vsCurrencies,
        pollInterval,
        connectTimeout,
        requestTimeout,
        maxRetries,
        backoffInitial,
        backoffMax);
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "CoinGeckoSettings[plan="
        + plan
        + ", baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey == null ? "none" : "[hidden]")
        + ", coins="
        + coins
        + ", vsCurrencies="
        + vsCurrencies
        + ", pollInterval="
        + pollInterval
        + "]";
  }
}

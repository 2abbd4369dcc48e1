package dev.hopper.registry.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/**
 * How to reach the registry, read from the keys Confluent's clients use: {@code
 * schema.registry.url} (comma-separated for failover), {@code basic.auth.credentials.source}
 * ({@code URL}, {@code USER_INFO}, {@code SASL_INHERIT}) with {@code basic.auth.user.info}, {@code
 * bearer.auth.credentials.source=STATIC_TOKEN} with {@code bearer.auth.token}, {@code max.retries},
 * {@code retries.wait.ms}, {@code retries.max.wait.ms}, {@code http.connect.timeout.ms}, {@code
 * http.read.timeout.ms}. Every key but the URL is also read with the {@code schema.registry.}
 * prefix.
 *
 * @param urls registry base URLs, without credentials, tried in order
 * @param authorization the {@code Authorization} header value, if any
 * @param maxRetries how many extra rounds over all URLs after the first fails
 * @param retryWait the first back-off, doubled each round
 * @param retryMaxWait the longest back-off
 * @param connectTimeout TCP connect timeout
 * @param readTimeout timeout of one request
 */
public record RegistryClientConfig(
    List<URI> urls,
    Optional<String> authorization,
    int maxRetries,
    Duration retryWait,
    Duration retryMaxWait,
    Duration connectTimeout,
    Duration readTimeout) {

  public static final String URL = "schema.registry.url";
  public static final String BASIC_AUTH_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String BEARER_AUTH_SOURCE = "bearer.auth.credentials.source";
  public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
  public static final String MAX_RETRIES = "max.retries";
  public static final String RETRIES_WAIT_MS = "retries.wait.ms";
  public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
  public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
  public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";

  private static final String PREFIX = "schema.registry.";
  private static final Pattern JAAS_OPTION =
      Pattern.compile("(username|password)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  public RegistryClientConfig {
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new ConfigException(URL, "", "at least one registry URL is required");
    }
  }

  /** Plain settings for one URL: 3 retries from 1 s to 20 s, 60 s timeouts, no auth. */
  public static RegistryClientConfig of(String urls) {
    return from(Map.of(URL, urls));
  }

  /** Reads the settings from serializer, deserializer or converter configuration. */
  public static RegistryClientConfig from(Map<String, ?> configs) {
    Object rawUrls = configs.get(URL);
    if (rawUrls == null || rawUrls.toString().isBlank()) {
      throw new ConfigException(
          "Missing required configuration \"" + URL + "\" which has no default value.");
    }
    List<URI> urls = new ArrayList<>();
    String userInfoFromUrl = null;
    for (String part : rawUrls.toString().split(",")) {
      String trimmed = part.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      URI uri = parseUrl(trimmed);
      if (uri.getRawUserInfo() != null && userInfoFromUrl == null) {
        userInfoFromUrl = uri.getUserInfo();
      }
      urls.add(withoutUserInfo(uri));
    }
    return new RegistryClientConfig(
        urls,
        authorization(configs, userInfoFromUrl),
        intValue(configs, MAX_RETRIES, 3),
        Duration.ofMillis(intValue(configs, RETRIES_WAIT_MS, 1000)),
        Duration.ofMillis(intValue(configs, RETRIES_MAX_WAIT_MS, 20000)),
        Duration.ofMillis(intValue(configs, CONNECT_TIMEOUT_MS, 60000)),
        Duration.ofMillis(intValue(configs, READ_TIMEOUT_MS, 60000)));
  }

  private static Optional<String> authorization(Map<String, ?> configs, String userInfoFromUrl) {
    String bearerSource = string(configs, BEARER_AUTH_SOURCE);
    if (bearerSource != null && !bearerSource.isBlank()) {
      if (!"STATIC_TOKEN".equals(bearerSource.trim().toUpperCase(Locale.ROOT))) {
        throw new ConfigException(
            BEARER_AUTH_SOURCE, bearerSource, "only STATIC_TOKEN is supported");
      }
      String token = string(configs, BEARER_AUTH_TOKEN);
      if (token == null || token.isBlank()) {
        throw new ConfigException(BEARER_AUTH_TOKEN, "", "required with STATIC_TOKEN");
      }
      return Optional.of("Bearer " + token.trim());
    }
    String source = string(configs, BASIC_AUTH_SOURCE);
    String userInfo;
    switch (source == null ? "URL" : source.trim().toUpperCase(Locale.ROOT)) {
      case "URL" -> userInfo = userInfoFromUrl;
      case "USER_INFO" -> {
        userInfo = string(configs, BASIC_AUTH_USER_INFO);
        if (userInfo == null || userInfo.isBlank()) {
          throw new ConfigException(BASIC_AUTH_USER_INFO, "", "required with USER_INFO");
        }
      }
      case "SASL_INHERIT" -> userInfo = fromJaas(string(configs, "sasl.jaas.config"));
      default ->
          throw new ConfigException(
              BASIC_AUTH_SOURCE, source, "expected URL, USER_INFO or SASL_INHERIT");
    }
    if (userInfo == null || userInfo.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
  }

  private static String fromJaas(String jaas) {
    if (jaas == null) {
      throw new ConfigException(
          BASIC_AUTH_SOURCE, "SASL_INHERIT", "needs sasl.jaas.config with username and password");
    }
    String user = null;
    String password = null;
    Matcher matcher = JAAS_OPTION.matcher(jaas);
    while (matcher.find()) {
      if ("username".equals(matcher.group(1))) {
        user = matcher.group(2);
      } else {
        password = matcher.group(2);
      }
    }
    if (user == null || password == null) {
      throw new ConfigException(
          "sasl.jaas.config", "(hidden)", "has no username and password for SASL_INHERIT");
    }
    return user + ":" + password;
  }

  private static URI parseUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new ConfigException(URL, url, "expected http(s)://host:port");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(URL, url, "not a valid URL: " + e.getMessage());
    }
  }

  private static URI withoutUserInfo(URI uri) {
    try {
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      return new URI(uri.getScheme() + "://" + uri.getHost() + port(uri) + path);
    } catch (URISyntaxException e) {
      throw new ConfigException(URL, uri.toString(), e.getMessage());
    }
  }

  private static String port(URI uri) {
    return uri.getPort() < 0 ? "" : ":" + uri.getPort();
  }

  private static String string(Map<String, ?> configs, String key) {
    Object value = configs.get(key);
    if (value == null) {
      value = configs.get(PREFIX + key);
    }
    if (value instanceof org.apache.kafka.common.config.types.Password password) {
      return password.value();
    }
    return value == null ? null : value.toString();
  }

  private static int intValue(Map<String, ?> configs, String key, int fallback) {
    String value = string(configs, key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed < 0) {
        throw new ConfigException(key, value, "must not be negative");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "expected a whole number");
    }
  }
}

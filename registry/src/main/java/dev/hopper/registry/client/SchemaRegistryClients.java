package dev.hopper.registry.client;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Builds the client a serde or converter configuration asks for: a mock registry for {@code
 * mock://SCOPE}, otherwise a caching HTTP client ({@code max.schemas.per.subject} and {@code
 * latest.cache.ttl.sec} tune its cache).
 */
public final class SchemaRegistryClients {
  public static final String MAX_SCHEMAS_PER_SUBJECT = "max.schemas.per.subject";
  public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";

  private SchemaRegistryClients() {}

  /** A client for {@code configs}, which must contain {@code schema.registry.url}. */
  public static SchemaRegistryClient fromConfig(Map<String, ?> configs) {
    Object url = configs.get(RegistryClientConfig.URL);
    if (url != null && MockSchemaRegistry.isMockUrl(url.toString())) {
      return MockSchemaRegistry.getClientForScope(MockSchemaRegistry.scopeOf(url.toString()));
    }
    int capacity =
        positive(configs, MAX_SCHEMAS_PER_SUBJECT, CachedSchemaRegistryClient.DEFAULT_CAPACITY);
    long ttlSeconds =
        positive(
            configs,
            LATEST_CACHE_TTL_SEC,
            (int) CachedSchemaRegistryClient.DEFAULT_LATEST_TTL.toSeconds());
    return new CachedSchemaRegistryClient(
        new RestSchemaRegistryClient(RegistryClientConfig.from(configs)),
        capacity,
        Duration.ofSeconds(ttlSeconds));
  }

  private static int positive(Map<String, ?> configs, String key, int fallback) {
    Object value = configs.get(key);
    if (value == null || value.toString().isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.toString().trim());
      if (parsed < 1) {
        throw new ConfigException(key, value, "must be at least 1");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "expected a whole number");
    }
  }
}

package dev.hopper.registry.client;

import dev.hopper.registry.server.SchemaRegistryService;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-memory registries for tests, one per scope: {@code schema.registry.url=mock://SCOPE} makes
 * every serde configured with it share the registry of {@code SCOPE}, without HTTP, with the real
 * registry's rules. A scope lives until {@link #dropScope(String)}.
 *
 * <p>The scopes are process-wide by design (serdes configured separately must meet in one
 * registry); use a distinct scope per test and drop it afterwards.
 */
public final class MockSchemaRegistry {
  /** URL scheme that selects a mock registry. */
  public static final String SCHEME = "mock://";

  private static final Map<String, Scope> SCOPES = new ConcurrentHashMap<>();

  private MockSchemaRegistry() {}

  /** Whether {@code url} (a {@code schema.registry.url} value) names a mock registry. */
  public static boolean isMockUrl(String url) {
    return url != null && url.trim().toLowerCase(Locale.ROOT).startsWith(SCHEME);
  }

  /**
   * The scope named by a mock URL: {@code mock://orders-test} gives {@code orders-test}. Mixing a
   * mock URL with others is rejected.
   */
  public static String scopeOf(String url) {
    String trimmed = url.trim();
    if (trimmed.contains(",")) {
      throw new IllegalArgumentException(
          "A mock registry URL cannot be combined with other URLs: " + url);
    }
    return trimmed.substring(SCHEME.length());
  }

  /** A caching client of the registry of {@code scope}, created on first use. */
  public static SchemaRegistryClient getClientForScope(String scope) {
    Scope registry = scope(scope);
    return new CachedSchemaRegistryClient(
        new InMemorySchemaRegistryClient(registry.service(), registry.calls()));
  }

  /** The registry service behind {@code scope}, created on first use. */
  public static SchemaRegistryService service(String scope) {
    return scope(scope).service();
  }

  /** How many calls reached the registry of {@code scope} past the clients' caches. */
  public static long callCount(String scope) {
    Scope registry = SCOPES.get(scope);
    return registry == null ? 0 : registry.calls().get();
  }

  /** Forgets the registry of {@code scope}; the next use starts an empty one. */
  public static void dropScope(String scope) {
    Scope removed = SCOPES.remove(scope);
    if (removed != null) {
      removed.service().close();
    }
  }

  private static Scope scope(String scope) {
    return SCOPES.computeIfAbsent(
        scope, key -> new Scope(SchemaRegistryService.inMemory(), new AtomicLong()));
  }

  private record Scope(SchemaRegistryService service, AtomicLong calls) {}
}

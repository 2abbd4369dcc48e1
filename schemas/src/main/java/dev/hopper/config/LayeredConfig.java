package dev.hopper.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The configuration every Hopper command reads, layered from lowest to highest precedence: defaults
 * in code, a {@code --config} properties file, the environment, then command-line flags.
 *
 * <p>Keys are dotted lower case. Hopper's own keys start with {@code hopper.}; {@code mongodb.*}
 * and {@code coingecko.*} belong to those services; every other key is a Kafka client key
 * (including {@code schema.registry.url} and {@code sasl.*}/{@code ssl.*}) and passes straight
 * through to the clients, so security settings work by configuration alone. Environment variables
 * map the way Confluent's images map them: {@code KAFKA_BOOTSTRAP_SERVERS} becomes {@code
 * bootstrap.servers}, {@code HOPPER_REST_PORT} becomes {@code hopper.rest.port}, and {@code
 * SCHEMA_REGISTRY_URL}, {@code MONGODB_URI}, {@code COINGECKO_API_KEY} become {@code
 * schema.registry.url}, {@code mongodb.uri}, {@code coingecko.api.key}.
 */
public final class LayeredConfig {

  /** Prefix of Hopper's own keys. */
  public static final String HOPPER_PREFIX = "hopper.";

  private static final Map<String, String> ENV_ALIASES =
      Map.of(
          "SCHEMA_REGISTRY_URL", "schema.registry.url",
          "MONGODB_URI", "mongodb.uri",
          "COINGECKO_API_KEY", "coingecko.api.key");

  private final Map<String, String> values;
  private final Map<String, String> origins;

  private LayeredConfig(Map<String, String> values, Map<String, String> origins) {
    this.values = Collections.unmodifiableMap(values);
    this.origins = Collections.unmodifiableMap(origins);
  }

  /** Starts a configuration from the given defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Maps one environment variable name to its dotted key, or empty when it is not a config var. */
  public static Optional<String> keyForEnv(String name) {
    if (ENV_ALIASES.containsKey(name)) {
      return Optional.of(ENV_ALIASES.get(name));
    }
    if (name.startsWith("KAFKA_") && name.length() > "KAFKA_".length()) {
      // KAFKA_OPTS and friends configure the JVM scripts, not the clients.
      if (name.equals("KAFKA_OPTS")
          || name.startsWith("KAFKA_HEAP")
          || name.startsWith("KAFKA_JVM")) {
        return Optional.empty();
      }
      return Optional.of(envToDotted(name.substring("KAFKA_".length())));
    }
    if (name.startsWith("HOPPER_") && name.length() > "HOPPER_".length()) {
      return Optional.of(HOPPER_PREFIX + envToDotted(name.substring("HOPPER_".length())));
    }
    return Optional.empty();
  }

  /** {@code SASL_JAAS_CONFIG} to {@code sasl.jaas.config}; {@code __} keeps an underscore. */
  private static String envToDotted(String suffix) {
    return suffix
        .toLowerCase(Locale.ROOT)
        .replace("__", "\u0000")
        .replace('_', '.')
        .replace('\u0000', '_');
  }

  /** The value of a key, if set at any layer. */
  public Optional<String> find(String key) {
    return Optional.ofNullable(values.get(key)).map(String::trim).filter(v -> !v.isEmpty());
  }

  /** The value of a key, failing with a message naming the key when it is not set. */
  public String require(String key) {
    return find(key).orElseThrow(() -> new ConfigException(key, null, "is required but not set"));
  }

  /** The value of a key or the given fallback. */
  public String get(String key, String fallback) {
    return find(key).orElse(fallback);
  }

  /** An integer value, validated against an inclusive range. */
  public int getInt(String key, int fallback, int min, int max) {
    return (int) getLong(key, fallback, min, max);
  }

  /** A long value, validated against an inclusive range. */
  public long getLong(String key, long fallback, long min, long max) {
    Optional<String> raw = find(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      long v = Long.parseLong(raw.get());
      if (v < min || v > max) {
        throw new ConfigException(key, raw.get(), "must be between " + min + " and " + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ConfigException(
          key, raw.get(), "must be an integer between " + min + " and " + max);
    }
  }

  /** A boolean value: {@code true} or {@code false}, nothing else. */
  public boolean getBoolean(String key, boolean fallback) {
    Optional<String> raw = find(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    String v = raw.get().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new ConfigException(key, raw.get(), "must be true or false");
  }

  /** Every key and value, all layers applied. */
  public Map<String, String> asMap() {
    return values;
  }

  /** Which layer set a key: {@code default}, {@code file:...}, {@code env:NAME} or {@code flag}. */
  public Optional<String> origin(String key) {
    return Optional.ofNullable(origins.get(key));
  }

  /**
   * The keys Kafka clients (and the Avro serdes) receive: everything except Hopper's own keys and
   * those of MongoDB and CoinGecko.
   */
  public Map<String, Object> kafkaProperties() {
    Map<String, Object> out = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (isClientKey(k)) {
            out.put(k, v);
          }
        });
    return out;
  }

  /** Whether a key passes through to Kafka clients. */
  public static boolean isClientKey(String key) {
    return !key.startsWith(HOPPER_PREFIX)
        && !key.startsWith("mongodb.")
        && !key.startsWith("coingecko.");
  }

  /** A copy with more values on top (highest precedence), e.g. per-component overrides. */
  public LayeredConfig with(Map<String, String> overrides) {
    Map<String, String> v = new LinkedHashMap<>(values);
    Map<String, String> o = new LinkedHashMap<>(origins);
    overrides.forEach(
        (k, val) -> {
          v.put(k, val);
          o.put(k, "override");
        });
    return new LayeredConfig(v, o);
  }

  /** Renders the configuration for a log line, hiding secrets. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    new TreeMap<>(values)
        .forEach(
            (k, v) -> {
              if (sb.length() > 1) {
                sb.append(", ");
              }
              sb.append(k).append('=').append(isSecret(k) ? "[hidden]" : v);
            });
    return sb.append('}').toString();
  }

  /** Whether a key holds a secret that must never be logged. */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password")
        || k.contains("secret")
        || k.contains("api.key")
        || k.contains("token")
        || k.contains("jaas")
        || k.contains("user.info")
        || (k.endsWith(".uri") && k.startsWith("mongodb"));
  }

  /** Builds a {@link LayeredConfig} layer by layer; later layers win. */
  public static final class Builder {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();

    private Builder() {}

    private void put(String key, String value, String origin) {
      if (value == null) {
        return;
      }
      values.put(key, value);
      origins.put(key, origin);
    }

    /** Defaults in code (lowest precedence). */
    public Builder defaults(Map<String, String> defaults) {
      defaults.forEach((k, v) -> put(k, v, "default"));
      return this;
    }

    /** A properties file; {@code null} means none. Fails clearly when it cannot be read. */
    public Builder file(Path file) {
      if (file == null) {
        return this;
      }
      Properties props = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(reader);
      } catch (NoSuchFileException e) {
        throw new ConfigException("--config", file.toString(), "file does not exist");
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigException("--config", file.toString(), "cannot be read: " + e.getMessage());
      }
      props.stringPropertyNames().forEach(k -> put(k.trim(), props.getProperty(k), "file:" + file));
      return this;
    }

    /** Environment variables; only the mapped names are taken. */
    public Builder environment(Map<String, String> env) {
      return environment(env, name -> true);
    }

    /** Environment variables accepted by the filter; only the mapped names are taken. */
    public Builder environment(Map<String, String> env, Predicate<String> accept) {
      new TreeMap<>(env)
          .forEach(
              (name, v) -> {
                if (accept.test(name)) {
                  keyForEnv(name).ifPresent(k -> put(k, v, "env:" + name));
                }
              });
      return this;
    }

    /** Command-line flags, already mapped to keys (highest precedence). */
    public Builder flags(Map<String, String> flags) {
      flags.forEach((k, v) -> put(k, v, "flag"));
      return this;
    }

    /** The layered configuration. */
    public LayeredConfig build() {
      return new LayeredConfig(new LinkedHashMap<>(values), new LinkedHashMap<>(origins));
    }
  }
}

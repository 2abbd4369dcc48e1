package dev.hopper.registry.client;

import dev.hopper.registry.CompatibilityLevel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;

/**
 * A {@link SchemaRegistryClient} that remembers what the registry answered, so serializers and
 * deserializers call the registry once per schema and then never again: schema to id and version
 * per subject, id to schema, subject version to schema. The latest version of a subject is kept for
 * a limited time (default 60 s) since it changes when a schema is registered. Administrative calls
 * go straight through; deletes made through this client forget the subject.
 *
 * <p>Thread-safe. By default it talks HTTP through a {@link RestSchemaRegistryClient}.
 */
public final class CachedSchemaRegistryClient implements SchemaRegistryClient {
  /** Default number of schemas remembered per subject. */
  public static final int DEFAULT_CAPACITY = 1000;

  /** Default time the latest version of a subject is remembered. */
  public static final Duration DEFAULT_LATEST_TTL = Duration.ofSeconds(60);

  private final SchemaRegistryClient delegate;
  private final int capacity;
  private final long latestTtlNanos;
  private final LongSupplier nanoClock;

  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
  private final Map<String, Map<Schema, Integer>> versionsBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, Map<Integer, SchemaMetadata>> metadataBySubject =
      new ConcurrentHashMap<>();
  private final Map<String, Expiring> latestBySubject = new ConcurrentHashMap<>();

  /** A caching client over HTTP to the registry at {@code urls} (comma-separated). */
  public CachedSchemaRegistryClient(String urls) {
    this(RegistryClientConfig.of(urls));
  }

  /** A caching client over HTTP with these settings. */
  public CachedSchemaRegistryClient(RegistryClientConfig config) {
    this(new RestSchemaRegistryClient(config));
  }

  /** A caching client in front of {@code delegate}, with the default capacity and latest TTL. */
  public CachedSchemaRegistryClient(SchemaRegistryClient delegate) {
    this(delegate, DEFAULT_CAPACITY, DEFAULT_LATEST_TTL);
  }

  public CachedSchemaRegistryClient(
      SchemaRegistryClient delegate, int capacity, Duration latestTtl) {
    this(delegate, capacity, latestTtl, System::nanoTime);
  }

  CachedSchemaRegistryClient(
      SchemaRegistryClient delegate, int capacity, Duration latestTtl, LongSupplier nanoClock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.delegate = delegate;
    this.capacity = capacity;
    this.latestTtlNanos = latestTtl.toNanos();
    this.nanoClock = nanoClock;
  }

  /** The client this one caches for. */
  public SchemaRegistryClient delegate() {
    return delegate;
  }

  @Override
  public int register(String subject, Schema schema) {
    Map<Schema, Integer> ids = perSubject(idsBySubject, subject);
    Integer id = ids.get(schema);
    if (id == null) {
      id = delegate.register(subject, schema);
      remember(ids, schema, id);
      schemasById.putIfAbsent(id, schema);
    }
    return id;
  }

  @Override
  public int getId(String subject, Schema schema) {
    Map<Schema, Integer> ids = perSubject(idsBySubject, subject);
    Integer id = ids.get(schema);
    if (id == null) {
      id = delegate.getId(subject, schema);
      remember(ids, schema, id);
      schemasById.putIfAbsent(id, schema);
    }
    return id;
  }

  @Override
  public int getVersion(String subject, Schema schema) {
    Map<Schema, Integer> versions = perSubject(versionsBySubject, subject);
    Integer version = versions.get(schema);
    if (version == null) {
      version = delegate.getVersion(subject, schema);
      remember(versions, schema, version);
    }
    return version;
  }

  @Override
  public Schema getSchemaById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      schema = delegate.getSchemaById(id);
      Schema previous = schemasById.putIfAbsent(id, schema);
      if (previous != null) {
        schema = previous;
      }
    }
    return schema;
  }

  @Override
  public SchemaMetadata getLatestSchemaMetadata(String subject) {
    long now = nanoClock.getAsLong();
    Expiring cached = latestBySubject.get(subject);
    if (cached != null && now - cached.fetchedAtNanos() < latestTtlNanos) {
      return cached.metadata();
    }
    SchemaMetadata latest = delegate.getLatestSchemaMetadata(subject);
    latestBySubject.put(subject, new Expiring(latest, now));
    schemasById.putIfAbsent(latest.id(), latest.schema());
    return latest;
  }

  @Override
  public SchemaMetadata getSchemaMetadata(String subject, int version) {
    Map<Integer, SchemaMetadata> versions =
        metadataBySubject.computeIfAbsent(subject, key -> new ConcurrentHashMap<>());
    SchemaMetadata metadata = versions.get(version);
    if (metadata == null) {
      metadata = delegate.getSchemaMetadata(subject, version);
      remember(versions, version, metadata);
      schemasById.putIfAbsent(metadata.id(), metadata.schema());
    }
    return metadata;
  }

  @Override
  public List<String> getAllSubjects() {
    return delegate.getAllSubjects();
  }

  @Override
  public List<Integer> getAllVersions(String subject) {
    return delegate.getAllVersions(subject);
  }

  @Override
  public boolean testCompatibility(String subject, Schema schema) {
    return delegate.testCompatibility(subject, schema);
  }

  @Override
  public Optional<CompatibilityLevel> getCompatibility(String subject) {
    return delegate.getCompatibility(subject);
  }

  @Override
  public void updateCompatibility(String subject, CompatibilityLevel level) {
    delegate.updateCompatibility(subject, level);
  }

  @Override
  public List<Integer> deleteSubject(String subject, boolean permanent) {
    List<Integer> deleted = delegate.deleteSubject(subject, permanent);
    forget(subject);
    return deleted;
  }

  @Override
  public int deleteSchemaVersion(String subject, int version, boolean permanent) {
    int deleted = delegate.deleteSchemaVersion(subject, version, permanent);
    forget(subject);
    return deleted;
  }

  @Override
  public void close() {
    delegate.close();
  }

  private void forget(String subject) {
    idsBySubject.remove(subject);
    versionsBySubject.remove(subject);
    metadataBySubject.remove(subject);
    latestBySubject.remove(subject);
  }

  private static Map<Schema, Integer> perSubject(
      Map<String, Map<Schema, Integer>> cache, String subject) {
    return cache.computeIfAbsent(subject, key -> new ConcurrentHashMap<>());
  }

  /** Remembers an answer; a subject with more distinct schemas than the capacity starts over. */
  private <K, V> void remember(Map<K, V> cache, K key, V value) {
    if (cache.size() >= capacity && !cache.containsKey(key)) {
      cache.clear();
    }
    cache.put(key, value);
  }

  private record Expiring(SchemaMetadata metadata, long fetchedAtNanos) {}
}

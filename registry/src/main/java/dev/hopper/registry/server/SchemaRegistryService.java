package dev.hopper.registry.server;

import dev.hopper.registry.CompatibilityLevel;
import dev.hopper.registry.server.store.InMemorySchemaStore;
import dev.hopper.registry.server.store.SchemaStore;
import dev.hopper.registry.server.store.StoreRecord;
import dev.hopper.registry.server.store.StoreRecord.Config;
import dev.hopper.registry.server.store.StoreRecord.ConfigDeleted;
import dev.hopper.registry.server.store.StoreRecord.SchemaId;
import dev.hopper.registry.server.store.StoreRecord.SubjectVersion;
import dev.hopper.registry.server.store.StoreRecord.SubjectVersionDeleted;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * The Schema Registry's rules, independent of HTTP: registration with global, stable ids,
 * compatibility checks, soft and permanent deletion, and compatibility configuration, with the
 * semantics and error codes of Confluent's registry. State lives in memory and is rebuilt from (and
 * written through to) a {@link SchemaStore}.
 *
 * <p>Writes are serialized; reads run concurrently. One instance should write to a store at a time.
 */
public final class SchemaRegistryService implements AutoCloseable {
  /** Version number Confluent uses for "latest". */
  public static final int LATEST = -1;

  private static final String AVRO = "AVRO";

  private final SchemaStore store;
  private final CompatibilityLevel defaultLevel;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReentrantReadWriteLock stateLock = new ReentrantReadWriteLock();
  private final Map<Integer, Schema> parsedById = new ConcurrentHashMap<>();

  // State, guarded by stateLock.
  private final Map<String, NavigableMap<Integer, SubjectVersion>> subjects = new HashMap<>();
  private final Map<Integer, String> schemasById = new HashMap<>();
  private final Map<String, Integer> idsBySchema = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel;
  private int maxId;

  public SchemaRegistryService(SchemaStore store, CompatibilityLevel defaultLevel) {
    this.store = Objects.requireNonNull(store, "store");
    this.defaultLevel = Objects.requireNonNull(defaultLevel, "defaultLevel");
  }

  /** A service on a fresh in-memory store, started, with BACKWARD as the default level. */
  public static SchemaRegistryService inMemory() {
    SchemaRegistryService service =
        new SchemaRegistryService(new InMemorySchemaStore(), CompatibilityLevel.BACKWARD);
    service.start();
    return service;
  }

  /** Rebuilds the state from the store; returns once caught up. */
  public void start() {
    store.start(this::apply);
  }

  /** The store's description, for logs. */
  public String storeDescription() {
    return store.describe();
  }

  @Override
  public void close() {
    store.close();
  }

  // ---------------------------------------------------------------- schemas

  /**
   * Registers {@code schema} under {@code subject} and returns the version holding it. A schema
   * already registered under the subject returns its existing version; a schema known under another
   * subject keeps its id.
   */
  public SubjectVersion register(String subject, String schema, String schemaType) {
    String canonical = canonical(schema, schemaType);
    Schema parsed = parse(canonical);
    writeLock.lock();
    try {
      List<StoreRecord> changes = new ArrayList<>();
      SubjectVersion created =
          read(
              () -> {
                NavigableMap<Integer, SubjectVersion> versions =
                    subjects.getOrDefault(subject, Collections.emptyNavigableMap());
                Integer knownId = idsBySchema.get(canonical);
                if (knownId != null) {
                  for (SubjectVersion v : versions.descendingMap().values()) {
                    if (!v.deleted() && v.id() == knownId) {
                      return v;
                    }
                  }
                }
                List<SubjectVersion> live = live(versions);
                List<String> problems =
                    CompatibilityChecker.check(
                        levelOf(subject),
                        parsed,
                        live.stream().map(v -> parsedSchema(v.id(), v.schema())).toList(),
                        live.stream().map(SubjectVersion::version).toList());
                if (!problems.isEmpty()) {
                  throw RegistryError.incompatible(subject, String.join("; ", problems));
                }
                int id = knownId != null ? knownId : maxId + 1;
                if (knownId == null) {
                  changes.add(new SchemaId(id, canonical));
                }
                int version = versions.isEmpty() ? 1 : versions.lastKey() + 1;
                // As Confluent does: soft-deleted versions of the same schema make way for the new.
                for (SubjectVersion v : versions.values()) {
                  if (v.deleted() && v.id() == id) {
                    changes.add(new SubjectVersionDeleted(subject, v.version()));
                  }
                }
                SubjectVersion next = new SubjectVersion(subject, version, id, canonical, false);
                changes.add(next);
                return next;
              });
      if (!changes.isEmpty()) {
        store.append(changes);
      }
      return created;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Finds the version of {@code subject} holding {@code schema}.
   *
   * @throws RegistryError 40401 when the subject has no versions, 40403 when none holds the schema
   */
  public SubjectVersion lookup(
      String subject, String schema, String schemaType, boolean includeDeleted) {
    String canonical = canonical(schema, schemaType);
    return read(
        () -> {
          Integer id = idsBySchema.get(canonical);
          NavigableMap<Integer, SubjectVersion> versions =
              subjects.getOrDefault(subject, Collections.emptyNavigableMap());
          if (id != null) {
            for (SubjectVersion v : versions.descendingMap().values()) {
              if (v.id() == id && (includeDeleted || !v.deleted())) {
                return v;
              }
            }
          }
          if (!hasVersions(subject, includeDeleted)) {
            throw RegistryError.subjectNotFound(subject);
          }
          throw RegistryError.schemaNotFound();
        });
  }

  /** The schema with {@code id}, or 40403. */
  public String schemaById(int id) {
    return read(
        () -> {
          String schema = schemasById.get(id);
          if (schema == null) {
            throw RegistryError.schemaNotFound(id);
          }
          return schema;
        });
  }

  /** The highest schema id assigned so far (0 when none). */
  public int maxId() {
    return read(() -> maxId);
  }

  /** The subject versions using schema {@code id}, by subject then version; 40403 if unknown. */
  public List<SubjectVersion> versionsOfId(int id, boolean includeDeleted) {
    return read(
        () -> {
          if (!schemasById.containsKey(id)) {
            throw RegistryError.schemaNotFound(id);
          }
          List<SubjectVersion> result = new ArrayList<>();
          for (String subject : new TreeSet<>(subjects.keySet())) {
            for (SubjectVersion v : subjects.get(subject).values()) {
              if (v.id() == id && (includeDeleted || !v.deleted())) {
                result.add(v);
              }
            }
          }
          return result;
        });
  }

  /** Every version of every subject (or only each subject's latest), filtered by prefix. */
  public List<SubjectVersion> allVersions(
      String subjectPrefix, boolean includeDeleted, boolean latestOnly) {
    return read(
        () -> {
          List<SubjectVersion> result = new ArrayList<>();
          for (String subject : new TreeSet<>(subjects.keySet())) {
            if (subjectPrefix != null && !subject.startsWith(subjectPrefix)) {
              continue;
            }
            List<SubjectVersion> matching =
                subjects.get(subject).values().stream()
                    .filter(v -> includeDeleted || !v.deleted())
                    .toList();
            if (latestOnly && !matching.isEmpty()) {
              result.add(matching.get(matching.size() - 1));
            } else {
              result.addAll(matching);
            }
          }
          return result;
        });
  }

  // ---------------------------------------------------------------- subjects

  /**
   * Subject names in order: those with a live version; with {@code includeDeleted} also
   * soft-deleted ones; with {@code deletedOnly} only those whose versions are all soft-deleted.
   */
  public List<String> subjects(String prefix, boolean includeDeleted, boolean deletedOnly) {
    return read(
        () -> {
          List<String> result = new ArrayList<>();
          for (String subject : new TreeSet<>(subjects.keySet())) {
            if (prefix != null && !subject.startsWith(prefix)) {
              continue;
            }
            boolean live = hasVersions(subject, false);
            if (deletedOnly ? !live : (live || includeDeleted)) {
              result.add(subject);
            }
          }
          return result;
        });
  }

  /** The version numbers of a subject, ascending; 40401 if it has none to show. */
  public List<Integer> versions(String subject, boolean includeDeleted, boolean deletedOnly) {
    return read(
        () -> {
          List<Integer> result = new ArrayList<>();
          for (SubjectVersion v :
              subjects.getOrDefault(subject, Collections.emptyNavigableMap()).values()) {
            boolean shown = deletedOnly ? v.deleted() : (includeDeleted || !v.deleted());
            if (shown) {
              result.add(v.version());
            }
          }
          if (result.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
          }
          return result;
        });
  }

  /**
   * A version of a subject ({@link #LATEST}: the latest live one).
   *
   * @throws RegistryError 40401 unknown subject, 40402 unknown version
   */
  public SubjectVersion version(String subject, int version, boolean includeDeleted) {
    return read(
        () -> {
          SubjectVersion found = find(subject, version, includeDeleted);
          if (found == null) {
            if (!hasVersions(subject, includeDeleted)) {
              throw RegistryError.subjectNotFound(subject);
            }
            throw RegistryError.versionNotFound(version);
          }
          return found;
        });
  }

  /**
   * Deletes a subject: soft (its versions are hidden but their ids stay readable) or, after a soft
   * delete, permanently. Returns the versions deleted.
   */
  public List<Integer> deleteSubject(String subject, boolean permanent) {
    writeLock.lock();
    try {
      List<StoreRecord> changes = new ArrayList<>();
      List<Integer> deleted =
          read(
              () -> {
                if (!hasVersions(subject, true)) {
                  throw RegistryError.subjectNotFound(subject);
                }
                if (!permanent && !hasVersions(subject, false)) {
                  throw RegistryError.subjectSoftDeleted(subject);
                }
                List<Integer> versions = new ArrayList<>();
                for (SubjectVersion v : subjects.get(subject).values()) {
                  if (permanent) {
                    if (!v.deleted()) {
                      throw RegistryError.subjectNotSoftDeleted(subject);
                    }
                    changes.add(new SubjectVersionDeleted(subject, v.version()));
                    versions.add(v.version());
                  } else if (!v.deleted()) {
                    changes.add(v.asDeleted());
                    versions.add(v.version());
                  }
                }
                if (permanent && subjectLevels.containsKey(subject)) {
                  changes.add(new ConfigDeleted(subject));
                }
                return versions;
              });
      store.append(changes);
      return deleted;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Deletes one version ({@link #LATEST}: the latest live one): soft, or after a soft delete,
   * permanently. Returns the version number deleted.
   */
  public int deleteVersion(String subject, int version, boolean permanent) {
    writeLock.lock();
    try {
      List<StoreRecord> changes = new ArrayList<>();
      int deleted =
          read(
              () -> {
                SubjectVersion any = version == LATEST ? null : find(subject, version, true);
                if (any != null && any.deleted() && !permanent) {
                  throw RegistryError.versionSoftDeleted(subject, version);
                }
                SubjectVersion target = find(subject, version, true);
                if (target == null) {
                  if (!hasVersions(subject, true)) {
                    throw RegistryError.subjectNotFound(subject);
                  }
                  throw RegistryError.versionNotFound(version);
                }
                if (permanent && !target.deleted()) {
                  throw RegistryError.versionNotSoftDeleted(subject, target.version());
                }
                if (permanent) {
                  changes.add(new SubjectVersionDeleted(subject, target.version()));
                  if (subjects.get(subject).size() == 1 && subjectLevels.containsKey(subject)) {
                    changes.add(new ConfigDeleted(subject));
                  }
                } else {
                  changes.add(target.asDeleted());
                }
                return target.version();
              });
      store.append(changes);
      return deleted;
    } finally {
      writeLock.unlock();
    }
  }

  // ---------------------------------------------------------------- compatibility

  /**
   * Why {@code schema} could not be registered under {@code subject} against {@code version}
   * ({@link #LATEST}, a number, or null for every version the subject's level asks for); empty when
   * compatible. A subject without versions accepts anything against {@code latest}.
   */
  public List<String> compatibilityProblems(
      String subject, Integer version, String schema, String schemaType) {
    return read(
        () -> {
          List<SubjectVersion> against;
          CompatibilityLevel level = levelOf(subject);
          if (version == null) {
            against = live(subjects.getOrDefault(subject, Collections.emptyNavigableMap()));
          } else {
            SubjectVersion found = find(subject, version, false);
            if (found == null && version != LATEST) {
              if (!hasVersions(subject, false)) {
                throw RegistryError.subjectNotFound(subject);
              }
              throw RegistryError.versionNotFound(version);
            }
            against = found == null ? List.of() : List.of(found);
            // One version given: only the level's directions apply, not its transitivity.
            level = nonTransitive(level);
          }
          Schema candidate = parse(canonical(schema, schemaType));
          return CompatibilityChecker.check(
              level,
              candidate,
              against.stream().map(v -> parsedSchema(v.id(), v.schema())).toList(),
              against.stream().map(SubjectVersion::version).toList());
        });
  }

  // ---------------------------------------------------------------- configuration

  /** The global compatibility level. */
  public CompatibilityLevel globalCompatibility() {
    return read(() -> globalLevel != null ? globalLevel : defaultLevel);
  }

  /** A subject's own compatibility level, if it has one. */
  public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
    return read(() -> Optional.ofNullable(subjectLevels.get(subject)));
  }

  /** The level that applies to {@code subject}: its own, else the global one. */
  public CompatibilityLevel effectiveCompatibility(String subject) {
    return read(() -> levelOf(subject));
  }

  /** Sets the global level (subject null) or a subject's level. */
  public void setCompatibility(String subject, CompatibilityLevel level) {
    writeLock.lock();
    try {
      store.append(List.of(new Config(subject, level)));
    } finally {
      writeLock.unlock();
    }
  }

  /** Resets the global level to the default and returns the previous one. */
  public CompatibilityLevel deleteGlobalCompatibility() {
    writeLock.lock();
    try {
      CompatibilityLevel previous = globalCompatibility();
      store.append(List.of(new ConfigDeleted(null)));
      return previous;
    } finally {
      writeLock.unlock();
    }
  }

  /** Removes a subject's own level and returns it; 40401 when it had none. */
  public CompatibilityLevel deleteSubjectCompatibility(String subject) {
    writeLock.lock();
    try {
      CompatibilityLevel previous =
          subjectCompatibility(subject).orElseThrow(() -> RegistryError.subjectNotFound(subject));
      store.append(List.of(new ConfigDeleted(subject)));
      return previous;
    } finally {
      writeLock.unlock();
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Parses a registered schema and returns its canonical text, the form ids are assigned to.
   *
   * @throws RegistryError 422 for an empty schema, 42201 for an invalid one or a non-Avro type
   */
  public static String canonical(String schema, String schemaType) {
    if (schemaType != null
        && !schemaType.isBlank()
        && !AVRO.equals(schemaType.trim().toUpperCase(Locale.ROOT))) {
      throw RegistryError.invalidSchema(
          "schema type " + schemaType + " is not supported, this registry serves AVRO schemas");
    }
    if (schema == null || schema.isBlank()) {
      throw RegistryError.emptySchema();
    }
    return parse(schema).toString();
  }

  /**
   * Parses a version path segment: {@code latest} or a number in [1, 2^31-1] ({@code -1} is
   * latest).
   */
  public static int parseVersion(String version) {
    String trimmed = version == null ? "" : version.trim();
    if ("latest".equals(trimmed.toLowerCase(Locale.ROOT))) {
      return LATEST;
    }
    try {
      int parsed = Integer.parseInt(trimmed);
      if (parsed <= 0 && parsed != LATEST) {
        throw RegistryError.invalidVersion(version);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw RegistryError.invalidVersion(version);
    }
  }

  private static Schema parse(String schema) {
    try {
      return new Schema.Parser().parse(schema);
    } catch (RuntimeException e) {
      // SchemaParseException, or other runtime exceptions for malformed JSON and bad defaults.
      throw RegistryError.invalidSchema(e.getMessage());
    }
  }

  private Schema parsedSchema(int id, String canonical) {
    return parsedById.computeIfAbsent(id, key -> parse(canonical));
  }

  private static CompatibilityLevel nonTransitive(CompatibilityLevel level) {
    return switch (level) {
      case BACKWARD_TRANSITIVE -> CompatibilityLevel.BACKWARD;
      case FORWARD_TRANSITIVE -> CompatibilityLevel.FORWARD;
      case FULL_TRANSITIVE -> CompatibilityLevel.FULL;
      default -> level;
    };
  }

  private CompatibilityLevel levelOf(String subject) {
    CompatibilityLevel own = subjectLevels.get(subject);
    if (own != null) {
      return own;
    }
    return globalLevel != null ? globalLevel : defaultLevel;
  }

  private static List<SubjectVersion> live(NavigableMap<Integer, SubjectVersion> versions) {
    return versions.values().stream().filter(v -> !v.deleted()).toList();
  }

  private boolean hasVersions(String subject, boolean includeDeleted) {
    NavigableMap<Integer, SubjectVersion> versions = subjects.get(subject);
    if (versions == null) {
      return false;
    }
    return includeDeleted || versions.values().stream().anyMatch(v -> !v.deleted());
  }

  /** A version, or the latest live one for {@link #LATEST}; null when absent or hidden. */
  private SubjectVersion find(String subject, int version, boolean includeDeleted) {
    NavigableMap<Integer, SubjectVersion> versions = subjects.get(subject);
    if (versions == null) {
      return null;
    }
    if (version == LATEST) {
      for (SubjectVersion v : versions.descendingMap().values()) {
        if (!v.deleted()) {
          return v;
        }
      }
      return null;
    }
    SubjectVersion found = versions.get(version);
    if (found == null || (found.deleted() && !includeDeleted)) {
      return null;
    }
    return found;
  }

  private <T> T read(Supplier<T> reader) {
    stateLock.readLock().lock();
    try {
      return reader.get();
    } finally {
      stateLock.readLock().unlock();
    }
  }

  /** Applies one stored change to the in-memory state (replayed or new). */
  private void apply(StoreRecord record) {
    stateLock.writeLock().lock();
    try {
      if (record instanceof SubjectVersion v) {
        subjects.computeIfAbsent(v.subject(), s -> new TreeMap<>()).put(v.version(), v);
        remember(v.id(), v.schema());
      } else if (record instanceof SubjectVersionDeleted d) {
        NavigableMap<Integer, SubjectVersion> versions = subjects.get(d.subject());
        if (versions != null) {
          versions.remove(d.version());
          if (versions.isEmpty()) {
            subjects.remove(d.subject());
          }
        }
      } else if (record instanceof SchemaId s) {
        remember(s.id(), s.schema());
      } else if (record instanceof Config c) {
        if (c.subject() == null) {
          globalLevel = c.level();
        } else {
          subjectLevels.put(c.subject(), c.level());
        }
      } else if (record instanceof ConfigDeleted c) {
        if (c.subject() == null) {
          globalLevel = null;
        } else {
          subjectLevels.remove(c.subject());
        }
      }
    } finally {
      stateLock.writeLock().unlock();
    }
  }

  private void remember(int id, String schema) {
    schemasById.putIfAbsent(id, schema);
    idsBySchema.putIfAbsent(schema, id);
    maxId = Math.max(maxId, id);
  }
}

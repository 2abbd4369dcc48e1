package dev.hopper.registry.server.store;

import dev.hopper.registry.CompatibilityLevel;
import java.util.Objects;

/**
 * One change to the registry's state. A store keeps these durably (the Kafka store as records of a
 * compacted topic: each change has a key, and a later record with the same key replaces it) and
 * replays them to rebuild the state.
 */
public sealed interface StoreRecord {

  /** A version of a subject: which schema id it has, and whether it is soft-deleted. */
  record SubjectVersion(String subject, int version, int id, String schema, boolean deleted)
      implements StoreRecord {
    public SubjectVersion {
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(schema, "schema");
    }

    /** This version, soft-deleted. */
    public SubjectVersion asDeleted() {
      return new SubjectVersion(subject, version, id, schema, true);
    }
  }

  /** A version permanently deleted. */
  record SubjectVersionDeleted(String subject, int version) implements StoreRecord {
    public SubjectVersionDeleted {
      Objects.requireNonNull(subject, "subject");
    }
  }

  /**
   * A schema id and its canonical schema. Ids are never reused or forgotten, so data written with
   * an id stays readable even after every version using it was permanently deleted.
   */
  record SchemaId(int id, String schema) implements StoreRecord {
    public SchemaId {
      Objects.requireNonNull(schema, "schema");
    }
  }

  /** The compatibility level of a subject, or the global one when {@code subject} is null. */
  record Config(String subject, CompatibilityLevel level) implements StoreRecord {
    public Config {
      Objects.requireNonNull(level, "level");
    }
  }

  /** A subject-level (or, when {@code subject} is null, the global) compatibility level removed. */
  record ConfigDeleted(String subject) implements StoreRecord {}
}

package dev.hopper.registry.client;

import dev.hopper.registry.CompatibilityLevel;
import java.io.Closeable;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A client of a Confluent-compatible Schema Registry. Errors are {@link SchemaRegistryException}s:
 * {@link SchemaNotFoundException}, {@link IncompatibleSchemaException}, {@link
 * InvalidSchemaException}, {@link RegistryUnavailableException}.
 */
public interface SchemaRegistryClient extends Closeable {

  /** Registers {@code schema} under {@code subject} (or finds it there) and returns its id. */
  int register(String subject, Schema schema);

  /** The id of {@code schema} registered under {@code subject}, without registering it. */
  int getId(String subject, Schema schema);

  /** The version of {@code subject} that holds {@code schema}. */
  int getVersion(String subject, Schema schema);

  /** The schema with the global id {@code id}. */
  Schema getSchemaById(int id);

  /** The latest live version of {@code subject}. */
  SchemaMetadata getLatestSchemaMetadata(String subject);

  /** Version {@code version} of {@code subject}. */
  SchemaMetadata getSchemaMetadata(String subject, int version);

  /** Every subject with a live version. */
  List<String> getAllSubjects();

  /** The live versions of {@code subject}, ascending. */
  List<Integer> getAllVersions(String subject);

  /** Whether {@code schema} could be registered under {@code subject} now. */
  boolean testCompatibility(String subject, Schema schema);

  /**
   * The compatibility level of {@code subject}, or of the registry when {@code subject} is null;
   * empty when the subject has no level of its own.
   */
  Optional<CompatibilityLevel> getCompatibility(String subject);

  /** Sets the level of {@code subject}, or of the registry when {@code subject} is null. */
  void updateCompatibility(String subject, CompatibilityLevel level);

  /** Deletes a subject (soft, or permanently after a soft delete); returns the versions deleted. */
  List<Integer> deleteSubject(String subject, boolean permanent);

  /** Deletes one version of a subject (soft, or permanently after a soft delete). */
  int deleteSchemaVersion(String subject, int version, boolean permanent);

  /** Releases connections; the default does nothing. */
  @Override
  default void close() {}
}

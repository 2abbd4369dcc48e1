package dev.hopper.registry.client;

import dev.hopper.registry.CompatibilityLevel;
import dev.hopper.registry.server.RegistryError;
import dev.hopper.registry.server.SchemaRegistryService;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * A {@link SchemaRegistryClient} that calls a {@link SchemaRegistryService} in the same JVM: the
 * registry's real rules (ids, versions, compatibility, error codes) without HTTP. Counts the calls
 * it receives, so tests can prove a cache in front of it works. Not cached itself.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {
  private final SchemaRegistryService service;
  private final AtomicLong calls;

  public InMemorySchemaRegistryClient(SchemaRegistryService service) {
    this(service, new AtomicLong());
  }

  InMemorySchemaRegistryClient(SchemaRegistryService service, AtomicLong calls) {
    this.service = service;
    this.calls = calls;
  }

  /** How many calls reached the registry through this client (or its scope). */
  public long callCount() {
    return calls.get();
  }

  @Override
  public int register(String subject, Schema schema) {
    return call(() -> service.register(subject, schema.toString(), null).id());
  }

  @Override
  public int getId(String subject, Schema schema) {
    return call(() -> service.lookup(subject, schema.toString(), null, false).id());
  }

  @Override
  public int getVersion(String subject, Schema schema) {
    return call(() -> service.lookup(subject, schema.toString(), null, false).version());
  }

  @Override
  public Schema getSchemaById(int id) {
    return call(() -> RestSchemaRegistryClient.parse(service.schemaById(id)));
  }

  @Override
  public SchemaMetadata getLatestSchemaMetadata(String subject) {
    return getSchemaMetadata(subject, SchemaRegistryService.LATEST);
  }

  @Override
  public SchemaMetadata getSchemaMetadata(String subject, int version) {
    return call(
        () -> {
          var found = service.version(subject, version, false);
          return new SchemaMetadata(
              found.subject(),
              found.version(),
              found.id(),
              RestSchemaRegistryClient.parse(found.schema()));
        });
  }

  @Override
  public List<String> getAllSubjects() {
    return call(() -> service.subjects(null, false, false));
  }

  @Override
  public List<Integer> getAllVersions(String subject) {
    return call(() -> service.versions(subject, false, false));
  }

  @Override
  public boolean testCompatibility(String subject, Schema schema) {
    return call(() -> service.compatibilityProblems(subject, null, schema.toString(), null))
        .isEmpty();
  }

  @Override
  public Optional<CompatibilityLevel> getCompatibility(String subject) {
    return call(
        () ->
            subject == null
                ? Optional.of(service.globalCompatibility())
                : service.subjectCompatibility(subject));
  }

  @Override
  public void updateCompatibility(String subject, CompatibilityLevel level) {
    call(
        () -> {
          service.setCompatibility(subject, level);
          return null;
        });
  }

  @Override
  public List<Integer> deleteSubject(String subject, boolean permanent) {
    return call(() -> service.deleteSubject(subject, permanent));
  }

  @Override
  public int deleteSchemaVersion(String subject, int version, boolean permanent) {
    return call(() -> service.deleteVersion(subject, version, permanent));
  }

  private <T> T call(Supplier<T> operation) {
    calls.incrementAndGet();
    try {
      return operation.get();
    } catch (RegistryError e) {
      throw SchemaRegistryException.fromResponse(e.httpStatus(), e.errorCode(), e.getMessage());
    }
  }
}

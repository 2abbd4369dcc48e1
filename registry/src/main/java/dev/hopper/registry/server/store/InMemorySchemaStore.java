package dev.hopper.registry.server.store;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** A store that keeps nothing beyond the registry's memory: for tests and throw-away registries. */
public final class InMemorySchemaStore implements SchemaStore {
  private volatile Consumer<StoreRecord> sink;

  @Override
  public void start(Consumer<StoreRecord> sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public void append(List<StoreRecord> records) {
    Consumer<StoreRecord> target = sink;
    if (target == null) {
      throw new IllegalStateException("The store is not started");
    }
    records.forEach(target);
  }

  @Override
  public String describe() {
    return "in-memory store";
  }

  @Override
  public void close() {
    sink = null;
  }
}

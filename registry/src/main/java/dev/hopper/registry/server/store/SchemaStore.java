package dev.hopper.registry.server.store;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where the registry keeps its state: an ordered log of {@link StoreRecord}s. The registry applies
 * every record, replayed or new, through the sink given to {@link #start}.
 */
public interface SchemaStore extends AutoCloseable {

  /**
   * Replays every stored record into {@code sink} and returns once caught up; records appended
   * later (by this or another instance sharing the store) reach the sink too.
   */
  void start(Consumer<StoreRecord> sink);

  /**
   * Durably appends {@code records} in order and returns once they have been applied to the sink.
   *
   * @throws dev.hopper.registry.server.RegistryError 50001 when the store fails, 50002 on timeout
   */
  void append(List<StoreRecord> records);

  /** A short description for logs, e.g. {@code kafka topic _schemas}. */
  String describe();

  @Override
  void close();
}

package dev.hopper.streams.topology;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link InputProgress} a test controls: the topics it names as behind have records waiting to
 * be read, every other topic is caught up. Remembers which topics were asked about.
 */
final class Backlog implements InputProgress {
  private final Set<String> behind = ConcurrentHashMap.newKeySet();
  final Set<String> asked = ConcurrentHashMap.newKeySet();

  /** Marks {@code topic} as having records waiting to be read. */
  Backlog behind(String topic) {
    behind.add(topic);
    return this;
  }

  /** Marks {@code topic} as fully read. */
  Backlog readAll(String topic) {
    behind.remove(topic);
    return this;
  }

  @Override
  public boolean caughtUp(String topic, int partition) {
    asked.add(topic);
    return !behind.contains(topic);
  }

  @Override
  public boolean caughtUp(String topic) {
    asked.add(topic);
    return !behind.contains(topic);
  }
}

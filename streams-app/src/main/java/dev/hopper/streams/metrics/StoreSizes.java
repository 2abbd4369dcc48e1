package dev.hopper.streams.metrics;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Bytes on disk of each persistent state store of this instance, summed over its task directories
 * under {@code <state.dir>/<application.id>} (the global one included): {@code rocksdb/<store>} for
 * key-value stores, {@code <store>/} with its segments for window stores. Walking the directories
 * costs a little, so the result is kept for a few seconds; files that vanish during a walk (RocksDB
 * compacting, a task migrating) are skipped.
 */
final class StoreSizes {
  private static final Duration MAX_AGE = Duration.ofSeconds(10);

  private final Path appDir;
  private final Clock clock;
  private Map<String, Long> sizes = Map.of();
  private long computedAt = Long.MIN_VALUE;

  StoreSizes(Path appDir, Clock clock) {
    this.appDir = appDir;
    this.clock = clock;
  }

  /** Bytes of {@code store}, 0 when it has no files here. */
  synchronized long bytes(String store) {
    long now = clock.millis();
    if (computedAt == Long.MIN_VALUE || now - computedAt >= MAX_AGE.toMillis()) {
      sizes = walk();
      computedAt = now;
    }
    return sizes.getOrDefault(store, 0L);
  }

  private Map<String, Long> walk() {
    Map<String, Long> out = new HashMap<>();
    if (!Files.isDirectory(appDir)) {
      return out;
    }
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(appDir, Files::isDirectory)) {
      for (Path task : tasks) {
        // Key-value and versioned stores live in <task>/rocksdb/<store>, segmented (window)
        // stores in <task>/<store>/<segment>.
        try (DirectoryStream<Path> children = Files.newDirectoryStream(task, Files::isDirectory)) {
          for (Path child : children) {
            if (child.getFileName().toString().equals("rocksdb")) {
              try (DirectoryStream<Path> stores = Files.newDirectoryStream(child)) {
                for (Path store : stores) {
                  out.merge(store.getFileName().toString(), size(store), Long::sum);
                }
              }
            } else {
              out.merge(child.getFileName().toString(), size(child), Long::sum);
            }
          }
        } catch (IOException e) {
          // the task directory went away (migrated, cleaned up)
        }
      }
    } catch (IOException e) {
      // an unreadable state directory shows as empty stores, the app itself reports the problem
    }
    return out;
  }

  private static long size(Path dir) {
    long[] total = {0};
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              total[0] += attrs.size();
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // what was counted so far
    }
    return total[0];
  }
}

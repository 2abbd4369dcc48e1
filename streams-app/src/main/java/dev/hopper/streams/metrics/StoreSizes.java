package dev.hopper.streams.metrics;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Bytes on disk of each persistent state store of this instance: every task directory's {@code
 * rocksdb/<store>} under {@code <state.dir>/<application.id>} (the global store's too), summed per
 * store. Walking the directories costs a little, so the result is kept for a few seconds; files
 * that vanish during a walk (RocksDB compacting, a task migrating) are skipped.
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
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(appDir)) {
      for (Path task : tasks) {
        Path rocks = task.resolve("rocksdb");
        if (!Files.isDirectory(rocks)) {
          continue;
        }
        try (DirectoryStream<Path> stores = Files.newDirectoryStream(rocks)) {
          for (Path store : stores) {
            out.merge(store.getFileName().toString(), size(store), Long::sum);
          }
        } catch (NoSuchFileException e) {
          // the task directory went away
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

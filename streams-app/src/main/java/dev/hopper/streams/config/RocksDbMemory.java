package dev.hopper.streams.config;

import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * The one off-heap memory budget every RocksDB store of the application shares: a block cache
 * (data, index and filter blocks) whose capacity is the budget, with memtables charged against the
 * same cache through a write-buffer manager. Created once per application (never static) and handed
 * to {@link BoundedRocksDbConfig} through the Streams configuration; closed with the application.
 */
public final class RocksDbMemory implements AutoCloseable {
  /** The Streams configuration key under which the instance travels to the config setter. */
  public static final String CONFIG_KEY = "hopper.rocksdb.memory.instance";

  /** Share of the budget that memtables may take. */
  private static final double WRITE_BUFFER_RATIO = 0.5;

  /** Share of the cache reserved for index and filter blocks. */
  private static final double HIGH_PRIORITY_RATIO = 0.1;

  static {
    RocksDB.loadLibrary();
  }

  private final long budgetBytes;
  private final Cache cache;
  private final WriteBufferManager writeBufferManager;

  /** A budget of {@code budgetBytes} in total. */
  public RocksDbMemory(long budgetBytes) {
    this.budgetBytes = budgetBytes;
    this.cache = new LRUCache(budgetBytes, -1, false, HIGH_PRIORITY_RATIO);
    this.writeBufferManager =
        new WriteBufferManager((long) (budgetBytes * WRITE_BUFFER_RATIO), cache);
  }

  /** The total budget in bytes. */
  public long budgetBytes() {
    return budgetBytes;
  }

  /** The shared block cache. */
  public Cache cache() {
    return cache;
  }

  /** The shared write-buffer manager. */
  public WriteBufferManager writeBufferManager() {
    return writeBufferManager;
  }

  @Override
  public void close() {
    writeBufferManager.close();
    cache.close();
  }
}

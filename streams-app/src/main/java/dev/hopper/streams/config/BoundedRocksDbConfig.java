package dev.hopper.streams.config;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

/**
 * Bounds the off-heap memory of all RocksDB stores: each store uses the application's shared {@link
 * RocksDbMemory} (block cache with index and filter blocks inside it, memtables charged to it), so
 * the total stays within one budget however many stores and partitions an instance hosts.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    Object memory = configs.get(RocksDbMemory.CONFIG_KEY);
    if (!(memory instanceof RocksDbMemory shared)) {
      throw new IllegalStateException(
          "rocksdb.config.setter="
              + BoundedRocksDbConfig.class.getName()
              + " needs a RocksDbMemory instance under "
              + RocksDbMemory.CONFIG_KEY);
    }
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(shared.cache());
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(shared.writeBufferManager());
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and write-buffer manager are shared: the application closes them once.
  }
}

package dev.hopper.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

class BoundedRocksDbConfigTest {

  @Test
  void shouldShareOneCacheAndWriteBufferManagerAcrossStores() {
    try (RocksDbMemory memory = new RocksDbMemory(64L << 20);
        Options a = new Options();
        Options b = new Options()) {
      a.setTableFormatConfig(new BlockBasedTableConfig());
      b.setTableFormatConfig(new BlockBasedTableConfig());
      BoundedRocksDbConfig setter = new BoundedRocksDbConfig();
      setter.setConfig("store-a", a, Map.of(RocksDbMemory.CONFIG_KEY, memory));
      setter.setConfig("store-b", b, Map.of(RocksDbMemory.CONFIG_KEY, memory));
      BlockBasedTableConfig table = (BlockBasedTableConfig) a.tableFormatConfig();
      assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
      assertThat(memory.budgetBytes()).isEqualTo(64L << 20);
      // Closing a store must not close the shared budget
      setter.close("store-a", a);
      assertThat(memory.cache().isOwningHandle()).isTrue();
    }
  }

  @Test
  void shouldFailClearlyWithoutTheSharedBudget() {
    try (Options options = new Options()) {
      assertThatThrownBy(() -> new BoundedRocksDbConfig().setConfig("s", options, Map.of()))
          .hasMessageContaining(RocksDbMemory.CONFIG_KEY);
    }
  }
}

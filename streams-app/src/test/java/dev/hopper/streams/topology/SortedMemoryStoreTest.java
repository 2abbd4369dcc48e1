package dev.hopper.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SortedMemoryStoreTest {
  private final SortedMemoryStore store = new SortedMemoryStore("queue");

  @BeforeEach
  void fill() {
    for (String k : List.of("d", "b", "a", "e", "c")) {
      store.put(key(k), value(k));
    }
  }

  @Test
  void shouldScanInKeyOrderWithInclusiveBounds() {
    assertThat(keys(store.all())).containsExactly("a", "b", "c", "d", "e");
    assertThat(keys(store.range(key("b"), key("d")))).containsExactly("b", "c", "d");
    assertThat(keys(store.range(key("bb"), key("dd")))).containsExactly("c", "d");
    assertThat(keys(store.range(null, key("b")))).containsExactly("a", "b");
    assertThat(keys(store.range(key("d"), null))).containsExactly("d", "e");
    assertThat(keys(store.reverseRange(key("b"), key("d")))).containsExactly("d", "c", "b");
    assertThat(keys(store.reverseAll())).containsExactly("e", "d", "c", "b", "a");
  }

  @Test
  void shouldReturnNothingForAnInvertedRange() {
    assertThat(keys(store.range(key("d"), key("b")))).isEmpty();
    assertThat(keys(store.reverseRange(key("d"), key("b")))).isEmpty();
  }

  @Test
  void shouldTreatANullValueAsADelete() {
    store.put(key("c"), null);
    assertThat(store.get(key("c"))).isNull();
    assertThat(store.delete(key("a"))).isEqualTo(value("a"));
    assertThat(store.delete(key("a"))).isNull();
    assertThat(store.approximateNumEntries()).isEqualTo(3);
  }

  @Test
  void shouldPutOnlyWhenAbsent() {
    assertThat(store.putIfAbsent(key("a"), value("other"))).isEqualTo(value("a"));
    assertThat(store.get(key("a"))).isEqualTo(value("a"));
    assertThat(store.putIfAbsent(key("f"), value("f"))).isNull();
    store.putAll(List.of(KeyValue.pair(key("g"), value("g")), KeyValue.pair(key("a"), null)));
    assertThat(keys(store.all())).containsExactly("b", "c", "d", "e", "f", "g");
  }

  @Test
  void shouldLetTheQueueBeEmptiedWhileItIsScanned() {
    List<String> seen = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> next = it.next();
        seen.add(text(next.key));
        store.delete(next.key);
        if (seen.size() == 1) {
          store.put(key("z"), value("z")); // a write ahead of the cursor is seen
        }
      }
    }
    assertThat(seen).containsExactly("a", "b", "c", "d", "e", "z");
    assertThat(store.approximateNumEntries()).isZero();
  }

  @Test
  void shouldPeekWithoutConsuming() {
    try (KeyValueIterator<Bytes, byte[]> it = store.range(key("d"), key("e"))) {
      assertThat(text(it.peekNextKey())).isEqualTo("d");
      assertThat(text(it.next().key)).isEqualTo("d");
      assertThat(text(it.peekNextKey())).isEqualTo("e");
      assertThat(it.hasNext()).isTrue();
      assertThat(text(it.next().key)).isEqualTo("e");
      assertThat(it.hasNext()).isFalse();
      assertThatThrownBy(it::peekNextKey).isInstanceOf(NoSuchElementException.class);
    }
  }

  @Test
  void shouldAnswerKeyAndRangeQueries() {
    QueryConfig config = new QueryConfig(false);
    QueryResult<KeyValueIterator<Bytes, byte[]>> range =
        store.query(RangeQuery.withRange(key("b"), key("d")), PositionBound.unbounded(), config);
    assertThat(range.isSuccess()).isTrue();
    assertThat(keys(range.getResult())).containsExactly("b", "c", "d");
    QueryResult<KeyValueIterator<Bytes, byte[]>> descending =
        store.query(
            RangeQuery.<Bytes, byte[]>withLowerBound(key("d")).withDescendingKeys(),
            PositionBound.unbounded(),
            config);
    assertThat(keys(descending.getResult())).containsExactly("e", "d");
    QueryResult<byte[]> one =
        store.query(KeyQuery.withKey(key("c")), PositionBound.unbounded(), config);
    assertThat(one.getResult()).isEqualTo(value("c"));
  }

  @Test
  void shouldRefuseAQueryBoundToOffsetsItHasNotSeen() {
    Position later = Position.emptyPosition().withComponent("input", 0, 42L);
    QueryResult<byte[]> result =
        store.query(KeyQuery.withKey(key("c")), PositionBound.at(later), new QueryConfig(false));
    assertThat(result.isFailure()).isTrue();
    assertThat(result.getFailureReason()).isEqualTo(FailureReason.NOT_UP_TO_BOUND);
  }

  @Test
  void shouldTrackTheInputOffsetsItHasSeen() {
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    SortedMemoryStore tracked = new SortedMemoryStore("tracked");
    tracked.init(context.getStateStoreContext(), null);
    context.setRecordMetadata(null, -1, -1); // a cache flush or a punctuation: nothing to track
    tracked.put(key("a"), value("a"));
    context.setRecordMetadata("orders", 0, 7);
    tracked.put(key("b"), value("b"));
    QueryConfig config = new QueryConfig(false);
    Position seen = Position.emptyPosition().withComponent("orders", 0, 7L);
    Position ahead = Position.emptyPosition().withComponent("orders", 0, 8L);
    assertThat(
            tracked.query(KeyQuery.withKey(key("b")), PositionBound.at(seen), config).getResult())
        .isEqualTo(value("b"));
    assertThat(
            tracked.query(KeyQuery.withKey(key("b")), PositionBound.at(ahead), config).isFailure())
        .isTrue();
  }

  @Test
  void shouldBeEmptyAfterClose() {
    store.close();
    assertThat(store.isOpen()).isFalse();
    assertThat(store.approximateNumEntries()).isZero();
    assertThat(store.persistent()).isFalse();
    assertThat(store.getPosition()).isNotNull();
  }

  private static List<String> keys(KeyValueIterator<Bytes, byte[]> it) {
    List<String> keys = new ArrayList<>();
    try (it) {
      it.forEachRemaining(kv -> keys.add(text(kv.key)));
    }
    return keys;
  }

  private static Bytes key(String k) {
    return Bytes.wrap(k.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] value(String v) {
    return ("v-" + v).getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Bytes b) {
    return new String(b.get(), StandardCharsets.UTF_8);
  }
}

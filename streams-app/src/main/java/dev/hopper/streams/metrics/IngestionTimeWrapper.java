package dev.hopper.streams.metrics;

import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.ProcessorWrapper;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.api.WrappedFixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.WrappedProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A Kafka Streams {@link ProcessorWrapper} ({@code processor.wrapper.class}) that carries the
 * {@link IngestionTime} header from input records to everything Hopper's own processors forward
 * while processing them. Kafka Streams keeps headers through its DSL operators, but a processor
 * that forwards a {@code new Record<>(...)} starts with empty headers: this wrapper adds the header
 * of the record being processed (or, for a record read from an input topic, its timestamp, which is
 * its ingestion time) to such records. Records forwarded from punctuations have no input record and
 * stay unstamped.
 *
 * <p>Only suppliers of Hopper's own classes are wrapped: Kafka's DSL processors rely on their
 * internal context type and keep headers by themselves.
 */
public final class IngestionTimeWrapper implements ProcessorWrapper {
  private Set<String> inputTopics = Set.of();

  @Override
  public void configure(Map<String, ?> configs) {
    Object metrics = configs.get(HopperMetrics.CONFIG_KEY);
    if (metrics instanceof HopperMetrics m) {
      inputTopics = m.inputTopics();
    }
  }

  @Override
  public <KIn, VIn, KOut, VOut>
      WrappedProcessorSupplier<KIn, VIn, KOut, VOut> wrapProcessorSupplier(
          String processorName, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
    if (!supplier.getClass().getName().startsWith("dev.hopper.")) {
      return ProcessorWrapper.asWrapped(supplier);
    }
    Set<String> inputs = inputTopics;
    return new WrappedProcessorSupplier<>() {
      @Override
      public Processor<KIn, VIn, KOut, VOut> get() {
        return new Stamping<>(supplier.get(), inputs);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return supplier.stores();
      }
    };
  }

  @Override
  public <KIn, VIn, VOut>
      WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> wrapFixedKeyProcessorSupplier(
          String processorName, FixedKeyProcessorSupplier<KIn, VIn, VOut> supplier) {
    return ProcessorWrapper.asWrappedFixedKey(supplier);
  }

  /** A processor whose forwards carry the ingestion time of the record it is processing. */
  static final class Stamping<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {
    private final Processor<KIn, VIn, KOut, VOut> inner;
    private final Set<String> inputTopics;
    private ProcessorContext<KOut, VOut> context;
    private Header current;

    Stamping(Processor<KIn, VIn, KOut, VOut> inner, Set<String> inputTopics) {
      this.inner = inner;
      this.inputTopics = inputTopics;
    }

    @Override
    public void init(ProcessorContext<KOut, VOut> context) {
      this.context = context;
      inner.init(new StampingContext<>(context, this));
    }

    @Override
    public void process(Record<KIn, VIn> record) {
      Header h = record.headers().lastHeader(IngestionTime.HEADER);
      if (h == null && readFromInput()) {
        h = IngestionTime.header(record.timestamp());
      }
      current = h;
      try {
        inner.process(record);
      } finally {
        current = null;
      }
    }

    private boolean readFromInput() {
      return context
          .recordMetadata()
          .map(RecordMetadata::topic)
          .map(inputTopics::contains)
          .orElse(false);
    }

    <K, V> Record<K, V> stamp(Record<K, V> record) {
      if (current == null || record.headers().lastHeader(IngestionTime.HEADER) != null) {
        return record;
      }
      RecordHeaders headers = new RecordHeaders(record.headers().toArray());
      headers.add(current);
      return record.withHeaders(headers);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  /** Delegates everything, stamping forwarded records. */
  private static final class StampingContext<KOut, VOut> implements ProcessorContext<KOut, VOut> {
    private final ProcessorContext<KOut, VOut> delegate;
    private final Stamping<?, ?, KOut, VOut> stamping;

    StampingContext(ProcessorContext<KOut, VOut> delegate, Stamping<?, ?, KOut, VOut> stamping) {
      this.delegate = delegate;
      this.stamping = stamping;
    }

    @Override
    public <K extends KOut, V extends VOut> void forward(Record<K, V> record) {
      delegate.forward(stamping.stamp(record));
    }

    @Override
    public <K extends KOut, V extends VOut> void forward(Record<K, V> record, String childName) {
      delegate.forward(stamping.stamp(record), childName);
    }

    @Override
    public String applicationId() {
      return delegate.applicationId();
    }

    @Override
    public TaskId taskId() {
      return delegate.taskId();
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
      return delegate.recordMetadata();
    }

    @Override
    public Serde<?> keySerde() {
      return delegate.keySerde();
    }

    @Override
    public Serde<?> valueSerde() {
      return delegate.valueSerde();
    }

    @Override
    public File stateDir() {
      return delegate.stateDir();
    }

    @Override
    public StreamsMetrics metrics() {
      return delegate.metrics();
    }

    @Override
    public <S extends StateStore> S getStateStore(String name) {
      return delegate.getStateStore(name);
    }

    @Override
    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
      return delegate.schedule(interval, type, callback);
    }

    @Override
    public Cancellable schedule(
        Instant startTime, Duration interval, PunctuationType type, Punctuator callback) {
      return delegate.schedule(startTime, interval, type, callback);
    }

    @Override
    public void commit() {
      delegate.commit();
    }

    @Override
    public Map<String, Object> appConfigs() {
      return delegate.appConfigs();
    }

    @Override
    public Map<String, Object> appConfigsWithPrefix(String prefix) {
      return delegate.appConfigsWithPrefix(prefix);
    }

    @Override
    public long currentSystemTimeMs() {
      return delegate.currentSystemTimeMs();
    }

    @Override
    public long currentStreamTimeMs() {
      return delegate.currentStreamTimeMs();
    }
  }
}

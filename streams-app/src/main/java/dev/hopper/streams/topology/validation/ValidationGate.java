package dev.hopper.streams.topology.validation;

import dev.hopper.avro.RejectedRecord;
import dev.hopper.streams.topology.ProcessingCounters;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The validation gate of one input. It reads raw bytes and deserializes them itself, so an
 * unreadable record (poison pill) is just another rejection: it becomes a {@link RejectedRecord}
 * that the topology writes to {@code hopper.rejected} through a normal sink, inside the same
 * exactly-once transaction as every other output (one format, no side producer).
 *
 * <p>Valid records leave re-stamped with their event time from the payload, so every window
 * downstream works in event time. Rejected records keep their ingestion timestamp: a far-future
 * event time never reaches {@code hopper.rejected} nor advances stream time.
 */
public final class ValidationGate<T>
    implements ProcessorSupplier<String, byte[], String, Gated<T>> {
  private final Deserializer<T> deserializer;
  private final Validator<T> validator;
  private final ProcessingCounters counters;

  /** A gate that reads values with {@code deserializer} and checks them with {@code validator}. */
  public ValidationGate(
      Deserializer<T> deserializer, Validator<T> validator, ProcessingCounters counters) {
    this.deserializer = deserializer;
    this.validator = validator;
    this.counters = counters;
  }

  @Override
  public Processor<String, byte[], String, Gated<T>> get() {
    return new GateProcessor();
  }

  private final class GateProcessor implements Processor<String, byte[], String, Gated<T>> {
    private ProcessorContext<String, Gated<T>> context;

    @Override
    public void init(ProcessorContext<String, Gated<T>> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
      byte[] raw = record.value();
      if (raw == null) {
        reject(record, List.of(Rule.DESERIALIZATION), "record has no value");
        return;
      }
      String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(null);
      T value;
      try {
        value = deserializer.deserialize(topic, record.headers(), raw);
      } catch (RuntimeException e) {
        reject(record, List.of(Rule.DESERIALIZATION), "cannot deserialize: " + describe(e));
        return;
      }
      if (!validator.type().isInstance(value)) {
        reject(
            record,
            List.of(Rule.DESERIALIZATION),
            value == null
                ? "value deserialized to null"
                : "expected "
                    + validator.type().getSimpleName()
                    + " but read "
                    + value.getClass().getSimpleName());
        return;
      }
      Failures failures = new Failures();
      try {
        validator.validate(record.key(), value, record.timestamp(), failures);
      } catch (RuntimeException e) {
        // A record the rules cannot even inspect (e.g. a null where the schema forbids one).
        failures.add(Rule.REQUIRED_FIELDS, "cannot validate: " + describe(e));
      }
      if (failures.isEmpty()) {
        context.forward(
            record.withValue(Gated.valid(value)).withTimestamp(validator.eventTime(value)));
      } else {
        reject(record, failures.rules(), failures.message());
      }
    }

    private void reject(Record<String, byte[]> record, List<Rule> rules, String message) {
      List<String> names = new ArrayList<>(rules.size());
      for (Rule rule : rules) {
        counters.rejected(validator.source(), rule);
        names.add(rule.name());
      }
      RecordMetadata meta = context.recordMetadata().orElse(null);
      RejectedRecord rejected =
          RejectedRecord.newBuilder()
              .setSourceTopic(meta == null ? validator.source().name() : meta.topic())
              .setPartition(meta == null ? null : meta.partition())
              .setOffset(meta == null ? null : meta.offset())
              .setLineNumber(null)
              .setKey(record.key())
              .setRawValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
              .setRules(names)
              .setMessage(message)
              .setRejectedAt(Instant.ofEpochMilli(record.timestamp()))
              .build();
      context.forward(record.withValue(Gated.<T>rejected(rejected)));
    }
  }

  private static String describe(RuntimeException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage();
    return root.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }
}

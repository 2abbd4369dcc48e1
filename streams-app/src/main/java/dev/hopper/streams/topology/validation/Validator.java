package dev.hopper.streams.topology.validation;

/** The rules of one input type, and where its event time lives. */
public interface Validator<T> {

  /** Which input this validator guards. */
  Source source();

  /** The class of valid values; anything else read from the topic is a poison pill. */
  Class<T> type();

  /** The event time of {@code value} in epoch milliseconds. */
  long eventTime(T value);

  /**
   * Checks {@code value} (with its record {@code key} and the record's ingestion time) and adds
   * every failed rule to {@code out}. Never throws on bad data.
   */
  void validate(String key, T value, long ingestionTime, Failures out);
}

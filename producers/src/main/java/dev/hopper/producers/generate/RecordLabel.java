package dev.hopper.producers.generate;

/** How a generated record relates to time and validity; every record has exactly one label. */
public enum RecordLabel {
  /** A product or customer, sent before everything else. */
  ENTITY,
  /** A valid record sent at its event time. */
  ON_TIME,
  /** A valid record sent after later ones, by less than the grace period. */
  DISORDERED,
  /** A valid record sent far beyond every window's grace: windowed results must drop it. */
  LATE,
  /** An invalid record: the validation gate must reject it (see {@link BadKind}). */
  BAD,
  /** A record far after everything else, on every partition, so that every window closes. */
  TRAILER
}

package dev.hopper.streams.topology.quotes;

import dev.hopper.avro.Candle;
import dev.hopper.avro.CoinQuote;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The running state of one candle: open and close are the prices of the quotes with the earliest
 * and the latest event time (not arrival order); on equal event times the open keeps the first
 * arrival and the close takes the last, which per key is the deterministic partition order.
 * Immutable; {@link #plus(CoinQuote)} returns a new aggregate.
 */
public record CandleAggregate(
    long openTime,
    double open,
    long closeTime,
    double close,
    double high,
    double low,
    long count,
    Double lastMarketCap,
    Double lastVolume24h) {

  /** The aggregate of no quote. */
  public static CandleAggregate empty() {
    return new CandleAggregate(0, 0, 0, 0, 0, 0, 0, null, null);
  }

  /** This aggregate with one more (priced) quote. */
  public CandleAggregate plus(CoinQuote q) {
    double p = q.getPrice();
    long t = q.getLastUpdated().toEpochMilli();
    if (count == 0) {
      return new CandleAggregate(t, p, t, p, p, p, 1, q.getMarketCap(), q.getTotalVolume());
    }
    boolean newOpen = t < openTime;
    boolean newClose = t >= closeTime;
    return new CandleAggregate(
        newOpen ? t : openTime,
        newOpen ? p : open,
        newClose ? t : closeTime,
        newClose ? p : close,
        Math.max(high, p),
        Math.min(low, p),
        count + 1,
        newClose ? q.getMarketCap() : lastMarketCap,
        newClose ? q.getTotalVolume() : lastVolume24h);
  }

  /** The output record of this aggregate for {@code pairKey} ({@code coinId:vsCurrency}). */
  public Candle toCandle(String pairKey, String interval, long windowStart, long windowEnd) {
    int sep = pairKey.indexOf(':');
    return Candle.newBuilder()
        .setCoinId(pairKey.substring(0, sep))
        .setVsCurrency(pairKey.substring(sep + 1))
        .setInterval(interval)
        .setWindowStart(Instant.ofEpochMilli(windowStart))
        .setWindowEnd(Instant.ofEpochMilli(windowEnd))
        .setOpen(open)
        .setHigh(high)
        .setLow(low)
        .setClose(close)
        .setQuoteCount(count)
        .setLastMarketCap(lastMarketCap)
        .setLastVolume24h(lastVolume24h)
        .build();
  }

  /** A compact fixed binary serde for the candle window stores. */
  public static final class SerdeImpl implements Serde<CandleAggregate> {
    private static final int SIZE = 8 * 7 + 2 + 16;

    @Override
    public Serializer<CandleAggregate> serializer() {
      return (topic, a) -> {
        if (a == null) {
          return null;
        }
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.putLong(a.openTime).putDouble(a.open).putLong(a.closeTime).putDouble(a.close);
        b.putDouble(a.high).putDouble(a.low).putLong(a.count);
        b.put((byte) (a.lastMarketCap == null ? 0 : 1))
            .putDouble(a.lastMarketCap == null ? 0 : a.lastMarketCap);
        b.put((byte) (a.lastVolume24h == null ? 0 : 1))
            .putDouble(a.lastVolume24h == null ? 0 : a.lastVolume24h);
        return b.array();
      };
    }

    @Override
    public Deserializer<CandleAggregate> deserializer() {
      return (topic, data) -> {
        if (data == null) {
          return null;
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        long openTime = b.getLong();
        double open = b.getDouble();
        long closeTime = b.getLong();
        double close = b.getDouble();
        double high = b.getDouble();
        double low = b.getDouble();
        long count = b.getLong();
        boolean hasCap = b.get() != 0;
        double cap = b.getDouble();
        boolean hasVol = b.get() != 0;
        double vol = b.getDouble();
        return new CandleAggregate(
            openTime,
            open,
            closeTime,
            close,
            high,
            low,
            count,
            hasCap ? cap : null,
            hasVol ? vol : null);
      };
    }
  }
}

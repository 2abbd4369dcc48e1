package dev.hopper.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.avro.CategorySales;
import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.CustomerStats;
import dev.hopper.avro.QuoteSource;
import dev.hopper.streams.topology.Names;
import dev.hopper.streams.topology.TopologySettings;
import dev.hopper.streams.topology.TopologySettings.CandleInterval;
import dev.hopper.streams.topology.flow.OrderedKeys;
import dev.hopper.streams.topology.quotes.CandleAggregate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.TimeWindow;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.query.WindowKeyQuery;
import org.apache.kafka.streams.query.WindowRangeQuery;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;

class InteractiveQueriesTest {
  private static final HostInfo SELF = new HostInfo("127.0.0.1", 7070);
  private static final HostInfo OTHER = new HostInfo("127.0.0.1", 7071);
  private static final Instant T0 = Instant.parse("2024-11-21T00:00:00Z");
  private static final TopologySettings SETTINGS = TopologySettings.defaults(2, 2);
  private static final CandleInterval ONE_MINUTE = SETTINGS.candleIntervals().get(0);
  private static final String SALES = Names.salesStore("1m");

  private final FakeStreamsView view = new FakeStreamsView();
  private final Iterators iterators = new Iterators();
  private final InteractiveQueries queries =
      new InteractiveQueries(view, new StoreLocator(view, SELF), SETTINGS);

  private static CoinQuote quote(String coin, String vs, double price, Instant at) {
    return CoinQuote.newBuilder()
        .setCoinId(coin)
        .setSymbol(coin.substring(0, 3))
        .setName(coin)
        .setVsCurrency(vs)
        .setPrice(price)
        .setLastUpdated(at)
        .setSource(QuoteSource.SIMULATED)
        .build();
  }

  private static CategorySales sales(String category, Instant start, long orders) {
    BigDecimal amount = new BigDecimal("10.00").multiply(BigDecimal.valueOf(orders));
    return CategorySales.newBuilder()
        .setCategory(category)
        .setInterval("1m")
        .setWindowStart(start)
        .setWindowEnd(start.plusSeconds(60))
        .setOrders(orders)
        .setUnits(orders)
        .setGrossRevenue(amount)
        .setNetRevenue(amount)
        .setDiscountTotal(new BigDecimal("0.00"))
        .setRevenueUsd(new BigDecimal("0.12"))
        .setUnvaluedOrders(0)
        .setOrdersByPaymentMethod(Map.of("UPI", orders))
        .build();
  }

  private static <R> StateQueryResult<R> result(int partition, QueryResult<R> r) {
    StateQueryResult<R> out = new StateQueryResult<>();
    out.addResult(partition, r);
    return out;
  }

  @Test
  void shouldFindTheLatestQuoteInTheLocalActivePartition() {
    CoinQuote q = quote("bitcoin", "usd", 97_000.5, T0);
    view.key(Names.LATEST_QUOTES_STORE, "bitcoin:usd", new KeyQueryMetadata(SELF, Set.of(), 1));
    view.answer = r -> result(1, QueryResult.forResult(q));

    Outcome<CoinQuote> outcome = queries.latestQuote("bitcoin:usd", false);

    assertThat(outcome).isEqualTo(new Outcome.Found<>(q, false));
    StateQueryRequest<?> request = view.queries.get(0);
    assertThat(request.getStoreName()).isEqualTo(Names.LATEST_QUOTES_STORE);
    assertThat(request.getPartitions()).containsExactly(1);
    assertThat(request.isRequireActive()).as("fresh reads need the active copy").isTrue();
    assertThat(((KeyQuery<?, ?>) request.getQuery()).getKey()).isEqualTo("bitcoin:usd");
  }

  @Test
  void shouldMapTheFourOutcomes() {
    view.key(Names.LATEST_QUOTES_STORE, "a:usd", new KeyQueryMetadata(SELF, Set.of(), 0));
    view.key(Names.LATEST_QUOTES_STORE, "b:usd", new KeyQueryMetadata(OTHER, Set.of(), 1));
    view.answer = r -> result(0, QueryResult.forResult(null));

    assertThat(queries.latestQuote("a:usd", false))
        .isEqualTo(new Outcome.NotFound<>("no quote for a:usd"));
    assertThat(queries.latestQuote("b:usd", false)).isEqualTo(new Outcome.Remote<>(OTHER));
    assertThat(queries.latestQuote("c:usd", false))
        .isInstanceOf(Outcome.Rebalancing.class)
        .as("no metadata for the key: rebalancing");
    assertThat(view.queries).as("only the local key was read").hasSize(1);
  }

  @Test
  void shouldReportRebalancingWhenTheLocalPartitionIsNotActiveAnyMore() {
    view.key(Names.CUSTOMER_STATS_STORE, "c1", new KeyQueryMetadata(SELF, Set.of(), 0));
    view.answer = r -> result(0, QueryResult.forFailure(FailureReason.NOT_ACTIVE, "migrating"));
    assertThat(queries.customerStats("c1", false))
        .isInstanceOfSatisfying(
            Outcome.Rebalancing.class,
            r -> assertThat(r.reason()).contains("NOT_ACTIVE", "migrating"));

    view.answer =
        r -> {
          throw new org.apache.kafka.streams.errors.StreamsStoppedException("stopped");
        };
    assertThat(queries.customerStats("c1", false)).isInstanceOf(Outcome.Rebalancing.class);

    view.answer = r -> new StateQueryResult<>();
    assertThat(queries.customerStats("c1", false))
        .as("no result for the partition: it is not here any more")
        .isInstanceOf(Outcome.Rebalancing.class);
  }

  @Test
  void shouldReadAStandbyCopyWhenStaleReadsAreAllowedAndSaySo() {
    CustomerStats stats =
        CustomerStats.newBuilder()
            .setCustomerId("c1")
            .setOrders(3)
            .setTotalSpent(new BigDecimal("30.00"))
            .setCurrency("INR")
            .setLastOrderTime(T0)
            .build();
    view.key(Names.CUSTOMER_STATS_STORE, "c1", new KeyQueryMetadata(OTHER, Set.of(SELF), 0));
    view.answer = r -> result(0, QueryResult.forResult(ValueAndTimestamp.make(stats, 1L)));

    assertThat(queries.customerStats("c1", true)).isEqualTo(new Outcome.Found<>(stats, true));
    assertThat(view.queries.get(0).isRequireActive()).isFalse();
  }

  @Test
  void shouldFlagCandlesFinalOnceEndPlusGraceIsReachedByThePartitionStreamTime() {
    // Stream time of the partition: the newest quote of any pair in it, 00:02:40.
    Instant streamTime = T0.plusSeconds(160);
    view.key(Names.candlesStore("1m"), "bitcoin:usd", new KeyQueryMetadata(SELF, Set.of(), 0));
    CandleAggregate c0 = CandleAggregate.empty().plus(quote("bitcoin", "usd", 1, T0));
    CandleAggregate c1 =
        CandleAggregate.empty().plus(quote("bitcoin", "usd", 2, T0.plusSeconds(60)));
    CandleAggregate c2 =
        CandleAggregate.empty().plus(quote("bitcoin", "usd", 3, T0.plusSeconds(120)));
    view.answer =
        r -> {
          if (r.getQuery() instanceof RangeQuery) {
            return result(
                0,
                QueryResult.forResult(
                    iterators.of(
                        List.of(
                            KeyValue.pair(
                                "bitcoin:usd", quote("bitcoin", "usd", 3, T0.plusSeconds(120))),
                            KeyValue.pair(
                                "ethereum:usd", quote("ethereum", "usd", 1, streamTime))))));
          }
          WindowKeyQuery<?, ?> q = (WindowKeyQuery<?, ?>) r.getQuery();
          assertThat(q.getKey()).isEqualTo("bitcoin:usd");
          // (Kafka 4.3's getters name the bounds the other way round; the stores read them right)
          assertThat(List.of(q.getTimeFrom().get(), q.getTimeTo().get()))
              .containsExactlyInAnyOrder(T0, T0.plusSeconds(120));
          return result(
              0,
              QueryResult.forResult(
                  iterators.windows(
                      List.of(
                          KeyValue.pair(T0.toEpochMilli(), ValueAndTimestamp.make(c0, 0L)),
                          KeyValue.pair(T0.plusSeconds(60).toEpochMilli(), c1),
                          KeyValue.pair(T0.plusSeconds(120).toEpochMilli(), c2)))));
        };

    Outcome<List<CandleWindow>> outcome =
        queries.candles("bitcoin:usd", ONE_MINUTE, new TimeRange(T0, T0.plusSeconds(120)), false);

    assertThat(outcome).isInstanceOf(Outcome.Found.class);
    List<CandleWindow> windows = ((Outcome.Found<List<CandleWindow>>) outcome).value();
    // 00:00-00:01 + 30s grace <= 00:02:40: final; 00:01-00:02 + 30s = 00:02:30 <= 00:02:40:
    // final; 00:02-00:03 is the open window.
    assertThat(windows)
        .extracting(CandleWindow::start, CandleWindow::isFinal)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(T0, true),
            org.assertj.core.groups.Tuple.tuple(T0.plusSeconds(60), true),
            org.assertj.core.groups.Tuple.tuple(T0.plusSeconds(120), false));
    assertThat(windows.get(2).candle().close()).isEqualTo(3.0);
    assertThat(windows.get(2).end()).isEqualTo(T0.plusSeconds(180));
    assertThat(iterators.open).as("every iterator closed").hasValue(0);
  }

  @Test
  void shouldAnswerNotFoundForCandlesOfAnUnknownPair() {
    view.key(Names.candlesStore("1m"), "nocoin:usd", new KeyQueryMetadata(SELF, Set.of(), 0));
    view.answer = r -> result(0, QueryResult.forResult(iterators.of(List.of())));
    assertThat(
            queries.candles("nocoin:usd", ONE_MINUTE, new TimeRange(T0, T0.plusSeconds(60)), false))
        .isEqualTo(new Outcome.NotFound<>("no quotes for nocoin:usd"));
    assertThat(iterators.open).hasValue(0);
  }

  @Test
  void shouldFlagSalesWindowsFinalOnceTheyLeftTheOpenWindows() {
    view.key(SALES, "Books", new KeyQueryMetadata(SELF, Set.of(), 1));
    CategorySales w0 = sales("Books", T0, 2);
    CategorySales w1 = sales("Books", T0.plusSeconds(60), 1);
    view.answer =
        r -> {
          if (r.getStoreName().equals(Names.SALES_OPEN_WINDOWS_STORE)) {
            Bytes open = OrderedKeys.of((byte) 0, T0.plusSeconds(60).toEpochMilli(), "Books");
            return result(
                1, QueryResult.forResult(iterators.of(List.of(KeyValue.pair(open, new byte[0])))));
          }
          return result(
              1,
              QueryResult.forResult(
                  iterators.windows(
                      List.of(
                          KeyValue.pair(T0.toEpochMilli(), w0),
                          KeyValue.pair(T0.plusSeconds(60).toEpochMilli(), w1)))));
        };

    Outcome<List<SalesWindow>> outcome =
        queries.categorySales("Books", new TimeRange(T0, T0.plusSeconds(60)), false);

    assertThat(outcome)
        .isEqualTo(
            new Outcome.Found<>(
                List.of(new SalesWindow(w0, true), new SalesWindow(w1, false)), false));
    assertThat(iterators.open).hasValue(0);
  }

  @Test
  void shouldAnswerNotFoundForACategoryWithoutAnyWindow() {
    view.key(SALES, "Nothing", new KeyQueryMetadata(SELF, Set.of(), 0));
    view.answer = r -> result(0, QueryResult.forResult(iterators.windows(List.of())));
    assertThat(queries.categorySales("Nothing", new TimeRange(T0, T0), false))
        .isEqualTo(new Outcome.NotFound<>("no sales for category Nothing"));
    assertThat(view.queries)
        .as("the whole retention was checked before answering 404")
        .anySatisfy(
            r -> {
              WindowKeyQuery<?, ?> q = (WindowKeyQuery<?, ?>) r.getQuery();
              assertThat(List.of(q.getTimeFrom().get(), q.getTimeTo().get()))
                  .contains(Instant.EPOCH);
            });
  }

  @Test
  void shouldScanOnlyReadablePartitionsAndAddStandbysWhenStaleIsAllowed() {
    CoinQuote btc = quote("bitcoin", "usd", 1, T0);
    CoinQuote eth = quote("ethereum", "usd", 2, T0);
    view.answer =
        r -> {
          StateQueryResult<Object> out = new StateQueryResult<>();
          if (r.isRequireActive()) {
            out.addResult(0, QueryResult.forResult(iterators.of(List.of(KeyValue.pair("b", btc)))));
            out.addResult(1, QueryResult.forFailure(FailureReason.NOT_ACTIVE, "standby"));
            out.addResult(2, QueryResult.forFailure(FailureReason.NOT_UP_TO_BOUND, "restoring"));
          } else {
            assertThat(r.getPartitions()).containsExactly(1);
            out.addResult(1, QueryResult.forResult(iterators.of(List.of(KeyValue.pair("e", eth)))));
          }
          return out;
        };

    LocalScan<CoinQuote> fresh = queries.localLatestQuotes(false);
    assertThat(fresh.slices()).containsExactly(new LocalScan.Slice<>(0, false, List.of(btc)));

    LocalScan<CoinQuote> stale = queries.localLatestQuotes(true);
    assertThat(stale.slices())
        .containsExactly(
            new LocalScan.Slice<>(0, false, List.of(btc)),
            new LocalScan.Slice<>(1, true, List.of(eth)));
    assertThat(iterators.open).hasValue(0);
  }

  @Test
  void shouldScanSalesOfEveryCategoryWithTheirFinalFlags() {
    CategorySales books = sales("Books", T0, 1);
    CategorySales toys = sales("Toys", T0, 4);
    view.answer =
        r -> {
          StateQueryResult<Object> out = new StateQueryResult<>();
          if (r.getQuery() instanceof WindowRangeQuery) {
            out.addResult(
                0,
                QueryResult.forResult(
                    iterators.of(
                        List.of(
                            KeyValue.pair(
                                new Windowed<>("Books", new TimeWindow(0, 60_000)), books),
                            KeyValue.pair(
                                new Windowed<>("Toys", new TimeWindow(0, 60_000)), toys)))));
          } else {
            Bytes open = OrderedKeys.of((byte) 0, T0.toEpochMilli(), "Toys");
            out.addResult(
                0, QueryResult.forResult(iterators.of(List.of(KeyValue.pair(open, new byte[0])))));
          }
          return out;
        };

    LocalScan<SalesWindow> scan = queries.localSales(new TimeRange(T0, T0), false);

    assertThat(scan.slices()).hasSize(1);
    assertThat(scan.slices().get(0).items())
        .containsExactly(new SalesWindow(books, true), new SalesWindow(toys, false));
    assertThat(iterators.open).hasValue(0);
  }

  @Test
  void shouldReportAPartitionMissingWhenItsNestedReadFails() {
    view.answer =
        r -> {
          StateQueryResult<Object> out = new StateQueryResult<>();
          if (r.getQuery() instanceof WindowRangeQuery) {
            out.addResult(
                0,
                QueryResult.forResult(
                    iterators.of(
                        List.of(
                            KeyValue.pair(
                                new Windowed<>("Books", new TimeWindow(0, 60_000)),
                                sales("Books", T0, 1))))));
          } else {
            out.addResult(0, QueryResult.forFailure(FailureReason.NOT_ACTIVE, "moved"));
          }
          return out;
        };
    assertThat(queries.localSales(new TimeRange(T0, T0), false).slices()).isEmpty();
    assertThat(iterators.open).hasValue(0);
  }
}

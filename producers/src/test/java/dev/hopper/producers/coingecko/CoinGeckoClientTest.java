package dev.hopper.producers.coingecko;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.QuoteSource;
import dev.hopper.config.LayeredConfig;
import dev.hopper.producers.coingecko.StubServer.Answer;
import dev.hopper.producers.quotes.Recording;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoinGeckoClientTest {

  private static final Instant NOW = Instant.parse("2024-11-21T12:00:00Z");

  private StubServer stub;
  private final List<Duration> waits = new ArrayList<>();

  @BeforeEach
  void startStub() throws IOException {
    stub = new StubServer();
  }

  @AfterEach
  void stopStub() {
    stub.close();
  }

  /** The first recorded USD body of the bundled recording: a real-format response. */
  private static String recordedBody() throws IOException {
    try (Recording.Reader reader = Recording.bundled()) {
      JsonNode body = reader.next().orElseThrow().body();
      return body.toString();
    }
  }

  private CoinGeckoClient client(Map<String, String> extra) {
    Map<String, String> keys = new HashMap<>();
    keys.put("coingecko.base.url", stub.baseUrl().toString());
    keys.put("coingecko.coins", "bitcoin,ethereum");
    keys.put("coingecko.request.timeout.ms", "2000");
    keys.put("coingecko.max.retries", "3");
    keys.put("coingecko.backoff.initial.ms", "1000");
    keys.put("coingecko.backoff.max.ms", "8000");
    keys.putAll(extra);
    CoinGeckoSettings settings =
        CoinGeckoSettings.from(LayeredConfig.builder().flags(keys).build());
    return new CoinGeckoClient(
        settings,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
        waits::add,
        new SplittableRandom(1),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private CoinGeckoClient client() {
    return client(Map.of());
  }

  @Test
  void shouldParseARecordedResponseAndSendTheDemoKeyHeader() throws Exception {
    stub.answer(Answer.ok(recordedBody()));

    MarketsResponse response =
        client(Map.of("coingecko.api.key", "CG-demo-secret")).fetchMarkets("usd");

    assertThat(response.malformed()).isFalse();
    assertThat(response.quotes()).hasSize(8);
    CoinQuote btc = response.quotes().get(0);
    assertThat(btc.getCoinId()).isEqualTo("bitcoin");
    assertThat(btc.getSymbol()).isEqualTo("btc");
    assertThat(btc.getVsCurrency()).isEqualTo("usd");
    assertThat(btc.getPrice()).isBetween(90_000.0, 100_000.0);
    assertThat(btc.getLastUpdated()).isAfter(Instant.parse("2024-11-21T11:59:00Z"));
    assertThat(btc.getSource()).isEqualTo(QuoteSource.LIVE);
    StubServer.Seen request = stub.requests().get(0);
    assertThat(request.path()).isEqualTo("/api/v3/coins/markets");
    assertThat(request.query()).contains("vs_currency=usd", "ids=bitcoin%2Cethereum");
    assertThat(request.headers().get("X-cg-demo-api-key")).containsExactly("CG-demo-secret");
    assertThat(request.headers()).doesNotContainKey("X-cg-pro-api-key");
  }

  @Test
  void shouldUseTheProHeaderOnTheProPlanAndNoHeaderWithoutAKey() throws Exception {
    stub.answer(Answer.ok("[]"), Answer.ok("[]"));

    client(Map.of("coingecko.plan", "pro", "coingecko.api.key", "CG-pro")).fetchMarkets("inr");
    client().fetchMarkets("inr");

    assertThat(stub.requests().get(0).headers().get("X-cg-pro-api-key")).containsExactly("CG-pro");
    assertThat(stub.requests().get(0).headers()).doesNotContainKey("X-cg-demo-api-key");
    assertThat(stub.requests().get(1).headers())
        .doesNotContainKeys("X-cg-pro-api-key", "X-cg-demo-api-key");
  }

  @Test
  void shouldSelectTheHostOfThePlanByDefault() {
    CoinGeckoSettings pro =
        CoinGeckoSettings.from(
            LayeredConfig.builder().flags(Map.of("coingecko.plan", "PRO")).build());

    assertThat(pro.baseUrl().toString()).isEqualTo("https://pro-api.coingecko.com/api/v3");
    assertThat(CoinGeckoSettings.defaults().baseUrl().getHost()).isEqualTo("api.coingecko.com");
    assertThat(
            CoinGeckoSettings.from(
                    LayeredConfig.builder()
                        .environment(Map.of("COINGECKO_API_KEY", "CG-secret"))
                        .build())
                .toString())
        .doesNotContain("CG-secret")
        .contains("[hidden]");
  }

  @Test
  void shouldWaitExactlyAsLongAsRetryAfterSaysOn429() throws Exception {
    stub.answer(Answer.status(429, "Retry-After", "7"), Answer.ok("[]"));

    MarketsResponse response = client().fetchMarkets("usd");

    assertThat(response.malformed()).isFalse();
    assertThat(waits).containsExactly(Duration.ofSeconds(7));
    assertThat(stub.requests()).hasSize(2);
  }

  @Test
  void shouldHonourRetryAfterGivenAsAnHttpDate() throws Exception {
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.ofInstant(NOW.plusSeconds(12), ZoneOffset.UTC));
    stub.answer(Answer.status(503, "Retry-After", date), Answer.ok("[]"));

    client().fetchMarkets("usd");

    assertThat(waits).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void shouldBackOffExponentiallyWithJitterOn429WithoutRetryAfter() throws Exception {
    stub.answer(Answer.status(429), Answer.status(429), Answer.status(429), Answer.ok("[]"));

    client().fetchMarkets("usd");

    assertThat(waits).hasSize(3);
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
    assertThat(waits.get(1)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
    assertThat(waits.get(2)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4000));
  }

  @Test
  void shouldRetry500AndGiveUpWithTheLastStatusAfterTheAllowedAttempts() {
    stub.answer(Answer.status(500), Answer.status(502), Answer.status(500), Answer.status(500));

    assertThatThrownBy(() -> client().fetchMarkets("usd"))
        .isInstanceOf(CoinGeckoException.class)
        .hasMessageContaining("failed after 4 attempts")
        .hasMessageContaining("HTTP 500")
        .satisfies(e -> assertThat(((CoinGeckoException) e).status()).isEqualTo(500));
    assertThat(stub.requests()).hasSize(4);
    assertThat(waits).hasSize(3);
  }

  @Test
  void shouldRecoverWhenA500IsFollowedBySuccess() throws Exception {
    stub.answer(Answer.status(500), Answer.ok(recordedBody()));

    MarketsResponse response = client().fetchMarkets("usd");

    assertThat(response.quotes()).hasSize(8);
    assertThat(waits).hasSize(1);
  }

  @Test
  void shouldNotRetryAnUnauthorizedKeyAndSayWhatToCheck() {
    stub.answer(Answer.status(401), Answer.ok("[]"));

    assertThatThrownBy(() -> client(Map.of("coingecko.api.key", "CG-wrong")).fetchMarkets("usd"))
        .isInstanceOf(CoinGeckoException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("COINGECKO_API_KEY")
        .hasMessageNotContaining("CG-wrong");
    assertThat(stub.requests()).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void shouldGiveUpAtOnceWhenRetryAfterIsUnreasonablyLong() {
    stub.answer(Answer.status(429, "Retry-After", "86400"));

    assertThatThrownBy(() -> client().fetchMarkets("usd"))
        .isInstanceOf(CoinGeckoException.class)
        .hasMessageContaining("only after");
    assertThat(waits).isEmpty();
  }

  @Test
  void shouldTimeOutAHangingRequestAndRetry() throws Exception {
    stub.answer(Answer.hanging(), Answer.ok(recordedBody()));

    MarketsResponse response =
        client(Map.of("coingecko.request.timeout.ms", "300")).fetchMarkets("usd");

    assertThat(response.quotes()).hasSize(8);
    assertThat(stub.requests()).hasSize(2);
    assertThat(waits).hasSize(1);
  }

  @Test
  void shouldFailClearlyWhenNothingListens() {
    CoinGeckoClient c = client(Map.of("coingecko.base.url", "http://127.0.0.1:1/api/v3"));

    assertThatThrownBy(() -> c.fetchMarkets("usd"))
        .isInstanceOf(CoinGeckoException.class)
        .hasMessageContaining("failed after 4 attempts")
        .satisfies(e -> assertThat(((CoinGeckoException) e).status()).isEqualTo(-1));
  }

  @Test
  void shouldSkipAMalformedBodyWithoutThrowing() throws Exception {
    stub.answer(
        Answer.ok("[{\"id\":\"bitcoin\",\"current_price\":97000"),
        Answer.ok("{\"status\":{\"error_code\":429,\"error_message\":\"rate limited\"}}"));

    MarketsResponse truncated = client().fetchMarkets("usd");
    MarketsResponse object = client().fetchMarkets("usd");

    assertThat(truncated.malformed()).isTrue();
    assertThat(truncated.quotes()).isEmpty();
    assertThat(truncated.problem()).startsWith("not JSON");
    assertThat(object.malformed()).isTrue();
    assertThat(object.problem()).contains("expected a JSON array");
    assertThat(waits).isEmpty();
  }

  @Test
  void shouldSkipOnlyTheBrokenEntriesOfAPartialBody() throws Exception {
    stub.answer(
        Answer.ok(
            "[{\"id\":\"bitcoin\",\"symbol\":\"btc\",\"name\":\"Bitcoin\",\"current_price\":97000.5,"
                + "\"last_updated\":\"2024-11-21T11:59:30.000Z\"},"
                + "{\"id\":\"ethereum\",\"symbol\":\"eth\",\"name\":\"Ethereum\",\"current_price\":3100},"
                + "{\"id\":\"solana\",\"symbol\":\"sol\",\"name\":\"Solana\",\"current_price\":\"240\","
                + "\"last_updated\":\"2024-11-21T11:59:30.000Z\"},"
                + "42]"));

    MarketsResponse response = client().fetchMarkets("usd");

    assertThat(response.malformed()).isFalse();
    assertThat(response.quotes()).extracting(CoinQuote::getCoinId).containsExactly("bitcoin");
    assertThat(response.skipped()).isEqualTo(3);
  }

  @Test
  void shouldKeepNullNumbersAsNull() throws Exception {
    stub.answer(
        Answer.ok(
            "[{\"id\":\"polkadot\",\"symbol\":\"DOT\",\"name\":\"Polkadot\",\"current_price\":null,"
                + "\"market_cap\":null,\"total_volume\":123.5,\"high_24h\":null,"
                + "\"last_updated\":\"2024-11-21T11:59:30.000Z\"}]"));

    CoinQuote q = client().fetchMarkets("inr").quotes().get(0);

    assertThat(q.getPrice()).isNull();
    assertThat(q.getMarketCap()).isNull();
    assertThat(q.getHigh24h()).isNull();
    assertThat(q.getLow24h()).isNull();
    assertThat(q.getPriceChangePct24h()).isNull();
    assertThat(q.getTotalVolume()).isEqualTo(123.5);
    assertThat(q.getSymbol()).isEqualTo("dot");
    assertThat(q.getVsCurrency()).isEqualTo("inr");
  }
}

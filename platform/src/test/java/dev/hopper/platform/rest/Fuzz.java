package dev.hopper.platform.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Malformed requests for the REST fuzz test: every one is wrong in at least one way (an unknown
 * path, a malformed id, a bad or unknown or repeated parameter, a range over a cap, or a key that
 * cannot exist), so the only right answers are 400 and 404.
 */
final class Fuzz {
  private static final String[] JUNK_POINTS = {
    " ", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", ":", "@", "~", "%", "#", "?", "/",
    "\\", "\"", "<", ">", "{", "}", "|", "^", "`", "[", "]", "\u0000", "\u0001", "\u001f", "\u007f",
    "é", "ß", "Ω", "漢", "🙂", "\u200b", "\t", "\n", "0", "9", "-", ".", "_", "a", "Z"
  };
  private static final List<String> BAD_TIMES =
      List.of(
          "yesterday",
          "2024-13-45",
          "2024-11-21T25:61:00Z",
          "2024-11-21T00:00:00",
          "-1",
          "1e12",
          "0x10",
          "99999999999999999999",
          "999999999999999",
          "1969-12-31T23:59:59Z",
          "NaN",
          "2024/11/21");
  private static final List<String> BAD_INTERVALS =
      List.of("0m", "2m", "60s", "1d", "-1m", "m", "1", "1mm", "forever", "1M1");
  private static final List<String> BAD_CURRENCIES =
      List.of("u", "usd1", "us d", "dollarsdollars", "€", "12", "u$d");

  private Fuzz() {}

  /** One malformed request target (path and query, encoded). */
  static String malformed(SplittableRandom r) {
    return switch (r.nextInt(12)) {
      case 0 -> "/api/v1/" + token(r) + (r.nextBoolean() ? "/" + token(r) : "");
      case 1 ->
          pick(
              r,
              List.of(
                  "/api/v2/quotes/bitcoin",
                  "/api/v1/quotes/bitcoin/x",
                  "/api/v1/candles",
                  "/api/v1/customers/x",
                  "/api/v1/customers//stats",
                  "/api/v1/sales",
                  "/api/v1/sales/categories/a/b",
                  "/health",
                  "/metrics/x",
                  "/api/v1/quotes/",
                  "/api/v1/instances/1"));
      case 2 -> "/api/v1/quotes/" + badCoin(r);
      case 3 -> "/api/v1/candles/" + badCoin(r) + "?interval=1m";
      case 4 -> "/api/v1/quotes/bitcoin?" + badParam(r, false);
      case 5 -> "/api/v1/candles/bitcoin?" + badParam(r, true);
      case 6 -> "/api/v1/sales/categories?" + badSalesParam(r);
      case 7 -> "/api/v1/sales/categories/" + enc(garbage(r)) + "?" + badSalesParam(r);
      case 8 -> "/api/v1/customers/" + badId(r) + "/stats";
      case 9 -> unknownKey(r);
      case 10 ->
          pick(
                  r,
                  List.of(
                      "/metrics",
                      "/health/ready",
                      "/health/live",
                      "/api/v1/instances",
                      "/api/v1/openapi.json",
                      "/"))
              + "?"
              + enc(token(r))
              + "="
              + enc(garbage(r));
      default ->
          "/api/v1/candles/bitcoin?from=2020-01-01&to=2024-11-21&interval="
              + pick(r, List.of("1m", "5m", "1h"));
    };
  }

  private static String unknownKey(SplittableRandom r) {
    String coin = "zz" + token(r).toLowerCase(java.util.Locale.ROOT);
    return switch (r.nextInt(4)) {
      case 0 -> "/api/v1/quotes/" + coin + "?vs=usd";
      case 1 -> "/api/v1/candles/" + coin + "?vs=inr&interval=5m";
      case 2 -> "/api/v1/customers/" + enc("no-such-" + garbage(r)) + "/stats";
      default -> "/api/v1/sales/categories/" + enc("No such " + token(r));
    };
  }

  private static String badParam(SplittableRandom r, boolean candles) {
    return switch (r.nextInt(candles ? 8 : 4)) {
      case 0 -> "vs=" + enc(pick(r, BAD_CURRENCIES));
      case 1 -> "allowStale=" + enc(pick(r, List.of("yes", "1", "truee", "null")));
      case 2 -> enc(token(r)) + "=" + enc(garbage(r));
      case 3 -> "vs=usd&vs=inr";
      case 4 -> "interval=" + enc(pick(r, BAD_INTERVALS));
      case 5 -> "from=" + enc(pick(r, BAD_TIMES));
      case 6 -> "from=2024-11-21T10:00:00Z&to=2024-11-21T09:00:00Z";
      default -> "to=" + enc(garbage(r) + "x");
    };
  }

  private static String badSalesParam(SplittableRandom r) {
    return switch (r.nextInt(5)) {
      case 0 -> "interval=" + enc(pick(r, BAD_INTERVALS));
      case 1 -> "to=" + enc(pick(r, BAD_TIMES));
      case 2 -> "from=2024-01-01&to=2024-11-21";
      case 3 -> "interval=1m&interval=1m";
      default -> enc("z" + token(r)) + "=1";
    };
  }

  private static String badCoin(SplittableRandom r) {
    // a coin id with at least one character outside a-z0-9._- (after lower-casing), or too long
    if (r.nextInt(6) == 0) {
      return "a".repeat(101 + r.nextInt(50));
    }
    String junk;
    do {
      junk = JUNK_POINTS[r.nextInt(JUNK_POINTS.length)];
    } while (junk.matches("[0-9a-zA-Z._-]"));
    return enc(token(r) + junk + token(r));
  }

  private static String badId(SplittableRandom r) {
    return r.nextBoolean()
        ? enc("x".repeat(101 + r.nextInt(100)))
        : enc(token(r) + pick(r, List.of("\u0000", "\u0007", "\n", "\u001b", "\u007f")));
  }

  private static String garbage(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(20);
    for (int i = 0; i < n; i++) {
      sb.append(JUNK_POINTS[r.nextInt(JUNK_POINTS.length)]);
    }
    return sb.toString();
  }

  private static String token(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int n = 6 + r.nextInt(8);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }

  private static String pick(SplittableRandom r, List<String> options) {
    return options.get(r.nextInt(options.size()));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

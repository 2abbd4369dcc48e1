package dev.hopper.producers.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopper.avro.Order;
import dev.hopper.avro.RejectedRecord;
import dev.hopper.producers.csv.CsvHeaderException;
import dev.hopper.producers.csv.CsvReplay;
import dev.hopper.producers.csv.RowError;
import dev.hopper.registry.client.MockSchemaRegistry;
import dev.hopper.registry.serde.SpecificAvroSerializer;
import dev.hopper.topics.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReplayTest {

  private static final String SCOPE = "csv-replay-test";
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir Path dir;

  @AfterEach
  void dropRegistry() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  private static MockProducer<String, Object> mock() {
    RecordValueSerializer values = new RecordValueSerializer(new SpecificAvroSerializer<>());
    values.configure(Map.of("schema.registry.url", "mock://" + SCOPE), false);
    return new MockProducer<>(true, null, new StringSerializer(), values);
  }

  private Path csv(String... rows) throws Exception {
    Path file = dir.resolve("orders.csv");
    Files.writeString(
        file,
        "User_ID,Product_ID,Category,Price (Rs.),Discount (%),Final_Price(Rs.),Payment_Method,Purchase_Date\n"
            + String.join("\n", rows)
            + "\n",
        StandardCharsets.UTF_8);
    return file;
  }

  private List<ProducerRecord<String, Object>> replay(Path file, boolean rebase) throws Exception {
    MockProducer<String, Object> mock = mock();
    try (HopperProducer producer = new HopperProducer(mock, TopicCatalog.defaults())) {
      new CsvReplay(producer, Clock.fixed(NOW, ZoneOffset.UTC))
          .replay(file, rebase, RatePacer.unlimited(), null);
    }
    return mock.history();
  }

  @Test
  void shouldSendEachProductAndCustomerOnceBeforeItsFirstOrderAndRejectBadRows() throws Exception {
    Path file =
        csv(
            "u1,p1,Books,100,10,90,UPI,01-02-2024",
            "u1,p2,Toys,50,0,50,Credit Card,02-02-2024",
            "u2,p1,Books,100,10,90,Cash on Delivery,03-02-2024",
            "u3,p3,Books,abc,10,90,UPI,03-02-2024",
            "u1,p1,Books,100,10,90,UPI,01-02-2099");

    List<ProducerRecord<String, Object>> sent = replay(file, false);

    assertThat(sent)
        .extracting(r -> r.topic() + ":" + r.key())
        .startsWith("shop.products:p1", "shop.customers:u1")
        .filteredOn(s -> s.startsWith("shop.products") || s.startsWith("shop.customers"))
        .containsExactly(
            "shop.products:p1", "shop.customers:u1", "shop.products:p2", "shop.customers:u2");
    List<ProducerRecord<String, Object>> orders =
        sent.stream().filter(r -> r.topic().equals("shop.orders")).toList();
    assertThat(orders).hasSize(4);
    assertThat(sent.get(0).timestamp()).isEqualTo(orders.get(0).timestamp());
    Order future = (Order) orders.get(3).value();
    assertThat(future.getOrderTime()).isAfter(NOW);
    assertThat(orders.get(3).timestamp()).isEqualTo(NOW.toEpochMilli());
    ProducerRecord<String, Object> rejected =
        sent.stream().filter(r -> r.topic().equals("hopper.rejected")).findFirst().orElseThrow();
    RejectedRecord r = (RejectedRecord) rejected.value();
    assertThat(rejected.key()).isNull();
    assertThat(r.getSourceTopic()).isEqualTo("csv:orders.csv");
    assertThat(r.getLineNumber()).isEqualTo(5L);
    assertThat(r.getRules()).containsExactly(RowError.Kind.BAD_NUMBER.ruleName());
    assertThat(r.getMessage()).startsWith("line 5: Price (Rs.) 'abc'");
    assertThat(StandardCharsets.UTF_8.decode(r.getRawValue()).toString())
        .isEqualTo("u3,p3,Books,abc,10,90,UPI,03-02-2024");
    assertThat(r.getRejectedAt()).isEqualTo(NOW);
    assertThat(r.getPartition()).isNull();
    assertThat(r.getOffset()).isNull();
  }

  @Test
  void shouldGiveTheSameKeysWhenTheSameFileIsReplayedTwice() throws Exception {
    Path file = csv("u1,p1,Books,100,10,90,UPI,01-02-2024", "u1,p1,Books,100,10,90,UPI,01-02-2024");

    List<String> first = replay(file, false).stream().map(ProducerRecord::key).toList();
    List<String> second = replay(file, false).stream().map(ProducerRecord::key).toList();

    assertThat(second).isEqualTo(first);
    assertThat(first.stream().filter(k -> k.startsWith("csv-")).distinct()).hasSize(2);
  }

  @Test
  void shouldRebaseSoTheLatestOrderIsNow() throws Exception {
    Path file = csv("u1,p1,Books,100,10,90,UPI,01-02-2020", "u2,p2,Books,100,10,90,UPI,03-02-2020");

    List<Instant> times =
        replay(file, true).stream()
            .filter(r -> r.topic().equals("shop.orders"))
            .map(r -> ((Order) r.value()).getOrderTime())
            .toList();

    assertThat(times).contains(NOW);
    assertThat(times)
        .allSatisfy(t -> assertThat(t).isBeforeOrEqualTo(NOW).isAfter(NOW.minusSeconds(4 * 86400)));
  }

  @Test
  void shouldSendNothingWhenTheHeaderIsWrong() throws Exception {
    Path file = dir.resolve("wrong.csv");
    Files.writeString(file, "id,price\n1,2\n");
    MockProducer<String, Object> mock = mock();
    HopperProducer producer = new HopperProducer(mock, TopicCatalog.defaults());

    assertThatThrownBy(
            () ->
                new CsvReplay(producer, Clock.systemUTC())
                    .replay(file, false, RatePacer.unlimited(), null))
        .isInstanceOf(CsvHeaderException.class);
    assertThat(mock.history()).isEmpty();
  }
}

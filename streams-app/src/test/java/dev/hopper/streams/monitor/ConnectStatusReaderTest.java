package dev.hopper.streams.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectStatusReaderTest {
  @Test
  void shouldReadConnectorsTasksAndTheSinkGroupFromAnExpandedListing() throws Exception {
    String body =
        """
        {"mongo-sink-orders": {
           "info": {"name": "mongo-sink-orders", "type": "sink",
                    "config": {"topics": "shop.orders.enriched", "tasks.max": "2"}},
           "status": {"name": "mongo-sink-orders", "type": "sink",
                      "connector": {"state": "RUNNING", "worker_id": "127.0.0.1:8083"},
                      "tasks": [
                        {"id": 1, "state": "FAILED", "worker_id": "127.0.0.1:8083",
                         "trace": "org.apache.kafka.connect.errors.ConnectException: boom\\n\\tat x.y(Z.java:1)"},
                        {"id": 0, "state": "RUNNING", "worker_id": "127.0.0.1:8083"}]}},
         "a-source": {"info": {"type": "source", "config": {}},
                      "status": {"type": "source", "connector": {"state": "PAUSED"}, "tasks": []}}}
        """;

    List<MonitorViews.Connector> connectors =
        ConnectStatusReader.parse(new ObjectMapper().readTree(body));

    assertThat(connectors)
        .extracting(MonitorViews.Connector::name)
        .containsExactly("a-source", "mongo-sink-orders");
    MonitorViews.Connector source = connectors.get(0);
    assertThat(source.state()).isEqualTo("PAUSED");
    assertThat(source.group()).as("only sinks consume in a group").isNull();
    MonitorViews.Connector sink = connectors.get(1);
    assertThat(sink.type()).isEqualTo("sink");
    assertThat(sink.group()).isEqualTo("connect-mongo-sink-orders");
    assertThat(sink.topics()).isEqualTo("shop.orders.enriched");
    assertThat(sink.tasks()).extracting(MonitorViews.ConnectorTask::id).containsExactly(0, 1);
    assertThat(sink.tasks().get(1).state()).isEqualTo("FAILED");
    assertThat(sink.tasks().get(1).trace())
        .isEqualTo("org.apache.kafka.connect.errors.ConnectException: boom");
  }

  @Test
  void shouldKeepOnlyTheFirstLineOfATrace() {
    assertThat(ConnectStatusReader.firstLine(null)).isNull();
    assertThat(ConnectStatusReader.firstLine("  ")).isNull();
    assertThat(ConnectStatusReader.firstLine("E: x\n\tat a")).isEqualTo("E: x");
    assertThat(ConnectStatusReader.firstLine("y".repeat(600))).hasSize(503);
  }
}

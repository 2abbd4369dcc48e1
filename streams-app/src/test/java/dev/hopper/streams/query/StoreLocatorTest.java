package dev.hopper.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class StoreLocatorTest {
  private static final HostInfo SELF = new HostInfo("127.0.0.1", 7070);
  private static final HostInfo OTHER = new HostInfo("127.0.0.1", 7071);
  private static final String STORE = "latest-quotes";

  private final FakeStreamsView view = new FakeStreamsView();
  private final StoreLocator locator = new StoreLocator(view, SELF);

  @Test
  void shouldLocateAKeyActiveHereAsLocal() {
    view.key(STORE, "bitcoin:usd", new KeyQueryMetadata(SELF, Set.of(OTHER), 2));
    assertThat(locator.locate(STORE, "bitcoin:usd", false))
        .isEqualTo(new KeyLocation.Local(2, false));
  }

  @Test
  void shouldLocateAKeyActiveElsewhereAsRemoteEvenWhenAStandbyIsHere() {
    view.key(STORE, "bitcoin:usd", new KeyQueryMetadata(OTHER, Set.of(SELF), 1));
    assertThat(locator.locate(STORE, "bitcoin:usd", false))
        .isEqualTo(new KeyLocation.Remote(OTHER, 1));
  }

  @Test
  void shouldServeFromALocalStandbyOnlyWhenStaleReadsAreAllowed() {
    view.key(STORE, "bitcoin:usd", new KeyQueryMetadata(OTHER, Set.of(SELF), 1));
    assertThat(locator.locate(STORE, "bitcoin:usd", true))
        .isEqualTo(new KeyLocation.Local(1, true));
    view.key(STORE, "ethereum:usd", new KeyQueryMetadata(OTHER, Set.of(), 0));
    assertThat(locator.locate(STORE, "ethereum:usd", true))
        .as("no standby here: the owner answers")
        .isEqualTo(new KeyLocation.Remote(OTHER, 0));
  }

  @Test
  void shouldReportUnavailableWhileNoInstanceHoldsTheStore() {
    assertThat(locator.locate(STORE, "bitcoin:usd", false))
        .isInstanceOfSatisfying(
            KeyLocation.Unavailable.class, u -> assertThat(u.reason()).contains("rebalancing"));
  }

  @Test
  void shouldReportUnavailableWhenTheAppIsNotRunning() {
    view.key(STORE, "bitcoin:usd", new KeyQueryMetadata(SELF, Set.of(), 0));
    for (KafkaStreams.State s :
        new KafkaStreams.State[] {
          KafkaStreams.State.CREATED,
          KafkaStreams.State.PENDING_SHUTDOWN,
          KafkaStreams.State.NOT_RUNNING,
          KafkaStreams.State.ERROR
        }) {
      view.state = s;
      assertThat(locator.locate(STORE, "bitcoin:usd", true))
          .isEqualTo(new KeyLocation.Unavailable("the application is " + s));
    }
  }

  @Test
  void shouldStillLocateWhileRebalancing() {
    view.state = KafkaStreams.State.REBALANCING;
    view.key(STORE, "bitcoin:usd", new KeyQueryMetadata(OTHER, Set.of(), 0));
    assertThat(locator.locate(STORE, "bitcoin:usd", false))
        .isEqualTo(new KeyLocation.Remote(OTHER, 0));
  }

  @Test
  void shouldFanOutToEveryActiveHolderAndStandbysOnlyWhenStaleIsAllowed() {
    HostInfo third = new HostInfo("127.0.0.1", 7072);
    view.partitions.put(STORE, 4);
    view.metadata.add(TestMetadata.active(SELF, Set.of(STORE), Set.of(new TopicPartition("t", 0))));
    view.metadata.add(
        TestMetadata.active(OTHER, Set.of(STORE, "x"), Set.of(new TopicPartition("t", 1))));
    view.metadata.add(new TestMetadata(third, Set.of("x"), Set.of(), Set.of(STORE), Set.of()));

    StoreLocator.Fanout fresh = locator.fanout(STORE, false);
    assertThat(fresh.hosts()).containsExactly(SELF, OTHER);
    assertThat(fresh.partitions()).isEqualTo(4);
    assertThat(locator.fanout(STORE, true).hosts()).containsExactly(SELF, OTHER, third);
  }

  @Test
  void shouldNotFanOutBeforeTheStoreHasAPartitionMap() {
    assertThat(locator.fanout(STORE, false)).isNull();
    view.partitions.put(STORE, 2);
    view.state = KafkaStreams.State.PENDING_SHUTDOWN;
    assertThat(locator.fanout(STORE, false)).isNull();
  }
}

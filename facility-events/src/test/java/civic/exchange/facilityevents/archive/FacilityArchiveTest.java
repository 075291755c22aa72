package civic.exchange.facilityevents.archive;

import static civic.exchange.facilityevents.archive.TestFacilities.facility;
import static civic.exchange.facilityevents.archive.TestFacilities.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.serde.ExchangeAvroSerde;
import civic.exchange.topics.CanonicalEntity;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The query logic over a real archive store, filled through the topology by a TopologyTestDriver. */
class FacilityArchiveTest {

    private static final String REGISTRY = "mock://facility-archive-test";

    private TopologyTestDriver driver;
    private TestInputTopic<String, Facility> canonical;
    private FacilityArchive archive;

    @BeforeEach
    void start() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "facility-archive-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(FacilityArchiveTopology.withRegistry(REGISTRY).build(), config);
        canonical = driver.createInputTopic(CanonicalEntity.FACILITY.topic(), new StringSerializer(),
                ExchangeAvroSerde.forValues(Facility.class, REGISTRY).serializer());
        archive = new FacilityArchive(() -> driver.getKeyValueStore(FacilityArchiveTopology.STORE));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void publish(Facility facility) {
        canonical.pipeInput(facility.getId(), facility);
    }

    @Test
    void findsAFacilityByCanonicalId() {
        publish(facility("SL-1", FacilityType.STREETLIGHT, FacilityStatus.IN_SERVICE));
        publish(facility("SL-1", FacilityType.STREETLIGHT, FacilityStatus.DEFECTIVE));

        assertThat(archive.find(idOf("SL-1"))).hasValueSatisfying(view -> {
            assertThat(view.id()).isEqualTo(idOf("SL-1"));
            assertThat(view.status()).isEqualTo("DEFECTIVE");
        });
    }

    @Test
    void unknownIdIsEmpty() {
        assertThat(archive.find("no-such-id")).isEmpty();
    }

    @Test
    void listsMatchingFacilitiesInStoreOrder() {
        publish(facility("SL-1", FacilityType.STREETLIGHT, FacilityStatus.IN_SERVICE));
        publish(facility("SL-2", FacilityType.STREETLIGHT, FacilityStatus.DEFECTIVE));
        publish(facility("CC-1", FacilityType.CONTROL_CABINET, FacilityStatus.DEFECTIVE));
        publish(facility("SL-3", FacilityType.STREETLIGHT, FacilityStatus.DEFECTIVE));

        List<FacilityView> defectiveLights = archive.list(FacilityQuery.parse("streetlight", "DEFECTIVE", null));

        assertThat(defectiveLights).extracting(FacilityView::id)
                .containsExactlyElementsOf(List.of(idOf("SL-2"), idOf("SL-3")).stream().sorted().toList());
        assertThat(archive.list(FacilityQuery.parse(null, "defective", null))).hasSize(3);
        assertThat(archive.list(FacilityQuery.parse("control_cabinet", null, null)))
                .extracting(FacilityView::id).containsExactly(idOf("CC-1"));
        assertThat(archive.list(FacilityQuery.parse("tree", null, null))).isEmpty();
    }

    @Test
    void listingStopsAtTheLimit() {
        for (int i = 0; i < 5; i++) {
            publish(facility("SL-" + i, FacilityType.STREETLIGHT, FacilityStatus.IN_SERVICE));
        }

        assertThat(archive.list(FacilityQuery.parse(null, null, "2"))).hasSize(2);
        assertThat(archive.list(FacilityQuery.all())).hasSize(5);
    }

    @Test
    void removedFacilitiesAreNotListed() {
        publish(facility("SL-1", FacilityType.STREETLIGHT, FacilityStatus.IN_SERVICE));
        publish(facility("SL-2", FacilityType.STREETLIGHT, FacilityStatus.IN_SERVICE));
        canonical.pipeInput(idOf("SL-1"), (Facility) null);

        assertThat(archive.list(FacilityQuery.all())).extracting(FacilityView::id).containsExactly(idOf("SL-2"));
        assertThat(archive.find(idOf("SL-1"))).isEmpty();
    }

    @Test
    void storeNotQueryableYetIsReportedAsUnavailable() {
        FacilityArchive starting = new FacilityArchive(() -> {
            throw new StreamsNotStartedException("KafkaStreams has not been started");
        });

        assertThatThrownBy(() -> starting.find("x")).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("not queryable yet");
        assertThatThrownBy(() -> starting.list(FacilityQuery.all())).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void storeMigratedAwayDuringAListingIsReportedAsUnavailable() {
        publish(facility("SL-1", FacilityType.STREETLIGHT, FacilityStatus.IN_SERVICE));
        FacilityArchive rebalancing = new FacilityArchive(() -> new DelegatingStore(driver.getKeyValueStore(FacilityArchiveTopology.STORE)) {
            @Override
            public org.apache.kafka.streams.state.KeyValueIterator<String, Facility> all() {
                throw new InvalidStateStoreException("The state store may have migrated to another instance");
            }
        });

        assertThatThrownBy(() -> rebalancing.list(FacilityQuery.all())).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("migrated");
    }
}

package civic.exchange.standardizer.datasets;

import static civic.exchange.standardizer.datasets.StandardizerDriver.ingestHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.ids.CanonicalIds;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.schema.GeoPoint;
import civic.exchange.standardizer.SharedDatasets;
import civic.exchange.topics.CanonicalEntity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The FIWARE control cabinet, waste container and parking spot examples through their specs. */
class FiwareFacilitySpecsTest {

    private StandardizerDriver driver;
    private TestOutputTopic<String, Facility> canonical;
    private TestOutputTopic<String, byte[]> dlq;

    @BeforeEach
    void start(TestInfo test) {
        driver = new StandardizerDriver(getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName());
        canonical = driver.canonical(CanonicalEntity.FACILITY, Facility.class);
        dlq = driver.dlq();
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(String department, String dataset, byte[] payload, String recordId) {
        driver.raw(department, dataset).pipeInput(new TestRecord<>(recordId, payload, ingestHeaders(department, dataset, recordId)));
    }

    @Test
    void theControlCabinetAndItsArrayOfGroups() {
        send("lighting", "control-cabinets", SharedDatasets.bytes("fiware/fiware-StreetlightControlCabinet-normalized-ngsild.json"), "c-1");

        TestRecord<String, Facility> out = canonical.readRecord();
        Facility cabinet = out.value();
        assertThat(out.key()).isEqualTo(CanonicalIds.of(CanonicalEntity.FACILITY, "lighting", "control-cabinets",
                "streetlightcontrolcabinet:A45HGJK"));
        assertThat(cabinet.getSource().getLocalId()).isEqualTo("streetlightcontrolcabinet:A45HGJK");
        assertThat(cabinet.getType()).isEqualTo(FacilityType.CONTROL_CABINET);
        assertThat(cabinet.getStatus()).as("workingMode automatic").isEqualTo(FacilityStatus.IN_SERVICE);
        assertThat(cabinet.getLocation()).isEqualTo(new GeoPoint(40.62785133667262, -3.164485591715449));
        assertThat(cabinet.getAttributes())
                .containsEntry("streetlightGroups", "streetlightgroup:BG678,streetlightgroup:789")
                .containsEntry("compliantWith", "IP54")
                .containsEntry("brandName", "Siemens")
                .containsEntry("modelName", "Simatic S7 1200")
                .containsEntry("cupboardMadeOf", "plastic")
                .containsEntry("energyConsumedKWh", "162456")
                .containsEntry("intensityRA", "20.1")
                .containsEntry("reactivePowerSKVArh", "43.5")
                .containsEntry("lastProgrammedAt", "2016-07-08T16:04:30.201Z")
                .containsEntry("meteringStartedAt", "2013-07-07T15:05:59.408Z")
                .containsEntry("workingMode", "automatic");
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void theWasteContainerWithItsLowerCaseUrn() {
        send("sanitation", "waste-containers", SharedDatasets.bytes("fiware/fiware-WasteContainer-normalized-ngsild.json"), "w-1");

        Facility container = canonical.readValue();
        assertThat(container.getSource().getLocalId()).isEqualTo("1021:AAWD");
        assertThat(container.getId()).isEqualTo(CanonicalIds.of(CanonicalEntity.FACILITY, "sanitation", "waste-containers", "1021:AAWD"));
        assertThat(container.getType()).isEqualTo(FacilityType.WASTE_CONTAINER);
        assertThat(container.getStatus()).as("the example reports no status").isEqualTo(FacilityStatus.UNKNOWN);
        assertThat(container.getName()).isEqualTo("12");
        assertThat(container.getLocation()).isEqualTo(new GeoPoint(42.60214472222222, -8.768460000000001));
        assertThat(container.getObservedAt()).isEqualTo(Instant.parse("2021-03-11T10:21:02Z"));
        assertThat(container.getAttributes())
                .containsEntry("rfid", "67855734")
                .containsEntry("color", "Green")
                .containsEntry("capacity", "43")
                .containsEntry("fullnessThresholdPercent", "80")
                .containsEntry("licensePlate", "KA23F2345")
                .containsEntry("wardId", "21")
                .containsEntry("loggedAt", "2021-03-11T10:21:02Z");
    }

    @Test
    void theNgsiV2ParkingSpotWithItsStatusMetadata() {
        send("transport", "parking-spots", SharedDatasets.bytes("fiware/fiware-ParkingSpot-normalized-ngsiv2.json"), "p-1");

        TestRecord<String, Facility> out = canonical.readRecord();
        Facility spot = out.value();
        assertThat(out.key()).isEqualTo(CanonicalIds.of(CanonicalEntity.FACILITY, "transport", "parking-spots", "santander:daoiz_velarde_1_5:3"));
        assertThat(spot.getType()).isEqualTo(FacilityType.PARKING_SPOT);
        assertThat(spot.getStatus()).as("free").isEqualTo(FacilityStatus.IN_SERVICE);
        assertThat(spot.getName()).isEqualTo("A-13");
        assertThat(spot.getLocation()).isEqualTo(new GeoPoint(43.46296641666926, -3.80356167695194));
        // The status timestamp has no offset: NGSI v2 reads it as UTC, which the spec declares.
        assertThat(spot.getObservedAt()).isEqualTo(Instant.parse("2018-09-21T12:00:00Z"));
        assertThat(spot.getAttributes())
                .containsEntry("occupancy", "free")
                .containsEntry("category", "onStreet")
                .containsEntry("parkingSite", "santander:daoiz_velarde_1_5")
                .containsEntry("parkingPermit", "yes");
        assertThat(ExchangeHeaders.get(out.headers(), ExchangeHeaders.RECORD_ID)).isEqualTo("p-1");
    }

    @Test
    void parkingStatusesMapToTheCitysDomainAndAStrangeOneIsRefused() {
        String spot = new String(SharedDatasets.bytes("fiware/fiware-ParkingSpot-normalized-ngsiv2.json"), StandardCharsets.UTF_8);
        send("transport", "parking-spots", spot.replace("\"free\"", "\"occupied\"").getBytes(StandardCharsets.UTF_8), "p-1");
        send("transport", "parking-spots", spot.replace("\"free\"", "\"closed\"").getBytes(StandardCharsets.UTF_8), "p-2");
        send("transport", "parking-spots", spot.replace("\"free\"", "\"unknown\"").getBytes(StandardCharsets.UTF_8), "p-3");
        send("transport", "parking-spots", spot.replace("\"free\"", "\"flooded\"").getBytes(StandardCharsets.UTF_8), "p-4");

        assertThat(canonical.readValuesToList()).extracting(Facility::getStatus)
                .containsExactly(FacilityStatus.IN_SERVICE, FacilityStatus.OUT_OF_SERVICE, FacilityStatus.UNKNOWN);
        TestRecord<String, byte[]> rejected = dlq.readRecord();
        assertThat(StandardizerDriver.errorCode(rejected)).isEqualTo("UNKNOWN_CODE");
        assertThat(StandardizerDriver.header(rejected, ExchangeHeaders.ERROR_FIELD)).isEqualTo("status");
        assertThat(StandardizerDriver.header(rejected, ExchangeHeaders.ERROR_SPEC)).isEqualTo("transport/parking-spots");
    }

    @Test
    void keyValuesRenderingsOfTheSameEntitiesGiveTheSameFacilities() {
        send("transport", "parking-spots", """
                {"id": "santander:daoiz_velarde_1_5:3", "type": "ParkingSpot", "status": "free", "name": "A-13",
                 "category": ["onStreet"], "refParkingSite": "santander:daoiz_velarde_1_5",
                 "location": {"type": "Point", "coordinates": [-3.80356167695194, 43.46296641666926]},
                 "dateObserved": "2018-09-21T12:00:00Z"}
                """.getBytes(StandardCharsets.UTF_8), "p-kv");
        send("lighting", "control-cabinets", """
                {"id": "streetlightcontrolcabinet:A45HGJK", "type": "StreetlightControlCabinet", "workingMode": "manual",
                 "refStreetlightGroup": ["streetlightgroup:BG678"],
                 "location": {"type": "Point", "coordinates": [-3.164485591715449, 40.62785133667262]}}
                """.getBytes(StandardCharsets.UTF_8), "c-kv");

        Facility spot = canonical.readValue();
        assertThat(spot.getId()).isEqualTo(CanonicalIds.of(CanonicalEntity.FACILITY, "transport", "parking-spots", "santander:daoiz_velarde_1_5:3"));
        assertThat(spot.getObservedAt()).isEqualTo(Instant.parse("2018-09-21T12:00:00Z"));
        assertThat(spot.getAttributes()).containsEntry("category", "onStreet").doesNotContainKey("parkingPermit");
        Facility cabinet = canonical.readValue();
        assertThat(cabinet.getId()).isEqualTo(CanonicalIds.of(CanonicalEntity.FACILITY, "lighting", "control-cabinets",
                "streetlightcontrolcabinet:A45HGJK"));
        assertThat(cabinet.getAttributes()).containsEntry("streetlightGroups", "streetlightgroup:BG678");
    }
}

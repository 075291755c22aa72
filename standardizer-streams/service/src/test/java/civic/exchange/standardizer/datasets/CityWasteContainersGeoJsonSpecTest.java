package civic.exchange.standardizer.datasets;

import static civic.exchange.standardizer.datasets.StandardizerDriver.ingestHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.schema.GeoPoint;
import civic.exchange.topics.CanonicalEntity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another city's waste containers from a GIS export, onboarded with a catalog entry and a spec: one
 * GeoJSON Feature per record (ingest splits the FeatureCollection), Dutch property names, a numeric
 * status code, creation dates in Unix milliseconds as ArcGIS writes them.
 */
class CityWasteContainersGeoJsonSpecTest {

    private static final String CATALOG = """
            departments:
              - id: sanitation
                publishes:
                  - id: amsterdam-containers
                    format: geojson
                    entity: facility
            """;

    private static final String SPEC = """
            version: 1
            localId:
              path: [id, properties.id_nummer]
            fields:
              type: {const: WASTE_CONTAINER}
              status:
                path: properties.status
                codes: {"1": IN_SERVICE, "0": OUT_OF_SERVICE}
                unknown: reject
              name:
                path: properties.fractie_omschrijving
                transforms: [trim]
              location:
                path: geometry
                transforms: [geojson-point]
              address:
                concat: [properties.straatnaam, properties.huisnummer]
                separator: " "
              commissionedAt:
                path: properties.datum_creatie
                transforms: [{epoch: millis}]
            attributes:
              volumeM3: properties.volume_m3
              district: properties.stadsdeel
            """;

    private static String feature(String id, int status, String geometry, String created) {
        return """
                {"type":"Feature","id":"%s","geometry":%s,"properties":{"id_nummer":"%s","status":%d,\
                "fractie_omschrijving":"Rest ","straatnaam":"Prinsengracht","huisnummer":"263","volume_m3":3.0,\
                "stadsdeel":"Centrum","datum_creatie":%s}}""".formatted(id, geometry, id, status, created);
    }

    @Test
    void theFeaturesAreOnboardedWithACatalogEntryAndASpec(@TempDir Path dir, TestInfo test) throws IOException {
        String point = "{\"type\":\"Point\",\"coordinates\":[4.88393,52.37515]}";
        List<String> records = List.of(
                feature("GAD-00101", 1, point, "1546300800000"),
                feature("GAD-00102", 0, point, "null"),
                feature("GAD-00103", 1, "{\"type\":\"LineString\",\"coordinates\":[[4.88,52.37],[4.89,52.38]]}", "1546300800000"),
                feature("GAD-00104", 7, point, "1546300800000"),
                "{\"type\":\"FeatureCollection\",\"features\":[]}");
        try (StandardizerDriver driver = StandardizerDriver.onboarding(dir, CATALOG, "sanitation/amsterdam-containers", SPEC, test)) {
            TestInputTopic<String, byte[]> raw = driver.raw("sanitation", "amsterdam-containers");
            for (int i = 0; i < records.size(); i++) {
                raw.pipeInput(new TestRecord<>(null, records.get(i).getBytes(StandardCharsets.UTF_8),
                        ingestHeaders("sanitation", "amsterdam-containers", "r-" + i)));
            }

            List<Facility> containers = driver.canonical(CanonicalEntity.FACILITY, Facility.class).readValuesToList();
            assertThat(containers).extracting(f -> f.getSource().getLocalId()).containsExactly("GAD-00101", "GAD-00102");
            Facility first = containers.get(0);
            assertThat(first.getType()).isEqualTo(FacilityType.WASTE_CONTAINER);
            assertThat(first.getStatus()).as("a numeric code matched as text").isEqualTo(FacilityStatus.IN_SERVICE);
            assertThat(first.getName()).isEqualTo("Rest");
            assertThat(first.getLocation()).isEqualTo(new GeoPoint(52.37515, 4.88393));
            assertThat(first.getAddress()).isEqualTo("Prinsengracht 263");
            assertThat(first.getCommissionedAt()).isEqualTo(Instant.parse("2019-01-01T00:00:00Z"));
            assertThat(first.getAttributes()).containsEntry("volumeM3", "3.0").containsEntry("district", "Centrum");
            assertThat(containers.get(1).getStatus()).isEqualTo(FacilityStatus.OUT_OF_SERVICE);
            assertThat(containers.get(1).getCommissionedAt()).as("null is no value").isNull();

            List<TestRecord<String, byte[]>> rejected = driver.dlq().readRecordsToList();
            assertThat(rejected).extracting(StandardizerDriver::errorCode)
                    .containsExactly("INVALID_VALUE", "UNKNOWN_CODE", "INVALID_VALUE");
            assertThat(rejected).extracting(r -> ExchangeHeaders.get(r.headers(), ExchangeHeaders.ERROR_FIELD))
                    .containsExactly("geometry", "properties.status", "type");
            assertThat(ExchangeHeaders.get(rejected.get(2).headers(), ExchangeHeaders.ERROR_MESSAGE))
                    .contains("expected a GeoJSON Feature, found a GeoJSON object of type 'FeatureCollection'");
        }
    }
}

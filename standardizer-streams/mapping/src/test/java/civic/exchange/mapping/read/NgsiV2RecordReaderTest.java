package civic.exchange.mapping.read;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.catalog.DatasetFormat;
import civic.exchange.localbus.datasets.CityDatasets;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NgsiV2RecordReaderTest {

    private final RecordReader reader = RecordReaders.forFormat(DatasetFormat.NGSI_V2);

    @Test
    void theNormalizedParkingSpotFlattensToItsValuesAndKeepsMetadataAside() {
        JsonNode spot = reader.read(CityDatasets.bytes("fiware/fiware-ParkingSpot-normalized-ngsiv2.json"), StandardCharsets.UTF_8);

        assertThat(spot.get("id").textValue()).isEqualTo("santander:daoiz_velarde_1_5:3");
        assertThat(spot.get("type").textValue()).isEqualTo("ParkingSpot");
        assertThat(spot.get("status").textValue()).isEqualTo("free");
        assertThat(spot.get("name").textValue()).isEqualTo("A-13");
        assertThat(spot.get("refParkingSite").textValue()).isEqualTo("santander:daoiz_velarde_1_5");
        assertThat(spot.at("/category/0").textValue()).isEqualTo("onStreet");
        assertThat(spot.at("/location/type").textValue()).as("geo:json is GeoJSON").isEqualTo("Point");
        assertThat(spot.at("/location/coordinates/1").doubleValue()).isEqualTo(43.46296641666926);
        assertThat(spot.at("/@metadata/status/timestamp").textValue()).isEqualTo("2018-09-21T12:00:00");
        assertThat(spot.at("/@metadata/status/parkingPermit").textValue()).isEqualTo("yes");
    }

    @Test
    void keyValuesAndGeoPointTextReadTheSame() {
        JsonNode keyValues = reader.read("""
                {"id": "s1", "type": "ParkingSpot", "status": "occupied",
                 "address": {"streetAddress": "Calle Daoiz y Velarde", "addressLocality": "Santander"},
                 "position": {"type": "geo:point", "value": "43.4629, -3.8035"},
                 "odd": {"type": "Text", "value": "x", "extra": 1}}
                """.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

        assertThat(keyValues.get("status").textValue()).isEqualTo("occupied");
        assertThat(keyValues.at("/address/streetAddress").textValue()).as("a keyValues object stays as it is")
                .isEqualTo("Calle Daoiz y Velarde");
        assertThat(keyValues.at("/position/type").textValue()).isEqualTo("Point");
        assertThat(keyValues.at("/position/coordinates/0").decimalValue()).as("longitude first").isEqualByComparingTo("-3.8035");
        assertThat(keyValues.at("/position/coordinates/1").decimalValue()).isEqualByComparingTo("43.4629");
        assertThat(keyValues.at("/odd/extra").intValue()).as("not an attribute shape: kept whole").isEqualTo(1);
        assertThat(keyValues.has("@metadata")).isFalse();
    }
}

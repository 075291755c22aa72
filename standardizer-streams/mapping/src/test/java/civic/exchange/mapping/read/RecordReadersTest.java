package civic.exchange.mapping.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.catalog.DatasetFormat;
import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import civic.exchange.localbus.datasets.CityDatasets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordReadersTest {

    private final RecordReader ngsiLd = RecordReaders.forFormat(DatasetFormat.NGSI_LD);
    private final RecordReader json = RecordReaders.forFormat(DatasetFormat.JSON);

    @Test
    void everyFormatTheCatalogTakesHasItsReader() {
        for (DatasetFormat format : DatasetFormat.values()) {
            assertThat(RecordReaders.forFormat(format).format()).as(format.id()).isEqualTo(format);
        }
    }

    @Test
    void normalizedNgsiLdFlattensToTheKeyValuesTree() {
        JsonNode normalized = ngsiLd.read(CityDatasets.bytes("fiware/fiware-Streetlight-normalized-ngsild.json"), StandardCharsets.UTF_8);
        JsonNode keyValues = ngsiLd.read(CityDatasets.bytes("fiware/fiware-Streetlight-keyvalues.json"), StandardCharsets.UTF_8);

        for (String attribute : new String[] {"status", "location", "areaServed", "circuit", "lanternHeight", "powerFactor",
                "streetPoleNum", "observationDateTime", "dateLastLampChange", "municipalityInfo"}) {
            JsonNode expected = keyValues.get(attribute);
            JsonNode actual = normalized.get(attribute);
            if (attribute.equals("municipalityInfo")) {
                // The normalized sample nests deviceInfo inside municipalityInfo; it is merged into the value.
                assertThat(actual.get("deviceInfo")).isEqualTo(keyValues.get("deviceInfo"));
                JsonNode withoutDevice = ((ObjectNode) actual.deepCopy()).without("deviceInfo");
                assertThat(withoutDevice).as(attribute).isEqualTo(expected);
            } else {
                assertThat(actual).as(attribute).isEqualTo(expected);
            }
        }
        assertThat(normalized.get("observationDateTime").textValue()).isEqualTo("2021-01-11T15:51:02+05:30");
        assertThat(normalized.get("refStreetlightGroup").textValue()).isEqualTo("urn:ngsi-ld:StreetlightGroup:streetlightgroup:G345");
        assertThat(normalized.get("id").textValue()).isEqualTo("urn:ngsi-ld:Streetlight:streetlight:guadalajara:4567");
        assertThat(normalized.has("@context")).isFalse();
    }

    @Test
    void multiAttributesLanguageMapsAndMetadataAreFlattened() {
        String entity = """
                {"id": "urn:ngsi-ld:Streetlight:x", "type": "Streetlight",
                 "status": [
                   {"type": "Property", "value": "defectiveLamp", "datasetId": "urn:ngsi-ld:Dataset:sensor"},
                   {"type": "Property", "value": "ok", "observedAt": "2024-01-01T00:00:00Z"}],
                 "name": {"type": "LanguageProperty", "languageMap": {"en": "Pole 2", "es": "Poste 2"}},
                 "powerRating": {"type": "Property", "value": 5, "unitCode": "WTT"},
                 "dates": {"type": "Property", "value": [{"@type": "DateTime", "@value": "2024-01-01T00:00:00Z"}]}}
                """;
        JsonNode flat = ngsiLd.read(entity.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(flat.get("status").textValue()).as("the default instance, without datasetId").isEqualTo("ok");
        assertThat(flat.at("/name/es").textValue()).isEqualTo("Poste 2");
        assertThat(flat.get("powerRating").intValue()).isEqualTo(5);
        assertThat(flat.at("/dates/0").textValue()).isEqualTo("2024-01-01T00:00:00Z");
    }

    @Test
    void plainJsonIsReadAsIsInTheDatasetsCharset() {
        Charset gbk = Charset.forName("GBK");
        JsonNode tree = json.read("{\"name\": \"路灯 2\", \"value\": {\"type\": \"Property\", \"value\": 1}}".getBytes(gbk), gbk);
        assertThat(tree.get("name").textValue()).isEqualTo("路灯 2");
        assertThat(tree.at("/value/type").textValue()).as("json does not flatten").isEqualTo("Property");
        JsonNode withBom = json.read("\uFEFF{\"a\": 1}".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(withBom.get("a").intValue()).as("a byte-order mark is not content").isEqualTo(1);
    }

    @Test
    void decimalsKeepTheDigitsTheyWereWrittenWith() {
        JsonNode tree = json.read("{\"factor\": 0.70, \"volume\": 3.0, \"precise\": 0.1000000000000000055511151231257827}"
                .getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

        assertThat(tree.get("factor").decimalValue().toPlainString()).isEqualTo("0.70");
        assertThat(tree.get("volume").decimalValue().toPlainString()).isEqualTo("3.0");
        assertThat(tree.get("precise").decimalValue().toPlainString()).as("no trip through double")
                .isEqualTo("0.1000000000000000055511151231257827");
    }

    @Test
    void geojsonTakesOneFeature() {
        RecordReader geojson = RecordReaders.forFormat(DatasetFormat.GEOJSON);
        JsonNode feature = geojson.read(("{\"type\":\"Feature\",\"id\":\"B-1\",\"geometry\":{\"type\":\"Point\","
                + "\"coordinates\":[4.9,52.4]},\"properties\":{\"material\":\"hout\"}}").getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
        assertThat(feature.at("/properties/material").textValue()).isEqualTo("hout");

        assertThatThrownBy(() -> geojson.read("{\"type\":\"Point\",\"coordinates\":[4.9,52.4]}".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8)).isInstanceOf(RecordRejectedException.class)
                .hasMessageContaining("expected a GeoJSON Feature, found a GeoJSON object of type 'Point'");
        assertThatThrownBy(() -> geojson.read("{\"properties\":{}}".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .hasMessageContaining("an object without a GeoJSON type");
    }

    @Test
    void unreadablePayloadsAreRejectedWithTheirCode() {
        assertRejected("{\"id\": 1, \"id\": 2}".getBytes(StandardCharsets.UTF_8), ErrorCode.MALFORMED_JSON, "Duplicate field 'id'");
        assertRejected("{\"id\": 1} {\"id\": 2}".getBytes(StandardCharsets.UTF_8), ErrorCode.MALFORMED_JSON, "trailing");
        assertRejected("{\"id\": ".getBytes(StandardCharsets.UTF_8), ErrorCode.MALFORMED_JSON, "not valid JSON");
        assertRejected(new byte[0], ErrorCode.MALFORMED_JSON, "empty");
        assertRejected("\"just text\"".getBytes(StandardCharsets.UTF_8), ErrorCode.INVALID_VALUE, "one JSON object");
        assertRejected(new byte[] {'{', (byte) 0xC3, '}'}, ErrorCode.INVALID_ENCODING, "UTF-8");
    }

    private void assertRejected(byte[] payload, ErrorCode code, String reason) {
        assertThatThrownBy(() -> ngsiLd.read(payload, StandardCharsets.UTF_8))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).containsIgnoringCase(reason);
                });
    }
}

package civic.exchange.bench.standardizer;

import civic.exchange.errors.ErrorCode;
import civic.exchange.ids.CanonicalIds;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.schema.GeoPoint;
import civic.exchange.schema.SourceReference;
import civic.exchange.serde.ExchangeAvroSerde;
import civic.exchange.topics.CanonicalEntity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Variant (d): what an expert writes for the FIWARE Streetlight keyValues dataset without the
 * mapping engine: Jackson tree → generated Avro builder, the same canonical fields and attributes
 * as {@code mappings/lighting/streetlights.yaml}, bad records to the DLQ with the error headers.
 */
final class HandWrittenStreetlightNormalizer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, FacilityStatus> STATUS = Map.of(
            "ok", FacilityStatus.IN_SERVICE, "defectiveLamp", FacilityStatus.DEFECTIVE,
            "columnIssue", FacilityStatus.DEFECTIVE, "brokenLantern", FacilityStatus.DEFECTIVE);
    private static final String[][] ATTRIBUTES = {
            {"powerState", "powerState"}, {"powerRatingW", "powerRating"}, {"powerConsumptionW", "powerConsumption"},
            {"powerFactor", "powerFactor"}, {"currentA", "current"}, {"voltageV", "voltage"},
            {"lanternHeightM", "lanternHeight"}, {"circuit", "circuit"}, {"controllingMethod", "controllingMethod"},
            {"locationCategory", "locationCategory"}, {"feederId", "feederID"}, {"feederPillarNum", "feederPillarNum"},
            {"streetPoleNum", "streetPoleNum"}, {"lastLampChangeAt", "dateLastLampChange"},
            {"streetlightGroup", "refStreetlightGroup"}, {"streetlightModel", "refStreetlightModel"}};

    private HandWrittenStreetlightNormalizer() {
    }

    static Topology build(String input, String output, String dlq, String registryUrl, ProcessedCounter counter) {
        return HandWrittenNormalizer.topology(input, output, dlq, Facility.class,
                ExchangeAvroSerde.forValues(Facility.class, registryUrl), () -> new Normalize(counter));
    }

    static final class Normalize extends HandWrittenNormalizer<Facility> {

        Normalize(ProcessedCounter counter) {
            super(counter, ErrorCode.MALFORMED_JSON, Facility::getId);
        }

        @Override
        Facility normalize(Record<byte[], byte[]> record, RecordMetadata meta) throws IOException {
            return normalize(JSON.readTree(record.value()), record, meta);
        }

        private static Facility normalize(JsonNode node, Record<byte[], byte[]> record, RecordMetadata meta) {
            String localId = text(node, "id");
            if (localId == null) {
                throw new IllegalArgumentException("id is required");
            }
            localId = localId.startsWith("urn:ngsi-ld:Streetlight:") ? localId.substring("urn:ngsi-ld:Streetlight:".length()) : localId;
            FacilityStatus status = STATUS.get(text(node, "status"));
            if (status == null) {
                throw new IllegalArgumentException("unknown status " + text(node, "status"));
            }
            JsonNode coordinates = node.path("location").path("coordinates");
            GeoPoint location = null;
            if (coordinates.isArray()) {
                double lon = coordinates.get(0).asDouble();
                double lat = coordinates.get(1).asDouble();
                if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
                    throw new IllegalArgumentException("location out of range");
                }
                location = new GeoPoint(lat, lon);
            }
            Map<String, String> attributes = new HashMap<>();
            for (String[] a : ATTRIBUTES) {
                String value = text(node, a[1]);
                if (value != null) {
                    attributes.put(a[0], value);
                }
            }
            JsonNode municipality = node.path("municipalityInfo");
            putText(attributes, "cityName", municipality, "cityName");
            putText(attributes, "district", municipality, "district");
            putText(attributes, "wardNum", municipality, "wardNum");
            putText(attributes, "deviceId", node.path("deviceInfo"), "deviceId");
            putText(attributes, "deviceName", node.path("deviceInfo"), "deviceName");
            String observed = text(node, "observationDateTime");
            return Facility.newBuilder()
                    .setId(CanonicalIds.of(CanonicalEntity.FACILITY, "lighting", "streetlights", localId))
                    .setType(FacilityType.STREETLIGHT)
                    .setStatus(status)
                    .setName(text(node, "name") != null ? text(node, "name") : text(node, "streetPoleNum"))
                    .setDescription(text(node, "description"))
                    .setLocation(location)
                    .setAddress(text(node, "areaServed"))
                    .setObservedAt(observed == null ? null : OffsetDateTime.parse(observed).toInstant())
                    .setSource(new SourceReference("lighting", "streetlights", localId))
                    .setAttributes(attributes)
                    .setProvenance(provenance("lighting", "streetlights", record, meta))
                    .build();
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            String text = value.isValueNode() ? value.asText() : value.toString();
            text = text.trim();
            return text.isEmpty() ? null : text;
        }

        private static void putText(Map<String, String> attributes, String name, JsonNode node, String field) {
            String value = text(node, field);
            if (value != null) {
                attributes.put(name, value);
            }
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

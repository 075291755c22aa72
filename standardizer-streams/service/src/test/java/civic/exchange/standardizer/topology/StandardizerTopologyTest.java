package civic.exchange.standardizer.topology;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.errors.ErrorCode;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.ids.CanonicalIds;
import civic.exchange.mapping.MappingSpecs;
import civic.exchange.mapping.SpecLoader;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.serde.ExchangeAvroDeserializer;
import civic.exchange.serde.ExchangeSerdeConfig;
import civic.exchange.standardizer.SharedDatasets;
import civic.exchange.streams.TopologyTopics;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class StandardizerTopologyTest {

    private static final String RAW = Topics.raw("lighting", "streetlights");
    private static final String STREETLIGHT_ID = CanonicalIds.of(CanonicalEntity.FACILITY, "lighting", "streetlights",
            "streetlight:guadalajara:4567");

    private final ExchangeCatalog catalog = ExchangeCatalog.load("classpath:" + ExchangeCatalog.DEFAULT_RESOURCE);
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final List<String> events = metrics.events();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, Facility> canonical;
    private TestOutputTopic<String, byte[]> dlq;

    @BeforeEach
    void start(TestInfo test) {
        String registry = "mock://" + getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName();
        driver = new TopologyTestDriver(topology(registry), props());
        raw = driver.createInputTopic(RAW, new StringSerializer(), new ByteArraySerializer());
        ExchangeAvroDeserializer<Facility> facilities = new ExchangeAvroDeserializer<>(Facility.class);
        facilities.configure(Map.of(ExchangeSerdeConfig.SCHEMA_REGISTRY_URL, registry), false);
        canonical = driver.createOutputTopic(CanonicalEntity.FACILITY.topic(), new StringDeserializer(), facilities);
        dlq = driver.createOutputTopic(Topics.DLQ_STANDARDIZER, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private Topology topology(String registry) {
        MappingSpecs specs = streetlightsOnly();
        return StandardizerTopology.build(catalog, specs, new StandardizerTopology.Settings(registry, metrics));
    }

    private static Properties props() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "standardizer-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return props;
    }

    @Test
    void bothFiwareVariantsOfTheRealStreetlightBecomeOneFacility() {
        raw.pipeInput(new TestRecord<>("sl-4567", SharedDatasets.streetlightNormalized(), ingestHeaders("rec-1", "corr-1")));
        raw.pipeInput(new TestRecord<>("sl-4567", SharedDatasets.streetlightKeyValues(), ingestHeaders("rec-2", "corr-2")));

        List<TestRecord<String, Facility>> out = canonical.readRecordsToList();
        assertThat(out).hasSize(2);
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(out).extracting(TestRecord::key).containsOnly(STREETLIGHT_ID);

        Facility normalized = out.get(0).value();
        Facility keyValues = out.get(1).value();
        for (Facility f : List.of(normalized, keyValues)) {
            assertThat(f.getId()).isEqualTo(STREETLIGHT_ID);
            assertThat(f.getType()).isEqualTo(FacilityType.STREETLIGHT);
            assertThat(f.getStatus()).isEqualTo(FacilityStatus.IN_SERVICE);
            assertThat(f.getName()).isEqualTo("2");
            assertThat(f.getAddress()).isEqualTo("Roundabouts city entrance");
            assertThat(f.getLocation().getLatitude()).isEqualTo(40.62785133667262);
            assertThat(f.getLocation().getLongitude()).isEqualTo(-3.164485591715449);
            assertThat(f.getObservedAt()).isEqualTo(Instant.parse("2021-01-11T10:21:02Z"));
            assertThat(f.getSource().getDepartment()).isEqualTo("lighting");
            assertThat(f.getSource().getDataset()).isEqualTo("streetlights");
            assertThat(f.getSource().getLocalId()).isEqualTo("streetlight:guadalajara:4567");
            assertThat(f.getAttributes())
                    .containsEntry("powerRatingW", "5")
                    .containsEntry("powerFactor", "0.7")
                    .containsEntry("currentA", "250")
                    .containsEntry("voltageV", "50")
                    .containsEntry("lanternHeightM", "10")
                    .containsEntry("powerState", "off")
                    .containsEntry("circuit", "C-456-A467")
                    .containsEntry("feederId", "F1")
                    .containsEntry("lastLampChangeAt", "2016-07-08T08:02:21.753Z")
                    .containsEntry("streetlightGroup", "streetlightgroup:G345")
                    .containsEntry("streetlightModel", "streetlightmodel:STEEL_Tubular_10m")
                    .containsEntry("cityName", "Bangalore")
                    .containsEntry("wardNum", "4")
                    .containsEntry("deviceName", "SL1");
        }
        // Apart from provenance, the two FIWARE renderings of the light are one and the same facility.
        assertThat(Facility.newBuilder(keyValues).setProvenance(normalized.getProvenance()).build()).isEqualTo(normalized);

        assertThat(normalized.getProvenance().getDepartment()).isEqualTo("lighting");
        assertThat(normalized.getProvenance().getDataset()).isEqualTo("streetlights");
        assertThat(normalized.getProvenance().getRawTopic()).isEqualTo(RAW);
        assertThat(normalized.getProvenance().getRawPartition()).isZero();
        assertThat(normalized.getProvenance().getRawOffset()).isZero();
        assertThat(keyValues.getProvenance().getRawOffset()).isEqualTo(1L);
        assertThat(normalized.getProvenance().getMappingSpec()).isEqualTo("lighting/streetlights");
        assertThat(normalized.getProvenance().getMappingVersion()).isEqualTo(1);
        assertThat(normalized.getProvenance().getRecordId()).isEqualTo("rec-1");
        assertThat(keyValues.getProvenance().getCorrelationId()).isEqualTo("corr-2");
        assertThat(normalized.getProvenance().getIngestedAt()).isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));

        Headers headers = out.get(0).headers();
        assertThat(ExchangeHeaders.get(headers, ExchangeHeaders.DEPARTMENT)).isEqualTo("lighting");
        assertThat(ExchangeHeaders.get(headers, ExchangeHeaders.DATASET)).isEqualTo("streetlights");
        assertThat(ExchangeHeaders.get(headers, ExchangeHeaders.RECORD_ID)).isEqualTo("rec-1");
        assertThat(ExchangeHeaders.get(headers, ExchangeHeaders.CORRELATION_ID)).isEqualTo("corr-1");
        assertThat(ExchangeHeaders.get(headers, ExchangeHeaders.INGESTED_AT)).isEqualTo("2024-03-01T12:00:00Z");
        assertThat(ExchangeHeaders.get(headers, ExchangeHeaders.CONTENT_TYPE)).as("raw content type stays behind").isNull();
        assertThat(events).containsExactly("standardized lighting/streetlights", "standardized lighting/streetlights");
    }

    @Test
    void withoutAnIngestHeaderTheRecordTimestampIsTheIngestTime() {
        Instant timestamp = Instant.parse("2024-05-06T07:08:09.010Z");
        raw.pipeInput(new TestRecord<>("sl-4567", SharedDatasets.streetlightKeyValues(), new RecordHeaders(), timestamp));

        TestRecord<String, Facility> out = canonical.readRecord();
        assertThat(out.value().getProvenance().getIngestedAt()).isEqualTo(timestamp);
        assertThat(out.value().getProvenance().getRecordId()).isNull();
        assertThat(ExchangeHeaders.get(out.headers(), ExchangeHeaders.INGESTED_AT)).isEqualTo(timestamp.toString());
    }

    @Test
    void anUnreadableIngestHeaderFallsBackToTheTimestampAndAnOffsetOneIsCarriedInUtc() {
        Instant timestamp = Instant.parse("2024-05-06T07:08:09.010Z");
        Headers unreadable = ingestHeaders("r-1", "c-1");
        ExchangeHeaders.put(unreadable, ExchangeHeaders.INGESTED_AT, "yesterday at noon");
        Headers withOffset = ingestHeaders("r-2", "c-2");
        ExchangeHeaders.put(withOffset, ExchangeHeaders.INGESTED_AT, "2024-03-01T13:00:00+01:00");
        raw.pipeInput(new TestRecord<>("sl-1", SharedDatasets.streetlightKeyValues(), unreadable, timestamp));
        raw.pipeInput(new TestRecord<>("sl-2", SharedDatasets.streetlightKeyValues(), withOffset, timestamp));

        List<TestRecord<String, Facility>> out = canonical.readRecordsToList();
        assertThat(out.get(0).value().getProvenance().getIngestedAt()).isEqualTo(timestamp);
        assertThat(ExchangeHeaders.get(out.get(0).headers(), ExchangeHeaders.INGESTED_AT)).isEqualTo(timestamp.toString());
        assertThat(out.get(1).value().getProvenance().getIngestedAt()).isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));
        assertThat(ExchangeHeaders.get(out.get(1).headers(), ExchangeHeaders.INGESTED_AT)).isEqualTo("2024-03-01T12:00:00Z");
    }

    @Test
    void badRecordsGoToTheDlqUntouchedWithTheReasonAndTheStreamGoesOn() {
        String good = SharedDatasets.streetlightKeyValuesText();
        byte[] malformed = good.substring(0, 120).getBytes(StandardCharsets.UTF_8);
        byte[] unknownStatus = replace(good, "\"status\": \"ok\"", "\"status\": \"flickering\"");
        byte[] badLatitude = replace(good, "40.62785133667262", "123");
        byte[] missingId = replace(good, "\"id\": \"streetlight:guadalajara:4567\",", "");

        raw.pipeInput(new TestRecord<>("k-malformed", malformed, ingestHeaders("r-1", "c-1")));
        raw.pipeInput(new TestRecord<>("k-status", unknownStatus, ingestHeaders("r-2", "c-2")));
        raw.pipeInput(new TestRecord<>("k-latitude", badLatitude, ingestHeaders("r-3", "c-3")));
        raw.pipeInput(new TestRecord<>("k-id", missingId, ingestHeaders("r-4", "c-4")));
        raw.pipeInput(new TestRecord<>("k-good", SharedDatasets.streetlightKeyValues(), ingestHeaders("r-5", "c-5")));

        List<TestRecord<String, byte[]>> rejected = dlq.readRecordsToList();
        assertThat(rejected).hasSize(4);
        assertRejected(rejected.get(0), "k-malformed", malformed, ErrorCode.MALFORMED_JSON, null, 0);
        assertRejected(rejected.get(1), "k-status", unknownStatus, ErrorCode.UNKNOWN_CODE, "status", 1);
        assertRejected(rejected.get(2), "k-latitude", badLatitude, ErrorCode.OUT_OF_RANGE, "location", 2);
        assertRejected(rejected.get(3), "k-id", missingId, ErrorCode.MISSING_REQUIRED_FIELD, "id", 3);
        assertThat(message(rejected.get(1))).contains("flickering");
        assertThat(message(rejected.get(2))).contains("latitude 123");
        // The original headers travel with the rejected record, so a re-drive keeps its ids.
        assertThat(ExchangeHeaders.get(rejected.get(3).headers(), ExchangeHeaders.RECORD_ID)).isEqualTo("r-4");
        assertThat(ExchangeHeaders.get(rejected.get(3).headers(), ExchangeHeaders.CONTENT_TYPE)).isEqualTo("application/json");

        List<TestRecord<String, Facility>> out = canonical.readRecordsToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).isEqualTo(STREETLIGHT_ID);
        assertThat(out.get(0).value().getProvenance().getRawOffset()).isEqualTo(4L);
        assertThat(events).containsExactly("rejected lighting/streetlights MALFORMED_JSON",
                "rejected lighting/streetlights UNKNOWN_CODE", "rejected lighting/streetlights OUT_OF_RANGE",
                "rejected lighting/streetlights MISSING_REQUIRED_FIELD", "standardized lighting/streetlights");
    }

    @Test
    void anEmptyOrNonObjectRecordIsRejectedNotFatal() {
        raw.pipeInput(new TestRecord<>("k-null", (byte[]) null, ingestHeaders("r-1", "c-1")));
        raw.pipeInput(new TestRecord<>("k-array", "[1,2]".getBytes(StandardCharsets.UTF_8), ingestHeaders("r-2", "c-2")));
        raw.pipeInput(new TestRecord<>("k-latin1", new byte[] {'{', '"', (byte) 0xE9, '"', ':', '1', '}'}, ingestHeaders("r-3", "c-3")));

        List<TestRecord<String, byte[]>> rejected = dlq.readRecordsToList();
        assertThat(rejected).extracting(r -> ExchangeHeaders.get(r.headers(), ExchangeHeaders.ERROR_CODE))
                .containsExactly("MALFORMED_JSON", "INVALID_VALUE", "INVALID_ENCODING");
        assertThat(rejected.get(0).value()).isNull();
        assertThat(canonical.isEmpty()).isTrue();
    }

    @Test
    void everyNodeIsNamedAfterItsDataset() {
        TopologyDescription description = topology("mock://names").describe();
        List<String> names = new ArrayList<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> names.add(n.name())));
        assertThat(names).allSatisfy(name -> assertThat(name).startsWith("lighting.streetlights."));
        assertThat(names).contains("lighting.streetlights.source", "lighting.streetlights.standardize",
                "lighting.streetlights.to-canonical", "lighting.streetlights.to-dlq");
        assertThat(description.toString()).doesNotContain("KSTREAM-");
    }

    /** The shipped streetlight spec alone: the catalog's other datasets have none here. */
    private MappingSpecs streetlightsOnly() {
        return MappingSpecs.of(SpecLoader.load(catalog.dataset("lighting", "streetlights").orElseThrow(), Optional.empty())
                .orElseThrow());
    }

    @Test
    void theTopicsItNeedsFollowFromCatalogAndSpecs() {
        TopologyTopics topics = TopologyTopics.of(topology("mock://topics"));
        assertThat(topics.all())
                .containsExactly("canonical.facility", "dlq.standardizer", "quality.dataset", "raw.lighting.streetlights",
                        "xref.facility");
        assertThat(topics.reads()).containsExactly("raw.lighting.streetlights");
        // a dataset linked by proximity reads canonical.facility back through the spatial index
        assertThat(TopologyTopics.of(StandardizerTopology.build(catalog, SpecLoader.load(catalog, Optional.empty()),
                new StandardizerTopology.Settings("mock://topics-all", StandardizerMetrics.NONE))).reads())
                .contains("canonical.facility", "raw.hotline.myla311");
    }

    @Test
    void aDatasetWithoutSpecIsLeftOutAndNoSpecAtAllIsRefused() {
        MappingSpecs none = MappingSpecs.of();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StandardizerTopology.build(catalog, none,
                        new StandardizerTopology.Settings("mock://none", StandardizerMetrics.NONE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nothing to standardize");
    }

    private static void assertRejected(TestRecord<String, byte[]> record, String key, byte[] payload, ErrorCode code,
                                       String field, long offset) {
        Headers h = record.headers();
        assertThat(record.key()).isEqualTo(key);
        assertThat(record.value()).isEqualTo(payload);
        assertThat(ExchangeHeaders.get(h, ExchangeHeaders.ERROR_CODE)).isEqualTo(code.name());
        assertThat(ExchangeHeaders.get(h, ExchangeHeaders.ERROR_MESSAGE)).isNotBlank();
        assertThat(ExchangeHeaders.get(h, ExchangeHeaders.ERROR_STAGE)).isEqualTo("standardizer");
        assertThat(ExchangeHeaders.get(h, ExchangeHeaders.ERROR_FIELD)).isEqualTo(field);
        assertThat(ExchangeHeaders.get(h, ExchangeHeaders.ERROR_SPEC)).isEqualTo("lighting/streetlights");
        assertThat(ExchangeHeaders.get(h, ExchangeHeaders.ERROR_SPEC_VERSION)).isEqualTo("1");
        assertThat(ExchangeHeaders.get(h, ExchangeHeaders.SOURCE_TOPIC)).isEqualTo(RAW);
        assertThat(ExchangeHeaders.get(h, ExchangeHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(ExchangeHeaders.get(h, ExchangeHeaders.SOURCE_OFFSET)).isEqualTo(Long.toString(offset));
        assertThat(ExchangeHeaders.get(h, ExchangeHeaders.DEPARTMENT)).isEqualTo("lighting");
    }

    private static String message(TestRecord<String, byte[]> record) {
        return ExchangeHeaders.get(record.headers(), ExchangeHeaders.ERROR_MESSAGE);
    }

    private static byte[] replace(String text, String target, String replacement) {
        assertThat(text).contains(target);
        return text.replace(target, replacement).getBytes(StandardCharsets.UTF_8);
    }

    private static Headers ingestHeaders(String recordId, String correlationId) {
        Headers headers = new RecordHeaders();
        ExchangeHeaders.put(headers, ExchangeHeaders.DEPARTMENT, "lighting");
        ExchangeHeaders.put(headers, ExchangeHeaders.DATASET, "streetlights");
        ExchangeHeaders.put(headers, ExchangeHeaders.RECORD_ID, recordId);
        ExchangeHeaders.put(headers, ExchangeHeaders.CORRELATION_ID, correlationId);
        ExchangeHeaders.put(headers, ExchangeHeaders.INGESTED_AT, "2024-03-01T12:00:00Z");
        ExchangeHeaders.put(headers, ExchangeHeaders.CONTENT_TYPE, "application/json");
        return headers;
    }
}

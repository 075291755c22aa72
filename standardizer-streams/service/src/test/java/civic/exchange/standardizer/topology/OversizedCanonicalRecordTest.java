package civic.exchange.standardizer.topology;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.mapping.MappingSpecs;
import civic.exchange.mapping.SpecLoader;
import civic.exchange.standardizer.SharedDatasets;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** A canonical record its topic would refuse goes to the DLQ inside the transaction, the stream goes on. */
class OversizedCanonicalRecordTest {

    private static final int MAX = 2048;

    @Test
    void aRecordOverTheCanonicalMaximumIsRejectedAndTheNextGoesThrough() {
        ExchangeCatalog catalog = ExchangeCatalog.load("classpath:" + ExchangeCatalog.DEFAULT_RESOURCE);
        MappingSpecs specs = MappingSpecs.of(SpecLoader.load(catalog.dataset("lighting", "streetlights").orElseThrow(),
                Optional.empty()).orElseThrow());
        RecordingMetrics metrics = new RecordingMetrics();
        StandardizerTopology.Settings settings = new StandardizerTopology.Settings("mock://oversized", metrics,
                Duration.ofSeconds(30), true, MAX, Duration.ofHours(1));
        try (TopologyTestDriver driver = new TopologyTestDriver(StandardizerTopology.build(catalog, specs, settings),
                TestDriverProperties.create())) {
            TestInputTopic<String, byte[]> raw = driver.createInputTopic(Topics.raw("lighting", "streetlights"),
                    new StringSerializer(), new ByteArraySerializer());
            TestOutputTopic<String, byte[]> canonical = driver.createOutputTopic(CanonicalEntity.FACILITY.topic(),
                    new StringDeserializer(), new ByteArrayDeserializer());
            TestOutputTopic<String, byte[]> dlq = driver.createOutputTopic(Topics.DLQ_STANDARDIZER,
                    new StringDeserializer(), new ByteArrayDeserializer());
            String light = SharedDatasets.streetlightKeyValuesText();
            // Every value within its own maximum, the whole over the canonical one.
            byte[] large = light.replace("Roundabouts city entrance", "x".repeat(999))
                    .replace("\"C-456-A467\"", "\"" + "c".repeat(1999) + "\"").getBytes(StandardCharsets.UTF_8);
            raw.pipeInput(new TestRecord<>("big", large, headers("big")));
            raw.pipeInput(new TestRecord<>("fine", SharedDatasets.streetlightKeyValues(), headers("fine")));

            List<TestRecord<String, byte[]>> rejected = dlq.readRecordsToList();
            assertThat(rejected).hasSize(1);
            assertThat(rejected.get(0).value()).as("the raw record, untouched").isEqualTo(large);
            assertThat(ExchangeHeaders.get(rejected.get(0).headers(), ExchangeHeaders.ERROR_CODE)).isEqualTo("RECORD_TOO_LARGE");
            assertThat(ExchangeHeaders.get(rejected.get(0).headers(), ExchangeHeaders.ERROR_MESSAGE)).contains(String.valueOf(MAX));
            List<TestRecord<String, byte[]>> written = canonical.readRecordsToList();
            assertThat(written).hasSize(1);
            assertThat(ExchangeHeaders.get(written.get(0).headers(), ExchangeHeaders.RECORD_ID)).isEqualTo("fine");
            assertThat(written.get(0).value().length).isLessThanOrEqualTo(MAX);
            assertThat(metrics.events()).containsExactly("rejected lighting/streetlights RECORD_TOO_LARGE",
                    "standardized lighting/streetlights");
        }
    }

    private static Headers headers(String recordId) {
        Headers headers = new RecordHeaders();
        ExchangeHeaders.put(headers, ExchangeHeaders.DEPARTMENT, "lighting");
        ExchangeHeaders.put(headers, ExchangeHeaders.DATASET, "streetlights");
        ExchangeHeaders.put(headers, ExchangeHeaders.RECORD_ID, recordId);
        ExchangeHeaders.put(headers, ExchangeHeaders.INGESTED_AT, "2024-03-01T12:00:00Z");
        return headers;
    }
}

package civic.exchange.standardizer.datasets;

import static civic.exchange.standardizer.datasets.StandardizerDriver.ingestHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.schema.Facility;
import civic.exchange.topics.CanonicalEntity;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSON dataset catalogued as GBK reaches its raw topic two ways: through HTTP ingest, which stores
 * JSON records as UTF-8 and says so ({@code exchange.content-type: application/json}), and straight
 * from the department's own producer, in GBK without that header. Both read as the department wrote.
 */
class GbkJsonDatasetTest {

    private static final Charset GBK = Charset.forName("GBK");

    private static final String CATALOG = """
            departments:
              - id: public-works
                publishes:
                  - {id: pumps, format: json, encoding: GBK, entity: facility}
            """;

    private static final String SPEC = """
            version: 1
            localId: {path: id}
            fields:
              type: {const: OTHER}
              status:
                path: 状态
                codes: {运行: IN_SERVICE, 检修: UNDER_MAINTENANCE}
                unknown: reject
              name: 名称
            """;

    @Test
    void recordsFromIngestAndFromTheDepartmentsProducerBothRead(@TempDir Path dir, TestInfo test) throws IOException {
        String json = "{\"id\":\"P-1\",\"名称\":\"东风泵站\",\"状态\":\"运行\"}";
        try (StandardizerDriver driver = StandardizerDriver.onboarding(dir, CATALOG, "public-works/pumps", SPEC, test)) {
            TestInputTopic<String, byte[]> raw = driver.raw("public-works", "pumps");
            Headers fromIngest = ingestHeaders("public-works", "pumps", "r-1");
            ExchangeHeaders.put(fromIngest, ExchangeHeaders.CONTENT_TYPE, "application/json");
            raw.pipeInput(new TestRecord<>(null, json.getBytes(StandardCharsets.UTF_8), fromIngest));
            raw.pipeInput(new TestRecord<>(null, json.replace("P-1", "P-2").getBytes(GBK),
                    ingestHeaders("public-works", "pumps", "r-2")));

            List<Facility> pumps = driver.canonical(CanonicalEntity.FACILITY, Facility.class).readValuesToList();
            assertThat(pumps).extracting(Facility::getName).containsExactly("东风泵站", "东风泵站");
            assertThat(driver.dlq().readRecordsToList()).isEmpty();
        }
    }
}

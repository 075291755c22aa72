package civic.exchange.connectors.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.connectors.SharedDatasets;
import civic.exchange.connectors.batch.BatchLimits;
import civic.exchange.connectors.batch.BatchRejectedException;
import civic.exchange.connectors.batch.RecordBatchParsers;
import civic.exchange.connectors.batch.json.JsonRecordBatchParser;
import civic.exchange.connectors.publish.RawRecordPublisher;
import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import civic.exchange.headers.ExchangeHeaders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class IngestHandlerTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");
    private static final String STREETLIGHT_NGSI_LD = "fiware-Streetlight-normalized-ngsild.json";
    private static final String STREETLIGHT_KEY_VALUES = "fiware-Streetlight-keyvalues.json";

    private final List<MockProducer<byte[], byte[]>> producers = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngestHandler handler = new IngestHandler(
            ExchangeCatalog.load("classpath:" + ExchangeCatalog.DEFAULT_RESOURCE),
            new RecordBatchParsers(List.of(new JsonRecordBatchParser())),
            new RawRecordPublisher(id -> {
                MockProducer<byte[], byte[]> p = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
                producers.add(p);
                return p;
            }, "ingest-test", 1, Duration.ofSeconds(1)),
            new BatchLimits(64 * 1024, 16 * 1024, 100),
            new IngestMetrics(registry),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void fiwareStreetlightGoesToTheRawTopicWithAllHeaders() {
        byte[] body = SharedDatasets.bytes(SharedDatasets.fiware(STREETLIGHT_NGSI_LD));

        IngestReceipt receipt = handler.ingest(request("lighting", "streetlights", "application/ld+json", body, null, "corr-7"));

        assertThat(receipt).isEqualTo(new IngestReceipt(1, "lighting", "streetlights", "raw.lighting.streetlights", "corr-7"));
        ProducerRecord<byte[], byte[]> record = written().get(0);
        assertThat(record.topic()).isEqualTo("raw.lighting.streetlights");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("urn:ngsi-ld:Streetlight:streetlight:guadalajara:4567");
        assertThat(header(record, ExchangeHeaders.DEPARTMENT)).isEqualTo("lighting");
        assertThat(header(record, ExchangeHeaders.DATASET)).isEqualTo("streetlights");
        assertThat(header(record, ExchangeHeaders.CORRELATION_ID)).isEqualTo("corr-7");
        assertThat(header(record, ExchangeHeaders.INGESTED_AT)).isEqualTo("2025-03-01T10:15:30Z");
        assertThat(header(record, ExchangeHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(UUID.fromString(header(record, ExchangeHeaders.RECORD_ID))).isNotNull();
        assertThat(registry.counter("exchange.ingest.records", "department", "lighting", "dataset", "streetlights").count())
                .isEqualTo(1.0);
    }

    @Test
    void recordIdsFollowFromTheRequestKeySoARetryRepeatsThem() {
        String body = "[{\"id\":\"a\"},{\"id\":\"b\"}]";

        handler.ingest(request("lighting", "streetlights", "application/json", bytes(body), "order-42", null));
        handler.ingest(request("lighting", "streetlights", "application/json", bytes(body), "order-42", null));
        handler.ingest(request("lighting", "streetlights", "application/json", bytes(body), "order-43", null));

        List<String> ids = written().stream().map(r -> header(r, ExchangeHeaders.RECORD_ID)).toList();
        assertThat(ids.subList(0, 2)).isEqualTo(ids.subList(2, 4)).doesNotHaveDuplicates();
        assertThat(ids.subList(4, 6)).doesNotContainAnyElementsOf(ids.subList(0, 2));
    }

    @Test
    void withoutARequestKeyEveryRecordGetsAFreshIdAndTheBatchOneCorrelationId() {
        IngestReceipt receipt = handler.ingest(request("lighting", "streetlights", null,
                bytes("{\"id\":\"a\"}\n{\"id\":\"b\"}"), null, null));

        assertThat(receipt.accepted()).isEqualTo(2);
        assertThat(UUID.fromString(receipt.correlationId())).isNotNull();
        assertThat(written()).extracting(r -> header(r, ExchangeHeaders.CORRELATION_ID)).containsOnly(receipt.correlationId());
        assertThat(written()).extracting(r -> header(r, ExchangeHeaders.RECORD_ID)).doesNotHaveDuplicates();
    }

    @Test
    void bothStreetlightSamplesInOneArray() {
        String body = "[" + new String(SharedDatasets.bytes(SharedDatasets.fiware(STREETLIGHT_NGSI_LD)), StandardCharsets.UTF_8)
                + "," + new String(SharedDatasets.bytes(SharedDatasets.fiware(STREETLIGHT_KEY_VALUES)), StandardCharsets.UTF_8) + "]";

        IngestReceipt receipt = handler.ingest(request("lighting", "streetlights", "application/json", bytes(body), null, null));

        assertThat(receipt.accepted()).isEqualTo(2);
        assertThat(written()).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("urn:ngsi-ld:Streetlight:streetlight:guadalajara:4567", "streetlight:guadalajara:4567");
    }

    @Test
    void unknownDepartmentIsNamed() {
        RecordRejectedException e = reject(request("no-such-dept", "streetlights", "application/json", bytes("{}"), null, null));

        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_DEPARTMENT);
        assertThat(e.getMessage()).contains("no-such-dept");
        assertThat(((BatchRejectedException) e).details()).containsEntry("department", "no-such-dept");
        assertThat(registry.counter("exchange.ingest.rejected", "code", "UNKNOWN_DEPARTMENT").count()).isEqualTo(1.0);
    }

    @Test
    void unknownDatasetOfAKnownDepartmentListsItsDatasets() {
        RecordRejectedException e = reject(request("lighting", "poles", "application/json", bytes("{}"), null, null));

        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_DATASET);
        assertThat(e.getMessage()).contains("poles").contains("streetlights");
    }

    @Test
    void aDepartmentWithoutDatasetsHasNoDatasetToIngest() {
        assertThat(reject(request("public-works", "requests", "application/json", bytes("{}"), null, null)).code())
                .isEqualTo(ErrorCode.UNKNOWN_DATASET);
    }

    @Test
    void unsupportedContentTypeIsRefusedBeforeTheBodyIsRead() {
        RecordRejectedException e = reject(new IngestRequest("lighting", "streetlights", "text/csv", -1,
                new ByteArrayInputStream(new byte[0]) {
                    @Override
                    public synchronized int read(byte[] b, int off, int len) {
                        throw new AssertionError("body read");
                    }
                }, null, null));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void aCharsetOtherThanTheDatasetsIsRefused() {
        RecordRejectedException e = reject(request("lighting", "streetlights", "application/json; charset=ISO-8859-1",
                bytes("{}"), null, null));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(e.getMessage()).contains("UTF-8").contains("ISO-8859-1");
    }

    @Test
    void theDatasetsOwnCharsetMayBeDeclared() {
        assertThat(handler.ingest(request("lighting", "streetlights", "application/json; charset=utf-8", bytes("{}"), null, null))
                .accepted()).isEqualTo(1);
    }

    @Test
    void anOversizedBodyIsRefusedFromItsDeclaredLength() {
        RecordRejectedException e = reject(new IngestRequest("lighting", "streetlights", "application/json", 64 * 1024 + 1,
                new ByteArrayInputStream(bytes("{}")), null, null));

        assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void anInvalidCorrelationIdIsRefused() {
        RecordRejectedException e = reject(request("lighting", "streetlights", "application/json", bytes("{}"), null, "has space"));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(e.field()).isEqualTo("X-Correlation-Id");
    }

    @Test
    void aRejectedBatchWritesNothing() {
        String body = "[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\" \"oops\"}]";

        RecordRejectedException e = reject(request("lighting", "streetlights", "application/json", bytes(body), null, null));

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(producers).isEmpty();
    }

    private RecordRejectedException reject(IngestRequest request) {
        RecordRejectedException e = catchThrowableOfType(RecordRejectedException.class, () -> handler.ingest(request));
        assertThat(e).isNotNull();
        assertThat(written()).isEmpty();
        return e;
    }

    private List<ProducerRecord<byte[], byte[]>> written() {
        return producers.stream().flatMap(p -> p.history().stream()).toList();
    }

    private static IngestRequest request(String department, String dataset, String type, byte[] body, String key, String correlationId) {
        return new IngestRequest(department, dataset, type, body.length, new ByteArrayInputStream(body), key, correlationId);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return ExchangeHeaders.get(record.headers(), name);
    }
}

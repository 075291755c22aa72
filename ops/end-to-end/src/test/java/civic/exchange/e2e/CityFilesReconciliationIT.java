package civic.exchange.e2e;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.ids.CanonicalIds;
import civic.exchange.schema.ServiceRequest;
import civic.exchange.serde.ExchangeAvroDeserializer;
import civic.exchange.serde.ExchangeSerdeConfig;
import civic.exchange.topics.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Whole city files through the whole bus, as the cities publish them: the Los Angeles 311 export and
 * the Perth tree inventory are posted to HTTP ingest, and every row is accounted for. Each raw record
 * ends exactly once, on its canonical topic (keyed by the id of the very row it came from) or on
 * {@code dlq.standardizer}, and the dataset's {@code quality.dataset} report says the same numbers:
 * in = canonical + DLQ = the rows of the file.
 */
class CityFilesReconciliationIT {

    /** The datasets and their spec's local id column. */
    enum CityFile {
        LOS_ANGELES_311("hotline", "myla311", "losangeles-myla311-service-requests.csv", "SRNumber"),
        PERTH_TREES("parks", "trees", "perth-trees-in-the-city.csv", "TREE_ID");

        final Dataset dataset;
        final CsvFile csv;
        final String idColumn;

        CityFile(String department, String dataset, String file, String idColumn) {
            this.dataset = ExchangeCatalog.load(SHIPPED_CATALOG).dataset(department, dataset).orElseThrow();
            this.csv = CsvFile.read(CsvFile.cityDataset(file));
            this.idColumn = idColumn;
        }

        /** The canonical key a row's record must have: the entity's deterministic id of the row's local id. */
        String canonicalKey(Map<String, String> row) {
            return CanonicalIds.of(dataset.entity(), dataset.department(), dataset.id(), row.get(idColumn).trim());
        }
    }

    /** Both files are published with 1,999 rows; a different number means the test data changed. */
    private static final int ROWS_PER_FILE = 1999;
    /** Two cities' files through three services on a shared machine: generous, but bounded. */
    private static final Duration SETTLE = Duration.ofMinutes(3);
    /** The catalog the services run with (their default). */
    private static final String SHIPPED_CATALOG = "classpath:" + ExchangeCatalog.DEFAULT_RESOURCE;
    /** The LA request types the myla311 spec links to streetlights (its link.byService). */
    private static final Set<String> STREETLIGHT_SERVICES = Set.of("Single Streetlight Issue", "Multiple Streetlight Issue");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RunningServices services;
    private static TopicReader topics;
    private static final Map<CityFile, String> CORRELATION_IDS = new EnumMap<>(CityFile.class);

    /** Posts both files before any test waits: the services work on them side by side. */
    @BeforeAll
    static void postBothFiles() throws Exception {
        services = RunningServices.shared();
        topics = new TopicReader(services.bus.bootstrapServers());
        for (CityFile file : CityFile.values()) {
            assertThat(file.csv.rows()).as(file.csv.path() + " data rows").hasSize(ROWS_PER_FILE);
            String correlationId = "reconciliation-" + file.dataset.id() + "-" + UUID.randomUUID();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(services.connectors.url("/ingest/" + file.dataset.department() + "/" + file.dataset.id())))
                    .header("Content-Type", "text/csv")
                    .header("X-Correlation-Id", correlationId)
                    .POST(HttpRequest.BodyPublishers.ofFile(file.csv.path()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            JsonNode receipt = JSON.readTree(response.body());
            assertThat(receipt.get("accepted").asInt()).isEqualTo(ROWS_PER_FILE);
            assertThat(receipt.get("topic").asText()).isEqualTo(file.dataset.rawTopic());
            CORRELATION_IDS.put(file, correlationId);
        }
    }

    @ParameterizedTest
    @EnumSource(CityFile.class)
    void everyRowEndsCanonicalOrInTheDlqExactlyOnceAndTheQualityReportSaysSo(CityFile file) {
        Reconciliation seen = settled(file);
        System.out.println(seen.summary());

        // Raw: one record per row of the file, all from this post.
        assertThat(seen.raw()).hasSize(ROWS_PER_FILE);
        assertThat(seen.raw()).allSatisfy(r -> assertThat(header(r, ExchangeHeaders.CORRELATION_ID))
                .isEqualTo(CORRELATION_IDS.get(file)));
        Map<String, ConsumerRecord<String, byte[]>> rawById = byRecordId(seen.raw());
        assertThat(rawById).as("raw record ids are unique").hasSize(ROWS_PER_FILE);

        // Every raw record exactly once: canonical or DLQ, never both, never twice, nothing else.
        List<String> outcomes = new ArrayList<>(recordIds(seen.canonical()));
        outcomes.addAll(recordIds(seen.dlq()));
        assertThat(outcomes).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(rawById.keySet());
        assertThat(seen.canonical().size() + seen.dlq().size()).isEqualTo(seen.raw().size()).isEqualTo(ROWS_PER_FILE);

        // Canonical keys: each the deterministic id of its own row; duplicates only where the file repeats an id.
        List<String> sourceIds = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> canonical : seen.canonical()) {
            Map<String, String> row = file.csv.parseRow(rawById.get(header(canonical, ExchangeHeaders.RECORD_ID)).value());
            assertThat(canonical.key()).as("key of the record of row %s", row.get(file.idColumn)).isEqualTo(file.canonicalKey(row));
            sourceIds.add(row.get(file.idColumn).trim());
        }
        long distinctKeys = seen.canonical().stream().map(ConsumerRecord::key).distinct().count();
        assertThat(distinctKeys).as("distinct canonical keys: the distinct ids of the rows they came from")
                .isEqualTo(sourceIds.stream().distinct().count());
        assertThat(file.csv.rows().stream().map(file::canonicalKey).distinct().count())
                .as("distinct canonical keys the whole file can give").isGreaterThanOrEqualTo(distinctKeys);

        // The DLQ records are the raw rows, untouched, with their reason.
        for (ConsumerRecord<String, byte[]> rejected : seen.dlq()) {
            ConsumerRecord<String, byte[]> raw = rawById.get(header(rejected, ExchangeHeaders.RECORD_ID));
            assertThat(rejected.value()).isEqualTo(raw.value());
            assertThat(header(rejected, ExchangeHeaders.ERROR_STAGE)).isEqualTo(Topics.STAGE_STANDARDIZER);
            assertThat(header(rejected, ExchangeHeaders.SOURCE_TOPIC)).isEqualTo(file.dataset.rawTopic());
            assertThat(header(rejected, ExchangeHeaders.ERROR_MESSAGE)).isNotBlank();
        }

        // The quality report: the same numbers, in = out + rejected, the codes adding up.
        JsonNode report = seen.report();
        assertThat(report.get("dataset").asText()).isEqualTo(file.dataset.qualifiedId());
        assertThat(report.get("in").asLong()).isEqualTo(seen.raw().size());
        assertThat(report.get("out").asLong()).isEqualTo(seen.canonical().size());
        assertThat(report.get("rejected").asLong()).isEqualTo(seen.dlq().size());
        assertThat(report.get("duplicates").asLong()).as("every row has its own record id").isZero();
        assertThat(report.get("in").asLong()).isEqualTo(report.get("out").asLong() + report.get("rejected").asLong());
        Map<String, Long> reportedCodes = longs(report.get("rejectedByCode"));
        assertThat(reportedCodes.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(report.get("rejected").asLong());
        assertThat(reportedCodes).isEqualTo(seen.dlqCodes());
    }

    /**
     * The shipped myla311 spec links streetlight requests to streetlights, and nothing else to
     * anything: the report's link outcomes are what the canonical requests show.
     */
    @Test
    void losAngelesStreetlightRequestsAreLinkedByServiceAndTheReportCountsEachOutcome() {
        Reconciliation seen = settled(CityFile.LOS_ANGELES_311);
        Map<String, Long> outcomes;
        try (ExchangeAvroDeserializer<ServiceRequest> avro = new ExchangeAvroDeserializer<>(ServiceRequest.class)) {
            avro.configure(Map.of(ExchangeSerdeConfig.SCHEMA_REGISTRY_URL, services.bus.schemaRegistryUrl()), false);
            List<ServiceRequest> requests = seen.canonical().stream().map(r -> avro.deserialize(r.topic(), r.value())).toList();
            assertThat(requests).filteredOn(r -> !STREETLIGHT_SERVICES.contains(r.getServiceName()))
                    .as("requests about no facility stay unlinked")
                    .isNotEmpty().allSatisfy(r -> assertThat(r.getFacilityId()).isNull());
            outcomes = requests.stream().collect(groupingBy(CityFilesReconciliationIT::linkOutcome, TreeMap::new, counting()));
        }
        assertThat(outcomes.keySet()).as("streetlight requests were searched from").containsAnyOf("NEAREST", "NONE_IN_RADIUS");
        assertThat(longs(seen.report().get("links"))).isEqualTo(outcomes);
    }

    /** What the standardizer's linker must have concluded for a canonical request of the myla311 spec. */
    private static String linkOutcome(ServiceRequest request) {
        if (!STREETLIGHT_SERVICES.contains(request.getServiceName())) {
            return "NO_COMPATIBLE_TYPE";
        }
        if (request.getLocation() == null) {
            return "NO_LOCATION";
        }
        return request.getFacilityId() != null ? "NEAREST" : "NONE_IN_RADIUS";
    }

    /**
     * The dataset's records on the bus once the standardizer has accounted for every row posted:
     * read until the outputs and the latest report cover the rows (they are written in one
     * transaction, the report a moment later); what they then say is asserted by the caller.
     */
    private static Reconciliation settled(CityFile file) {
        AtomicReference<Reconciliation> last = new AtomicReference<>();
        try {
            return await(file.dataset.qualifiedId() + " reconciled").atMost(SETTLE).pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        last.set(read(file));
                        return last.get();
                    }, seen -> seen.raw().size() >= ROWS_PER_FILE
                            && seen.canonical().size() + seen.dlq().size() >= ROWS_PER_FILE
                            && seen.report() != null && seen.report().get("in").asLong() >= ROWS_PER_FILE);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Not reconciled within " + SETTLE + "; last seen: "
                    + (last.get() == null ? "nothing" : last.get().summary()), e);
        }
    }

    private static Reconciliation read(CityFile file) throws Exception {
        Dataset dataset = file.dataset;
        List<ConsumerRecord<String, byte[]>> raw = topics.readAll(dataset.rawTopic());
        List<ConsumerRecord<String, byte[]>> canonical = topics.readAll(dataset.canonicalTopic()).stream()
                .filter(r -> of(dataset, r)).toList();
        List<ConsumerRecord<String, byte[]>> dlq = topics.readAll(Topics.DLQ_STANDARDIZER).stream()
                .filter(r -> of(dataset, r)).toList();
        // quality.dataset is keyed by dataset: the latest record of the key is the latest report.
        JsonNode report = null;
        for (ConsumerRecord<String, byte[]> r : topics.readAll(Topics.QUALITY_DATASET)) {
            if (dataset.qualifiedId().equals(r.key())) {
                report = JSON.readTree(r.value());
            }
        }
        return new Reconciliation(dataset.qualifiedId(), raw, canonical, dlq, report);
    }

    private static boolean of(Dataset dataset, ConsumerRecord<String, byte[]> record) {
        return dataset.department().equals(header(record, ExchangeHeaders.DEPARTMENT))
                && dataset.id().equals(header(record, ExchangeHeaders.DATASET));
    }

    private record Reconciliation(String dataset, List<ConsumerRecord<String, byte[]>> raw,
                                  List<ConsumerRecord<String, byte[]>> canonical,
                                  List<ConsumerRecord<String, byte[]>> dlq, JsonNode report) {

        Map<String, Long> dlqCodes() {
            return dlq.stream().collect(groupingBy(r -> header(r, ExchangeHeaders.ERROR_CODE), TreeMap::new, counting()));
        }

        /** One line for the CI log: what the bus holds for the dataset and what its report says. */
        String summary() {
            long distinct = canonical.stream().map(ConsumerRecord::key).distinct().count();
            String quality = report == null ? "no quality.dataset report yet"
                    : "quality.dataset in=" + report.path("in") + " out=" + report.path("out") + " rejected=" + report.path("rejected")
                    + " rejectedByCode=" + report.path("rejectedByCode") + " links=" + report.path("links");
            return "[reconciliation] " + dataset + ": raw " + raw.size() + ", canonical " + canonical.size()
                    + " (" + distinct + " distinct keys), DLQ " + dlq.size() + " " + dlqCodes() + "; " + quality;
        }
    }

    private static Map<String, ConsumerRecord<String, byte[]>> byRecordId(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, ConsumerRecord<String, byte[]>> byId = new TreeMap<>();
        records.forEach(r -> byId.put(header(r, ExchangeHeaders.RECORD_ID), r));
        return byId;
    }

    private static List<String> recordIds(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> header(r, ExchangeHeaders.RECORD_ID)).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return ExchangeHeaders.get(record.headers(), name);
    }

    private static Map<String, Long> longs(JsonNode object) {
        Map<String, Long> values = new TreeMap<>();
        object.properties().forEach(e -> values.put(e.getKey(), e.getValue().asLong()));
        return values;
    }
}

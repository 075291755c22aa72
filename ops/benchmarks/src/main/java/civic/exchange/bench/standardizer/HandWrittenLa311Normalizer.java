package civic.exchange.bench.standardizer;

import civic.exchange.errors.ErrorCode;
import civic.exchange.headers.CsvHeaderRecords;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.ids.CanonicalIds;
import civic.exchange.schema.GeoPoint;
import civic.exchange.schema.ServiceRequest;
import civic.exchange.schema.ServiceRequestStatus;
import civic.exchange.schema.SourceReference;
import civic.exchange.serde.ExchangeAvroSerde;
import civic.exchange.topics.CanonicalEntity;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Variant (d) for CSV rows: what an expert writes for the MyLA311 export without the mapping engine:
 * jackson-dataformat-csv → generated Avro builder, the fields and attributes of
 * {@code mappings/hotline/myla311.yaml}, bad rows to the DLQ.
 */
final class HandWrittenLa311Normalizer {

    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    private static final DateTimeFormatter DATES = DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.ROOT);
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final Map<String, ServiceRequestStatus> STATUS = Map.of(
            "Open", ServiceRequestStatus.OPEN, "Pending", ServiceRequestStatus.IN_PROGRESS,
            "In Progress", ServiceRequestStatus.IN_PROGRESS, "Forwarded", ServiceRequestStatus.IN_PROGRESS,
            "Closed", ServiceRequestStatus.CLOSED, "Referred Out", ServiceRequestStatus.CLOSED,
            "Cancelled", ServiceRequestStatus.CANCELLED);
    private static final String[][] ATTRIBUTES = {
            {"actionTaken", "ActionTaken"}, {"assignedTo", "AssignTo"}, {"mobileOs", "MobileOS"}, {"anonymous", "Anonymous"},
            {"addressVerified", "AddressVerified"}, {"approximateAddress", "ApproximateAddress"}, {"houseNumber", "HouseNumber"},
            {"direction", "Direction"}, {"streetName", "StreetName"}, {"streetSuffix", "Suffix"}, {"zipCode", "ZipCode"},
            {"thomasBrosPage", "TBMPage"}, {"thomasBrosColumn", "TBMColumn"}, {"thomasBrosRow", "TBMRow"},
            {"areaPlanningCommission", "APC"}, {"councilDistrict", "CD"}, {"councilMember", "CDMember"},
            {"neighborhoodCouncil", "NC"}, {"neighborhoodCouncilName", "NCName"}, {"policePrecinct", "PolicePrecinct"}};

    private HandWrittenLa311Normalizer() {
    }

    static Topology build(String input, String output, String dlq, String registryUrl, ProcessedCounter counter) {
        return HandWrittenNormalizer.topology(input, output, dlq, ServiceRequest.class,
                ExchangeAvroSerde.forValues(ServiceRequest.class, registryUrl), () -> new Normalize(counter));
    }

    private static final class Normalize extends HandWrittenNormalizer<ServiceRequest> {
        /** Column positions by name, resolved once per distinct header row. */
        private byte[] headerBytes;
        private Map<String, Integer> columns;

        Normalize(ProcessedCounter counter) {
            super(counter, ErrorCode.MALFORMED_CSV, ServiceRequest::getId);
        }

        @Override
        ServiceRequest normalize(Record<byte[], byte[]> record, RecordMetadata meta) throws IOException {
            String[] row = parse(record.value());
            columns(record);
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("row has " + row.length + " columns, header " + columns.size());
            }
            return normalize(row, record, meta);
        }

        /** Header rows of the CSV header records read, by id: ingest writes a file's header row once per partition. */
        private final Map<String, byte[]> headerRows = new HashMap<>();

        @Override
        boolean keep(Record<byte[], byte[]> record) {
            if (!CsvHeaderRecords.isHeaderRecord(record.headers())) {
                return false;
            }
            headerRows.put(ExchangeHeaders.get(record.headers(), ExchangeHeaders.CSV_HEADER_ID), record.value());
            return true;
        }

        private void columns(Record<byte[], byte[]> record) throws IOException {
            Header inline = record.headers().lastHeader(ExchangeHeaders.CSV_HEADER_ROW);
            byte[] header = inline != null ? inline.value()
                    : headerRows.get(ExchangeHeaders.get(record.headers(), ExchangeHeaders.CSV_HEADER_ID));
            if (header == null) {
                throw new IllegalArgumentException("no header row");
            }
            if (headerBytes == null || !java.util.Arrays.equals(headerBytes, header)) {
                String[] names = parse(header);
                Map<String, Integer> positions = new HashMap<>();
                for (int i = 0; i < names.length; i++) {
                    positions.put(names[i].replace("\uFEFF", "").trim(), i);
                }
                headerBytes = header;
                columns = positions;
            }
        }

        private static String[] parse(byte[] line) throws IOException {
            try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).readValues(new String(line, StandardCharsets.UTF_8))) {
                return rows.next();
            }
        }

        private String text(String[] row, String column) {
            String value = row[columns.get(column)].trim();
            return value.isEmpty() ? null : value;
        }

        private Instant date(String[] row, String column) {
            String value = text(row, column);
            return value == null ? null : LocalDateTime.parse(value, DATES).atZone(LA).toInstant();
        }

        private ServiceRequest normalize(String[] row, Record<byte[], byte[]> record, RecordMetadata meta) {
            String localId = text(row, "SRNumber");
            if (localId == null) {
                throw new IllegalArgumentException("SRNumber is required");
            }
            ServiceRequestStatus status = STATUS.getOrDefault(text(row, "Status"), ServiceRequestStatus.UNKNOWN);
            GeoPoint location = null;
            String lat = text(row, "Latitude");
            String lon = text(row, "Longitude");
            if (lat != null && lon != null) {
                double la = Double.parseDouble(lat);
                double lo = Double.parseDouble(lon);
                if (la < -90 || la > 90 || lo < -180 || lo > 180) {
                    throw new IllegalArgumentException("location out of range");
                }
                location = new GeoPoint(la, lo);
            }
            Map<String, String> attributes = new HashMap<>();
            for (String[] a : ATTRIBUTES) {
                String value = text(row, a[1]);
                if (value != null) {
                    attributes.put(a[0], value);
                }
            }
            return ServiceRequest.newBuilder()
                    .setId(CanonicalIds.of(CanonicalEntity.SERVICE_REQUEST, "hotline", "myla311", localId))
                    .setStatus(status)
                    .setServiceName(text(row, "RequestType"))
                    .setAgencyResponsible(text(row, "Owner"))
                    .setChannel(text(row, "RequestSource"))
                    .setRequestedAt(date(row, "CreatedDate"))
                    .setUpdatedAt(date(row, "UpdatedDate"))
                    .setExpectedAt(date(row, "ServiceDate"))
                    .setClosedAt(date(row, "ClosedDate"))
                    .setAddress(text(row, "Address"))
                    .setLocation(location)
                    .setSource(new SourceReference("hotline", "myla311", localId))
                    .setAttributes(attributes)
                    .setProvenance(provenance("hotline", "myla311", record, meta))
                    .build();
        }
    }
}

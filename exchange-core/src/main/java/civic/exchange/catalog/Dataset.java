package civic.exchange.catalog;

import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import java.nio.charset.Charset;
import java.util.List;

/**
 * A dataset a department publishes: where its raw records go, how they are encoded, and which
 * mapping spec turns them into which canonical entity.
 *
 * @param department  owning department id
 * @param id          dataset id, unique within the department
 * @param description what the dataset holds
 * @param format      how its raw records are written
 * @param encoding    character set of raw payloads
 * @param entity      canonical entity it maps to
 * @param mapping     id of the mapping spec the standardizer applies
 * @param csv         how a {@code csv} dataset's rows are written ({@link CsvLayout#DEFAULT} for other formats)
 * @param key         the column (csv) or member paths that name each record, with fallbacks in order
 *                    ({@code [service_request_id, token]}); empty when the mapping spec builds the id
 */
public record Dataset(String department, String id, String description, DatasetFormat format, Charset encoding,
                      CanonicalEntity entity, String mapping, CsvLayout csv, List<MemberPath> key) {

    public Dataset {
        key = List.copyOf(key);
    }

    /** A dataset whose spec builds each record's id itself. */
    public Dataset(String department, String id, String description, DatasetFormat format, Charset encoding,
                   CanonicalEntity entity, String mapping, CsvLayout csv) {
        this(department, id, description, format, encoding, entity, mapping, csv, List.of());
    }

    /** A dataset whose CSV rows, if it has any, are laid out as {@link CsvLayout#DEFAULT}. */
    public Dataset(String department, String id, String description, DatasetFormat format, Charset encoding,
                   CanonicalEntity entity, String mapping) {
        this(department, id, description, format, encoding, entity, mapping, CsvLayout.DEFAULT);
    }

    /** A dataset whose CSV rows have a header row and this column separator. */
    public Dataset(String department, String id, String description, DatasetFormat format, Charset encoding,
                   CanonicalEntity entity, String mapping, char delimiter) {
        this(department, id, description, format, encoding, entity, mapping, CsvLayout.delimitedBy(delimiter));
    }

    /** The column separator of its CSV rows. */
    public char delimiter() {
        return csv.delimiter();
    }

    public String rawTopic() {
        return Topics.raw(department, id);
    }

    public String canonicalTopic() {
        return entity.topic();
    }

    /** "department/dataset", the key used in logs, specs and metrics. */
    public String qualifiedId() {
        return department + "/" + id;
    }
}

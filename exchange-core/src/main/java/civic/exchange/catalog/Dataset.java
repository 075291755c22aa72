package civic.exchange.catalog;

import civic.exchange.topics.Topics;
import java.nio.charset.Charset;

/**
 * A dataset a department publishes: where its raw records go, how they are encoded, and which
 * mapping spec turns them into which canonical entity.
 *
 * @param department  owning department id
 * @param id          dataset id, unique within the department
 * @param description what the dataset holds
 * @param format      raw format, e.g. {@code ngsi-ld}, {@code json}, {@code csv}
 * @param encoding    character set of raw payloads
 * @param entity      canonical entity it maps to, e.g. {@code facility}
 * @param mapping     id of the mapping spec the standardizer applies
 * @param delimiter   column separator of a {@code csv} dataset's rows ({@code ,} unless the catalog says otherwise)
 */
public record Dataset(String department, String id, String description, String format, Charset encoding,
                      String entity, String mapping, char delimiter) {

    public static final char DEFAULT_DELIMITER = ',';

    /** A dataset whose CSV rows, if it has any, are comma-separated. */
    public Dataset(String department, String id, String description, String format, Charset encoding,
                   String entity, String mapping) {
        this(department, id, description, format, encoding, entity, mapping, DEFAULT_DELIMITER);
    }

    public String rawTopic() {
        return Topics.raw(department, id);
    }

    public String canonicalTopic() {
        return Topics.canonical(entity);
    }

    /** "department/dataset", the key used in logs, specs and metrics. */
    public String qualifiedId() {
        return department + "/" + id;
    }
}

package civic.exchange.catalog;

import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The exchange catalog: which departments are on the bus, what each publishes, what each reads.
 * Loaded from one YAML file (see {@code catalog/exchange-catalog.yaml}); every topic name, ACL and
 * mapping follows from it.
 */
public final class ExchangeCatalog {

    /** Classpath location of the catalog shipped with the bus. */
    public static final String DEFAULT_RESOURCE = "catalog/exchange-catalog.yaml";

    /** Charsets that pick their byte order from a mark at the start of the text. */
    private static final Set<String> BYTE_ORDER_SNIFFING = Set.of("UTF-16", "UTF-32");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String source;
    private final Map<String, Department> departments;

    private ExchangeCatalog(String source, Map<String, Department> departments) {
        this.source = source;
        this.departments = departments;
    }

    /** Loads the catalog at {@code location}: a file path, or {@code classpath:<resource>}. */
    public static ExchangeCatalog load(String location) {
        if (location == null || location.isBlank() || location.equals("classpath:" + DEFAULT_RESOURCE)) {
            return fromClasspath(DEFAULT_RESOURCE);
        }
        if (location.startsWith("classpath:")) {
            return fromClasspath(location.substring("classpath:".length()));
        }
        return load(Path.of(location));
    }

    public static ExchangeCatalog load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw new CatalogException("Cannot read exchange catalog " + file + ": " + e.getMessage(), e);
        }
    }

    public static ExchangeCatalog fromClasspath(String resource) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
        if (in == null) {
            in = ExchangeCatalog.class.getClassLoader().getResourceAsStream(resource);
        }
        if (in == null) {
            throw new CatalogException("Exchange catalog not found on the classpath: " + resource);
        }
        try (InputStream stream = in) {
            return load(stream, "classpath:" + resource);
        } catch (IOException e) {
            throw new CatalogException("Cannot read exchange catalog " + resource + ": " + e.getMessage(), e);
        }
    }

    public static ExchangeCatalog load(InputStream in, String sourceName) {
        CatalogFile file;
        try {
            file = YAML.readValue(in, CatalogFile.class);
        } catch (IOException e) {
            throw new CatalogException("Invalid exchange catalog " + sourceName + ": " + e.getMessage(), e);
        }
        if (file == null || file.departments == null || file.departments.isEmpty()) {
            throw new CatalogException("Exchange catalog " + sourceName + " lists no departments");
        }
        Map<String, Department> departments = new LinkedHashMap<>();
        for (DepartmentEntry d : file.departments) {
            String where = sourceName + ", department '" + d.id + "'";
            requireId(d.id, "department id", where);
            if (departments.containsKey(d.id)) {
                throw new CatalogException(where + ": declared twice");
            }
            List<Dataset> datasets = new ArrayList<>();
            for (DatasetEntry ds : d.publishes) {
                String dsWhere = where + ", dataset '" + ds.id + "'";
                requireId(ds.id, "dataset id", dsWhere);
                if (datasets.stream().anyMatch(x -> x.id().equals(ds.id))) {
                    throw new CatalogException(dsWhere + ": declared twice");
                }
                DatasetFormat format = DatasetFormat.byId(ds.format).orElseThrow(() -> new CatalogException(
                        dsWhere + ": format '" + ds.format + "' is not one of " + DatasetFormat.ids()));
                CanonicalEntity entity = CanonicalEntity.byId(ds.entity).orElseThrow(() -> new CatalogException(
                        dsWhere + ": entity '" + ds.entity + "' is not one of " + CanonicalEntity.ids()));
                Charset charset;
                try {
                    charset = ds.encoding == null ? StandardCharsets.UTF_8 : Charset.forName(ds.encoding);
                } catch (RuntimeException e) {
                    throw new CatalogException(dsWhere + ": unknown encoding '" + ds.encoding + "'");
                }
                if (BYTE_ORDER_SNIFFING.contains(charset.name())) {
                    // Each raw record is decoded on its own, and only the file's first bytes carry the mark.
                    throw new CatalogException(dsWhere + ": encoding '" + ds.encoding + "' depends on a byte-order mark that "
                            + "only the start of a file carries; declare the byte order, e.g. " + charset.name() + "LE "
                            + "(Excel's Unicode text) or " + charset.name() + "BE");
                }
                String mapping = ds.mapping == null ? d.id + "/" + ds.id : ds.mapping;
                datasets.add(new Dataset(d.id, ds.id, ds.description, format, charset, entity, mapping,
                        delimiter(ds, format, dsWhere)));
            }
            for (String topic : d.subscribes) {
                if (Topics.subscribable(topic).isEmpty()) {
                    throw new CatalogException(where + ": may subscribe only to the canonical.<entity> or restricted.<entity> "
                            + "topic of an entity in " + CanonicalEntity.ids() + ", not '" + topic + "'");
                }
            }
            departments.put(d.id, new Department(d.id, d.name == null ? d.id : d.name, datasets, d.subscribes));
        }
        return new ExchangeCatalog(sourceName, Map.copyOf(departments));
    }

    /** The column separator of a csv dataset: one character, not a quote or a line break. */
    private static char delimiter(DatasetEntry ds, DatasetFormat format, String where) {
        if (ds.delimiter == null) {
            return Dataset.DEFAULT_DELIMITER;
        }
        if (format != DatasetFormat.CSV) {
            throw new CatalogException(where + ": 'delimiter' applies to csv datasets only");
        }
        if (ds.delimiter.length() != 1 || "\"\r\n".indexOf(ds.delimiter.charAt(0)) >= 0) {
            throw new CatalogException(where + ": delimiter '" + ds.delimiter
                    + "' must be one character, not a quote or a line break (e.g. ';' or \"\\t\" for tabs)");
        }
        return ds.delimiter.charAt(0);
    }

    private static void requireId(String id, String what, String where) {
        if (!Topics.isValidId(id)) {
            throw new CatalogException(where + ": " + what + " '" + id + "' must be lower-case letters, digits and dashes");
        }
    }

    public String source() {
        return source;
    }

    public Optional<Department> department(String id) {
        return Optional.ofNullable(id == null ? null : departments.get(id));
    }

    public Optional<Dataset> dataset(String department, String dataset) {
        return department(department).flatMap(d -> d.dataset(dataset));
    }

    public Collection<Department> departments() {
        return departments.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    public List<Dataset> datasets() {
        return departments().stream().flatMap(d -> d.publishes().stream()).toList();
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    static final class CatalogFile {
        @JsonProperty("departments")
        public List<DepartmentEntry> departments = List.of();
    }

    static final class DepartmentEntry {
        public String id;
        public String name;
        public List<DatasetEntry> publishes = List.of();
        public List<String> subscribes = List.of();
    }

    static final class DatasetEntry {
        public String id;
        public String description;
        public String format;
        public String encoding;
        public String entity;
        public String mapping;
        public String delimiter;
    }
}

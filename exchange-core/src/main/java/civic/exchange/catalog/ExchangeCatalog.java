package civic.exchange.catalog;

import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
            .registerModule(new SimpleModule("catalog-locations").setDeserializerModifier(new LocatingModifier()))
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
            String where = sourceName + ":" + d.line + ": department '" + d.id + "'";
            requireId(d.id, "department id", where);
            if (departments.containsKey(d.id)) {
                throw new CatalogException(where + ": declared twice");
            }
            List<Dataset> datasets = new ArrayList<>();
            for (DatasetEntry ds : d.publishes) {
                String dsWhere = sourceName + ":" + ds.line + ": department '" + d.id + "', dataset '" + ds.id + "'";
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
                        csvLayout(ds, format, dsWhere), key(ds, format, dsWhere)));
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

    /**
     * How a csv dataset's rows are written: {@code delimiter} (one character, not a line break),
     * {@code quote} and {@code escape} (one character, or {@code none}), and for a file without a
     * header row {@code header: false} with its {@code columns}. Other formats take none of these.
     */
    private static CsvLayout csvLayout(DatasetEntry ds, DatasetFormat format, String where) {
        if (format != DatasetFormat.CSV) {
            Map<String, Object> csvOptions = new LinkedHashMap<>();
            csvOptions.put("delimiter", ds.delimiter);
            csvOptions.put("quote", ds.quote);
            csvOptions.put("escape", ds.escape);
            csvOptions.put("header", ds.header);
            csvOptions.put("columns", ds.columns);
            csvOptions.values().removeIf(Objects::isNull);
            if (!csvOptions.isEmpty()) {
                throw new CatalogException(where + ": " + csvOptions.keySet() + " apply to csv datasets only");
            }
            return CsvLayout.DEFAULT;
        }
        char delimiter = ds.delimiter == null ? CsvLayout.DEFAULT.delimiter() : character(ds.delimiter, "delimiter", where, false,
                " (e.g. ';' or \"\\t\" for tabs)");
        Character quote = ds.quote == null ? CsvLayout.DEFAULT.quote() : character(ds.quote, "quote", where, true, "");
        Character escape = ds.escape == null ? null : character(ds.escape, "escape", where, true, "");
        if (quote != null && quote == delimiter || escape != null && (escape == delimiter || escape.equals(quote))) {
            throw new CatalogException(where + ": the delimiter, quote and escape characters must differ");
        }
        List<String> columns = ds.columns == null ? List.of() : ds.columns;
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (column == null || column.isBlank() || !seen.add(column)) {
                throw new CatalogException(where + ": " + (column == null || column.isBlank() ? "a column needs a name"
                        : "column '" + column + "' is named twice"));
            }
        }
        boolean header = ds.header == null ? columns.isEmpty() : ds.header;
        if (header && !columns.isEmpty()) {
            throw new CatalogException(where + ": a file with a header row names its own columns: drop 'columns', or say 'header: false'");
        }
        if (!header && columns.isEmpty()) {
            throw new CatalogException(where + ": without a header row the catalog must name the columns, in file order: 'columns: [...]'");
        }
        return new CsvLayout(delimiter, quote, escape, columns);
    }

    /** {@code key}: one path, or a list tried in order; a csv dataset's are column names. */
    private static List<MemberPath> key(DatasetEntry ds, DatasetFormat format, String where) {
        if (ds.key == null) {
            return List.of();
        }
        List<?> texts = ds.key instanceof List<?> list ? list : List.of(ds.key);
        if (texts.isEmpty() || texts.stream().anyMatch(p -> !(p instanceof String))) {
            throw new CatalogException(where + ": key '" + ds.key + "' must name the column or member of each record's"
                    + " own id, or list them in the order to try");
        }
        List<MemberPath> paths = new ArrayList<>();
        for (Object text : texts) {
            MemberPath path;
            try {
                path = MemberPath.parse((String) text);
            } catch (IllegalArgumentException e) {
                throw new CatalogException(where + ": key: " + e.getMessage());
            }
            if (format == DatasetFormat.CSV && path.column().isEmpty()) {
                throw new CatalogException(where + ": key '" + text + "' of a csv dataset names a column, not a nested"
                        + " member (a dot in a column name is written '\\.')");
            }
            paths.add(path);
        }
        return paths;
    }

    /** One character (not a line break); with {@code noneAllowed}, {@code none} or an empty text means none. */
    private static Character character(String text, String key, String where, boolean noneAllowed, String example) {
        if (noneAllowed && (text.isEmpty() || text.equals("none"))) {
            return null;
        }
        if (text.length() != 1 || text.charAt(0) == '\n' || text.charAt(0) == '\r') {
            throw new CatalogException(where + ": " + key + " '" + text + "' must be one character, not a line break"
                    + (noneAllowed ? ", or 'none'" : "") + example);
        }
        return text.charAt(0);
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

    /** A catalog entry that remembers the line it starts on, so a refusal can say where. */
    abstract static class Located {
        @JsonIgnore
        int line;
    }

    /** Gives each {@link Located} entry the line its YAML starts on. */
    private static final class LocatingModifier extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                      JsonDeserializer<?> deserializer) {
            return Located.class.isAssignableFrom(description.getBeanClass()) ? new Locating(deserializer) : deserializer;
        }
    }

    private static final class Locating extends DelegatingDeserializer {
        Locating(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Locating(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            int line = parser.currentTokenLocation().getLineNr();
            Object entry = super.deserialize(parser, context);
            ((Located) entry).line = line;
            return entry;
        }
    }

    static final class DepartmentEntry extends Located {
        public String id;
        public String name;
        public List<DatasetEntry> publishes = List.of();
        public List<String> subscribes = List.of();
    }

    static final class DatasetEntry extends Located {
        public String id;
        public String description;
        public String format;
        public String encoding;
        public String entity;
        public String mapping;
        public String delimiter;
        public String quote;
        public String escape;
        public Boolean header;
        public List<String> columns;
        /** A path or a list of paths. */
        public Object key;
    }
}

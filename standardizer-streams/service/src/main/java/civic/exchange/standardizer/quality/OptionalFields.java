package civic.exchange.standardizer.quality;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The optional fields of a canonical record (those whose schema admits null), whose completeness
 * the quality reports measure. Read from the generated class's schema, so a field added to the
 * canonical schema is measured without a change here.
 */
public final class OptionalFields {

    /** @param position the field's position in the record, for {@link SpecificRecord#get(int)} */
    public record Field(String name, int position) {
    }

    private final List<Field> fields;

    private OptionalFields(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    public static OptionalFields of(Class<? extends SpecificRecord> type) {
        Schema schema = SpecificData.get().getSchema(type);
        List<Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            if (field.schema().isNullable()) {
                fields.add(new Field(field.name(), field.pos()));
            }
        }
        return new OptionalFields(fields);
    }

    public List<Field> fields() {
        return fields;
    }

    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }
}

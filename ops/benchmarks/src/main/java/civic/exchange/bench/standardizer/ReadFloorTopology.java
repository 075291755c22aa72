package civic.exchange.bench.standardizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Variant (e): the pass-through, plus Jackson's tokenizer run over every record: every token read
 * and, unless only tokens are asked for, every text and number value made; no tree, no output.
 * Whatever standardizes a record with Jackson pays at least this much, so (e)/(a) bounds what any
 * such normalizer can reach against (a).
 */
final class ReadFloorTopology {

    private static final JsonFactory JSON = new JsonFactory();
    private static final CsvMapper CSV = new CsvMapper();

    private ReadFloorTopology() {
    }

    /** @param values make every value (a normalizer reads most), or only find the tokens */
    static Topology build(String input, String output, boolean csv, boolean values, ProcessedCounter counter) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("floor-source"))
                .peek((k, v) -> {
                    counter.consume(read(v, csv, values));
                    counter.hit();
                }, Named.as("floor-read"))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("floor-sink"));
        return builder.build();
    }

    /** Reads every token (and value) of one record; returns a digest of them so the JIT cannot drop the work. */
    static long read(byte[] value, boolean csv, boolean values) {
        try (JsonParser parser = csv ? CSV.getFactory().createParser(value) : JSON.createParser(value)) {
            if (csv) {
                ((CsvParser) parser).enable(CsvParser.Feature.WRAP_AS_ARRAY);
            }
            long digest = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                digest += !values ? token.ordinal() : switch (token) {
                    case FIELD_NAME -> parser.currentName().length();
                    case VALUE_STRING -> parser.getText().length();
                    case VALUE_NUMBER_INT -> parser.getLongValue();
                    case VALUE_NUMBER_FLOAT -> parser.getDecimalValue().scale();
                    default -> token.ordinal();
                };
            }
            return digest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

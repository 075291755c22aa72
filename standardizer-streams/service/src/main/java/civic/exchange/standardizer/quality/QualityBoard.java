package civic.exchange.standardizer.quality;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest {@code quality.dataset} report of every dataset, as the topic's records arrive: what
 * the quality page and {@code GET /quality} show. A tombstone takes the dataset off the board; a
 * record that is not a report is skipped (and logged), never fatal.
 */
public final class QualityBoard {

    private static final Logger LOG = LoggerFactory.getLogger(QualityBoard.class);

    private final Deserializer<DatasetQuality> reports = new JsonSerde<>(DatasetQuality.class).deserializer();
    private final Map<String, DatasetQuality> latest = new ConcurrentSkipListMap<>();

    /** One record of {@code quality.dataset}: key {@code department/dataset}, JSON report or null. */
    public void accept(String topic, String key, byte[] value) {
        if (key == null) {
            LOG.warn("Skipped a {} record without a key", topic);
            return;
        }
        if (value == null) {
            latest.remove(key);
            return;
        }
        DatasetQuality report;
        try {
            report = reports.deserialize(topic, value);
        } catch (SerializationException e) {
            LOG.warn("Skipped a {} record for {} that is not a quality report: {}", topic, key, e.getMessage());
            return;
        }
        latest.put(key, report);
    }

    /** Every dataset's latest report, by dataset id. */
    public List<DatasetQuality> all() {
        return List.copyOf(latest.values());
    }

    public Optional<DatasetQuality> of(String dataset) {
        return Optional.ofNullable(latest.get(dataset));
    }
}

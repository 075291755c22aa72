package civic.exchange.bench.standardizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Kafka Streams client settings the standardizer service runs with ({@code kafka-streams.*} in
 * its {@code application.properties}), so that every variant drains with the same client tuning
 * the service has. What the driver decides per variant (processing guarantee, commit interval,
 * threads, replication) is left out.
 */
final class ServiceStreamsSettings {

    private static final String PREFIX = "kafka-streams.";
    private static final Set<String> PER_VARIANT = Set.of("processing.guarantee", "commit.interval.ms",
            "num.stream.threads", "replication.factor", "state.dir", "application.id", "bootstrap.servers");

    private ServiceStreamsSettings() {
    }

    static Map<String, String> load() {
        try {
            for (URL url : Collections.list(ServiceStreamsSettings.class.getClassLoader().getResources("application.properties"))) {
                if (!url.toString().contains("standardizer-streams")) {
                    continue;
                }
                Properties properties = new Properties();
                try (InputStream in = url.openStream()) {
                    properties.load(in);
                }
                Map<String, String> settings = new TreeMap<>();
                properties.stringPropertyNames().stream()
                        .filter(key -> key.startsWith(PREFIX))
                        .filter(key -> !PER_VARIANT.contains(key.substring(PREFIX.length())))
                        .forEach(key -> settings.put(key.substring(PREFIX.length()), properties.getProperty(key)));
                return settings;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("The standardizer's application.properties is not on the class path");
    }
}

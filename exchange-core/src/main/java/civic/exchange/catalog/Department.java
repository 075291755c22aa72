package civic.exchange.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A department on the bus: a principal that publishes its own datasets and subscribes to
 * canonical topics.
 *
 * @param id          department id, e.g. {@code lighting}
 * @param name        display name
 * @param publishes   datasets it owns
 * @param subscribes  canonical topics it reads
 */
public record Department(String id, String name, List<Dataset> publishes, List<String> subscribes) {

    public Department {
        publishes = List.copyOf(publishes);
        subscribes = List.copyOf(subscribes);
    }

    public Optional<Dataset> dataset(String datasetId) {
        return publishes.stream().filter(d -> d.id().equals(datasetId)).findFirst();
    }
}

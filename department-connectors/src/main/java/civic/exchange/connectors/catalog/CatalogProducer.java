package civic.exchange.connectors.catalog;

import civic.exchange.catalog.ExchangeCatalog;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The exchange catalog, loaded once at start-up so that a broken catalog stops the service at once. */
@ApplicationScoped
public class CatalogProducer {

    @Produces
    @Singleton
    @Startup
    ExchangeCatalog catalog(@ConfigProperty(name = "exchange.catalog.location",
            defaultValue = "classpath:" + ExchangeCatalog.DEFAULT_RESOURCE) String location) {
        return ExchangeCatalog.load(location);
    }
}

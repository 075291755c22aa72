package civic.exchange.connectors.batch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Collects every {@link RecordBatchParser} bean, so a new body format is one new bean. */
@ApplicationScoped
public class ParsersProducer {

    @Produces
    @Singleton
    RecordBatchParsers parsers(@Any Instance<RecordBatchParser> parsers) {
        return new RecordBatchParsers(parsers.stream().toList());
    }
}

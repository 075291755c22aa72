package civic.exchange.mapping;

import civic.exchange.catalog.CatalogException;
import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.mapping.api.SpecException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads a catalog and compiles every spec it names, as the services will at start, and says what
 * is wrong with file, line and field, before anything starts: {@code ops/bus up} runs it first.
 *
 * <pre>java civic.exchange.mapping.ConfigCheck [--catalog FILE] [--specs DIR]</pre>
 *
 * Exit status 0 when the configuration loads, 1 with the reason when it does not, 2 on bad arguments.
 */
public final class ConfigCheck {

    private ConfigCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String catalogLocation = null;
        Optional<Path> specs = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length || !(args[i].equals("--catalog") || args[i].equals("--specs"))) {
                err.println("usage: ConfigCheck [--catalog FILE] [--specs DIR]");
                return 2;
            }
            if (args[i].equals("--catalog")) {
                catalogLocation = args[++i];
            } else {
                specs = Optional.of(Path.of(args[++i]));
            }
        }
        try {
            ExchangeCatalog catalog = ExchangeCatalog.load(catalogLocation);
            MappingSpecs compiled = SpecLoader.load(catalog, specs);
            List<String> without = catalog.datasets().stream().filter(d -> compiled.find(d).isEmpty())
                    .map(Dataset::qualifiedId).toList();
            out.println("Configuration loads: catalog " + catalog.source() + ", " + catalog.datasets().size()
                    + " datasets, " + compiled.all().size() + " with a compiled spec"
                    + (without.isEmpty() ? "" : "; without a spec (not standardized): " + without));
            return 0;
        } catch (CatalogException | SpecException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}

package civic.exchange.mapping;

import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.mapping.api.SpecException;
import civic.exchange.mapping.api.SpecLocation;
import civic.exchange.mapping.spec.SpecNode;
import civic.exchange.mapping.spec.SpecYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds mapping specs and compiles each for the dataset that names it. A spec's place is its id:
 * {@code mappings/<department>/<dataset>.yaml} on the class path (the shipped city's, from
 * {@code ops/config}), or {@code <department>/<dataset>.yaml} under a specs directory (added by
 * integrators without a rebuild; a file there overrides the class-path spec of the same id). The
 * catalog entry says what the dataset is (format, encoding, CSV layout, entity); the spec only how
 * its fields map.
 */
public final class SpecLoader {

    /** Class-path folder of the shipped specs. */
    public static final String CLASSPATH_ROOT = "mappings/";

    private static final Logger LOG = LoggerFactory.getLogger(SpecLoader.class);

    private SpecLoader() {
    }

    /**
     * Compiles the spec of every dataset of the catalog that has one (from {@code directory} if it
     * holds it, else from the class path). A dataset whose spec is found nowhere is simply absent
     * from the result: the topology leaves it out and says so. A spec that does not compile stops
     * the load with its file, line and field.
     */
    public static MappingSpecs load(ExchangeCatalog catalog, Optional<Path> directory) {
        Map<String, Path> files = directory.map(SpecLoader::directoryFiles).orElse(Map.of());
        // a spec file is read once, whatever the number of datasets sharing it
        Map<String, Optional<Source>> sources = new HashMap<>();
        List<MappingSpec> specs = new ArrayList<>();
        for (Dataset dataset : catalog.datasets()) {
            sources.computeIfAbsent(dataset.mapping(), id -> files.containsKey(id)
                            ? Optional.of(Source.read(files.get(id))) : Source.fromClasspath(id))
                    .ifPresent(source -> specs.add(source.compile(dataset)));
        }
        Set<String> unused = new TreeSet<>(files.keySet());
        unused.removeAll(sources.keySet());
        if (!unused.isEmpty()) {
            LOG.warn("Specs in {} that no dataset of the catalog {} names (not compiled): {}",
                    directory.orElseThrow(), catalog.source(), unused);
        }
        return MappingSpecs.of(specs);
    }

    /** The spec of one dataset, from {@code directory} if it holds it, else from the class path. */
    public static Optional<MappingSpec> load(Dataset dataset, Optional<Path> directory) {
        Optional<Path> file = directory.map(d -> d.resolve(dataset.mapping() + ".yaml")).filter(Files::isRegularFile);
        Optional<Source> source = file.isPresent() ? file.map(Source::read) : Source.fromClasspath(dataset.mapping());
        return source.map(s -> s.compile(dataset));
    }

    /** Compiles the spec text in {@code in} (named {@code source} in messages) for {@code dataset}. */
    public static MappingSpec load(InputStream in, String source, Dataset dataset) {
        return SpecCompiler.compile(SpecYaml.read(in, source), source, dataset);
    }

    public static MappingSpec loadFile(Path file, Dataset dataset) {
        return Source.read(file).compile(dataset);
    }

    /** Every {@code *.yaml}/{@code *.yml} under {@code directory}, by id: each must be at {@code <department>/<dataset>.yaml}. */
    private static Map<String, Path> directoryFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new SpecException(new SpecLocation(directory.toString(), 1, 1), null, "the specs directory does not exist");
        }
        Map<String, Path> files = new LinkedHashMap<>();
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path file : all.filter(SpecLoader::isSpecFile).sorted().toList()) {
                Path relative = directory.relativize(file);
                if (relative.getNameCount() != 2) {
                    throw new SpecException(new SpecLocation(file.toString(), 1, 1), null,
                            "a spec lives at <specs dir>/<department>/<dataset>.yaml");
                }
                String name = relative.getFileName().toString();
                files.put(relative.getName(0) + "/" + name.substring(0, name.lastIndexOf('.')), file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list mapping specs in " + directory, e);
        }
        return files;
    }

    private static boolean isSpecFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    /** A spec file read once, compiled for each dataset that names it. */
    private record Source(SpecNode root, String name) {

        static Source read(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                return new Source(SpecYaml.read(in, file.toString()), file.toString());
            } catch (IOException e) {
                throw new SpecException(new SpecLocation(file.toString(), 1, 1), null, "cannot read the file: " + e.getMessage(), e);
            }
        }

        static Optional<Source> fromClasspath(String id) {
            String resource = CLASSPATH_ROOT + id + ".yaml";
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            InputStream in = loader == null ? null : loader.getResourceAsStream(resource);
            if (in == null) {
                in = SpecLoader.class.getClassLoader().getResourceAsStream(resource);
            }
            if (in == null) {
                return Optional.empty();
            }
            try (InputStream stream = in) {
                return Optional.of(new Source(SpecYaml.read(stream, "classpath:" + resource), "classpath:" + resource));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + resource, e);
            }
        }

        MappingSpec compile(Dataset dataset) {
            return SpecCompiler.compile(root, name, dataset);
        }
    }
}

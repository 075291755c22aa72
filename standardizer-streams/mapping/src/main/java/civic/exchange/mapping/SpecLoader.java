package civic.exchange.mapping;

import civic.exchange.mapping.api.SpecException;
import civic.exchange.mapping.api.SpecLocation;
import civic.exchange.mapping.spec.SpecYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and compiles mapping specs. A spec's place is its id: {@code mappings/<department>/<dataset>.yaml}
 * on the classpath (shipped with the service), or {@code <department>/<dataset>.yaml} under a specs
 * directory (added by integrators without a rebuild; a file there overrides the shipped spec of the
 * same id). Every file in the directory is compiled, so a broken one stops the service at start.
 */
public final class SpecLoader {

    /** Classpath folder of the shipped specs. */
    public static final String CLASSPATH_ROOT = "mappings/";

    private static final Logger LOG = LoggerFactory.getLogger(SpecLoader.class);

    private SpecLoader() {
    }

    /**
     * Loads the specs with the given ids (those the catalog's datasets name) from the classpath,
     * and every spec in {@code directory} if given. An id found nowhere is simply absent from the
     * result: the topology leaves its dataset out and says so.
     */
    public static MappingSpecs load(Collection<String> ids, Optional<Path> directory) {
        Map<String, MappingSpec> specs = new LinkedHashMap<>();
        if (directory.isPresent()) {
            for (MappingSpec spec : loadDirectory(directory.get())) {
                specs.put(spec.id(), spec);
            }
        }
        for (String id : ids) {
            if (specs.containsKey(id)) {
                LOG.info("Mapping spec {} comes from {} (overrides any shipped spec)", id, specs.get(id).source());
                continue;
            }
            fromClasspath(id).ifPresent(spec -> specs.put(id, spec));
        }
        return new MappingSpecs(specs);
    }

    /** Every {@code *.yaml}/{@code *.yml} under {@code directory}, each at {@code <department>/<dataset>.yaml}. */
    public static List<MappingSpec> loadDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new SpecException(new SpecLocation(directory.toString(), 1, 1), null, "the specs directory does not exist");
        }
        List<MappingSpec> specs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(SpecLoader::isSpecFile).sorted().toList()) {
                Path relative = directory.relativize(file);
                if (relative.getNameCount() != 2) {
                    throw new SpecException(new SpecLocation(file.toString(), 1, 1), null,
                            "a spec lives at <specs dir>/<department>/<dataset>.yaml");
                }
                String name = relative.getFileName().toString();
                String id = relative.getName(0) + "/" + name.substring(0, name.lastIndexOf('.'));
                specs.add(loadFile(file, id));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list mapping specs in " + directory, e);
        }
        return specs;
    }

    public static MappingSpec loadFile(Path file, String expectedId) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString(), expectedId);
        } catch (IOException e) {
            throw new SpecException(new SpecLocation(file.toString(), 1, 1), null, "cannot read the file: " + e.getMessage(), e);
        }
    }

    /** The shipped spec with this id, if there is one. */
    public static Optional<MappingSpec> fromClasspath(String id) {
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
            return Optional.of(load(stream, "classpath:" + resource, id));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    public static MappingSpec load(InputStream in, String source, String expectedId) {
        return SpecCompiler.compile(SpecYaml.read(in, source), source, expectedId);
    }

    private static boolean isSpecFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }
}

package civic.exchange.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walls between the parts of the bus, checked on the compiled main classes of every module
 * (this module is built after all of them): schemas depend on nothing, core on no service, the
 * mapping library on no service and only through its API, services on no other service (they
 * meet only through topics), and no package cycles anywhere.
 */
class ArchitectureTest {

    private static final String[] SCHEMAS = {"civic.exchange.schema.."};
    /** exchange-core: {@code civic.exchange.registry} is its registry client; the server lives below it in ops. */
    private static final String[] CORE = {"civic.exchange.catalog..", "civic.exchange.errors..", "civic.exchange.geo..",
            "civic.exchange.headers..", "civic.exchange.ids..", "civic.exchange.registry", "civic.exchange.serde..",
            "civic.exchange.streams..", "civic.exchange.topics..", "civic.exchange.time..", "civic.exchange.provision.."};
    private static final String MAPPING = "civic.exchange.mapping..";
    private static final String[] MAPPING_API = {"civic.exchange.mapping", "civic.exchange.mapping.api"};
    private static final String STANDARDIZER = "civic.exchange.standardizer..";
    private static final String CONNECTORS = "civic.exchange.connectors..";
    private static final String FACILITY_EVENTS = "civic.exchange.facilityevents..";
    private static final String[] SERVICES = {STANDARDIZER, CONNECTORS, FACILITY_EVENTS};
    private static final String[] OPS = {"civic.exchange.registry.server..", "civic.exchange.localbus..",
            "civic.exchange.tools..", "civic.exchange.bench.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importEveryModule() {
        List<Path> dirs;
        try (Stream<Path> paths = Files.walk(ServiceProcess.ROOT, 5)) {
            dirs = paths.filter(p -> p.endsWith(Path.of("target", "classes")))
                    .filter(p -> !p.startsWith(ServiceProcess.ROOT.resolve("ops/end-to-end")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        classes = new ClassFileImporter().importPaths(dirs);
    }

    @Test
    void everyModuleIsChecked() {
        // A rule over no classes passes: make sure each part was found before trusting the others.
        for (String pkg : List.of("civic.exchange.schema", "civic.exchange.catalog", "civic.exchange.mapping",
                "civic.exchange.mapping.api", "civic.exchange.standardizer.topology", "civic.exchange.connectors.ingest",
                "civic.exchange.facilityevents.archive", "civic.exchange.registry.server", "civic.exchange.localbus")) {
            assertThat(classes.stream().map(JavaClass::getPackageName)).as("classes of %s", pkg).contains(pkg);
        }
    }

    @Test
    void schemasDependOnNothingOfTheBus() {
        noClasses().that().resideInAnyPackage(SCHEMAS)
                .should().dependOnClassesThat().resideInAnyPackage(concat(CORE, List.of(MAPPING), List.of(SERVICES), List.of(OPS)))
                .check(classes);
    }

    @Test
    void coreDependsOnNoServiceNorTool() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(concat(List.of(MAPPING), List.of(SERVICES), List.of(OPS)))
                .check(classes);
    }

    @Test
    void theMappingLibraryDependsOnNoServiceNorTool() {
        noClasses().that().resideInAPackage(MAPPING)
                .should().dependOnClassesThat().resideInAnyPackage(concat(List.of(SERVICES), List.of(OPS)))
                .check(classes);
    }

    @Test
    void outsideTheMappingLibraryOnlyItsApiIsUsed() {
        noClasses().that().resideOutsideOfPackage(MAPPING)
                .should().dependOnClassesThat(DescribedPredicate.describe(
                        "are internals of the mapping library",
                        (JavaClass c) -> c.getPackageName().startsWith("civic.exchange.mapping.")
                                && !List.of(MAPPING_API).contains(c.getPackageName())))
                .check(classes);
    }

    @Test
    void servicesMeetOnlyThroughTopics() {
        for (String service : SERVICES) {
            String[] others = Stream.of(SERVICES).filter(s -> !s.equals(service)).toArray(String[]::new);
            noClasses().that().resideInAPackage(service)
                    .should().dependOnClassesThat().resideInAnyPackage(concat(List.of(others), List.of(OPS)))
                    .check(classes);
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching("civic.exchange.(**)").should().beFreeOfCycles().check(classes);
    }

    @SafeVarargs
    private static String[] concat(List<String>... parts) {
        return Stream.of(parts).flatMap(List::stream).toArray(String[]::new);
    }

    private static String[] concat(String[] first, List<String> a, List<String> b, List<String> c) {
        return concat(List.of(first), a, b, c);
    }
}

package civic.exchange.localbus.junit;

import civic.exchange.localbus.BusFixture;
import civic.exchange.localbus.BusFixtures;
import civic.exchange.localbus.TestcontainersBus;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * JUnit 5 extension that injects the module's shared {@link BusFixture} (a real broker and schema
 * registry) into test constructors, lifecycle methods and tests. One bus serves the whole test JVM.
 * With {@code -Dbus.fixture=testcontainers} and no Docker engine, the tests are skipped, not failed.
 */
public final class LocalBusExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return BusFixture.class.isAssignableFrom(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return BusFixtures.shared();
        } catch (TestcontainersBus.DockerUnavailableException e) {
            throw new TestAbortedException(e.getMessage());
        }
    }
}

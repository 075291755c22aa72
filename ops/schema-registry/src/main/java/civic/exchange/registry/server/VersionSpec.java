package civic.exchange.registry.server;

/** A version path segment: a number in [1, 2^31-1], or {@code latest} (also spelled -1, as Confluent allows). */
record VersionSpec(int number) {

    static final VersionSpec LATEST = new VersionSpec(-1);

    static VersionSpec parse(String text) {
        if (text == null) {
            throw RegistryException.invalidVersion(null);
        }
        if (text.trim().equalsIgnoreCase("latest")) {
            return LATEST;
        }
        int number;
        try {
            number = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw RegistryException.invalidVersion(text);
        }
        if (number == -1) {
            return LATEST;
        }
        if (number < 1) {
            throw RegistryException.invalidVersion(text);
        }
        return new VersionSpec(number);
    }

    boolean isLatest() {
        return number == -1;
    }
}

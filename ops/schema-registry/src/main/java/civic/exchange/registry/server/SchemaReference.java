package civic.exchange.registry.server;

/** A named type imported from another subject's version, as in Confluent's {@code references} array. */
record SchemaReference(String name, String subject, int version) {
}

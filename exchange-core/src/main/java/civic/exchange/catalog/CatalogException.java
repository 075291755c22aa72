package civic.exchange.catalog;

/** The catalog file cannot be read or breaks a rule; the message names the file and the entry. */
public class CatalogException extends RuntimeException {

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}

package civic.exchange.connectors.batch.csv;

import java.io.Reader;

/** Reads the characters {@code from} (inclusive) to {@code to} (exclusive) of a string, without copying the region first. */
final class StringRegionReader extends Reader {

    private final String text;
    private final int to;
    private int position;

    StringRegionReader(String text, int from, int to) {
        if (from < 0 || to > text.length() || from > to) {
            throw new IndexOutOfBoundsException("Region " + from + ".." + to + " of a text of " + text.length());
        }
        this.text = text;
        this.position = from;
        this.to = to;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (position >= to) {
            return -1;
        }
        int n = Math.min(length, to - position);
        text.getChars(position, position + n, buffer, offset);
        position += n;
        return n;
    }

    @Override
    public void close() {
        // nothing held
    }
}

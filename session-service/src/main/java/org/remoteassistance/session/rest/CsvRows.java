package org.remoteassistance.session.rest;

import java.io.IOException;
import java.io.Writer;

/**
 * CSV rows as RFC 4180 has them (a field with a comma, quote or line break is quoted, quotes doubled; CRLF between
 * rows), and safe to open in a spreadsheet: a text field that starts like a formula ({@code = + - @}) gets a leading
 * apostrophe, so a reason typed as {@code =HYPERLINK(...)} stays text.
 */
final class CsvRows {

    private CsvRows() {
    }

    static void write(Writer writer, Object... values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(field(values[i]));
        }
        writer.write("\r\n");
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (value instanceof CharSequence && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}

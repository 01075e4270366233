package com.ethiq.app.api;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 4180 CSV with spreadsheet formula-injection protection (OWASP "CSV Injection"): a cell starting with
 * {@code = + - @}, a tab or a carriage return is prefixed with a single quote so spreadsheets show it as text;
 * every cell is quoted. Lines end with CRLF; output is UTF-8 with a BOM so spreadsheets pick the encoding.
 * Not thread-safe (one per export).
 */
final class CsvWriter {
    private final StringBuilder sb = new StringBuilder("\uFEFF");

    CsvWriter row(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"').append(escape(cells.get(i))).append('"');
        }
        sb.append("\r\n");
        return this;
    }

    static String escape(String cell) {
        String v = cell == null ? "" : cell;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.replace("\"", "\"\"");
    }

    byte[] bytes() {
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}

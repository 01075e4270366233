package com.ethiq.app.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A small flowing-text writer over PDFBox: A4 pages, wrapped paragraphs, headings, and lines whose marked character
 * ranges are drawn bold on a yellow background. Uses the standard PDF fonts (nothing to embed, nothing read from the
 * machine); characters they cannot encode (emoji, non-Latin scripts) are written as '?'. One document per instance,
 * not thread-safe.
 */
final class PdfText implements AutoCloseable {
    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    static final PDFont REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    static final PDFont BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    static final PDFont MONO = new PDType1Font(Standard14Fonts.FontName.COURIER);

    private final PDDocument doc = new PDDocument();
    private PDPageContentStream out;
    private float y;

    /** A range {@code [start, end)} of a line's characters to highlight. */
    record Mark(int start, int end) {
    }

    PdfText(String title) {
        doc.getDocumentInformation().setTitle(safe(title, REGULAR));
        doc.getDocumentInformation().setCreator("Ethiq");
        newPage();
    }

    void heading(String text) {
        space(8);
        paragraph(text, BOLD, 13, 0);
        space(2);
    }

    void subheading(String text) {
        space(4);
        paragraph(text, BOLD, 10.5f, 0);
    }

    void text(String text) {
        paragraph(text, REGULAR, 9.5f, 0);
    }

    void small(String text) {
        paragraph(text, REGULAR, 8, 0);
    }

    void mono(String text) {
        paragraph(text, MONO, 7, 0);
    }

    /** "Label: value" on one wrapped paragraph, the label bold. */
    void field(String label, String value) {
        marked(label + " : " + value, List.of(new Mark(0, label.length() + 2)), 9.5f, 0, false);
    }

    /** A transcript line: {@code prefix} (who spoke) then the text with its marks highlighted. */
    void spoken(String prefix, String text, List<Mark> marks) {
        List<Mark> shifted = new ArrayList<>();
        shifted.add(new Mark(0, prefix.length()));
        int offset = prefix.length() + 1;
        for (Mark m : marks) {
            shifted.add(new Mark(m.start() + offset, m.end() + offset));
        }
        marked(prefix + " " + text, shifted, 9.5f, 12, true);
    }

    void space(float points) {
        y -= points;
    }

    byte[] bytes() {
        try {
            out.close();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            doc.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void paragraph(String text, PDFont font, float size, float indent) {
        for (String line : wrap(safe(text, font), font, size, WIDTH - indent)) {
            ensure(size * 1.35f);
            write(font, size, MARGIN + indent, line);
            y -= size * 1.35f;
        }
    }

    /**
     * Wraps by words; a word touching a mark is bold, and on a yellow background when {@code background} (cues).
     * Marks after the first are cues; the first mark of a spoken line is its speaker label (bold, no background).
     */
    private void marked(String raw, List<Mark> marks, float size, float indent, boolean background) {
        String text = safe(raw.replace('\n', ' '), REGULAR);
        List<int[]> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < text.length() && text.charAt(i) != ' ') {
                i++;
            }
            if (i > start) {
                words.add(new int[] {start, i});
            }
        }
        float x = MARGIN + indent;
        float lineHeight = size * 1.35f;
        ensure(lineHeight);
        float spaceWidth = width(REGULAR, size, " ");
        for (int[] w : words) {
            String word = text.substring(w[0], w[1]);
            int markIndex = markOf(marks, w[0], w[1]);
            PDFont font = markIndex >= 0 ? BOLD : REGULAR;
            float wordWidth = width(font, size, word);
            if (x > MARGIN + indent && x + wordWidth > MARGIN + WIDTH) {
                y -= lineHeight;
                ensure(lineHeight);
                x = MARGIN + indent;
            }
            if (background && markIndex > 0) {
                try {
                    out.setNonStrokingColor(1f, 0.93f, 0.4f);
                    out.addRect(x - 1, y - size * 0.25f, wordWidth + 2, size * 1.2f);
                    out.fill();
                    out.setNonStrokingColor(0f, 0f, 0f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            write(font, size, x, word);
            x += wordWidth + spaceWidth;
        }
        y -= lineHeight;
    }

    private static int markOf(List<Mark> marks, int start, int end) {
        for (int m = 0; m < marks.size(); m++) {
            if (marks.get(m).start() < end && marks.get(m).end() > start) {
                return m;
            }
        }
        return -1;
    }

    private void write(PDFont font, float size, float x, String s) {
        try {
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(x, y);
            out.showText(s);
            out.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void ensure(float height) {
        if (y - height < MARGIN) {
            newPage();
        }
    }

    private void newPage() {
        try {
            if (out != null) {
                out.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            out = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> wrap(String text, PDFont font, float size, float width) {
        List<String> lines = new ArrayList<>();
        for (String para : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" ")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (line.length() > 0 && width(font, size, candidate) > width) {
                    lines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(candidate);
                }
                // a word longer than the line (a hash): cut it
                while (width(font, size, line.toString()) > width && line.length() > 1) {
                    int cut = line.length() - 1;
                    while (cut > 1 && width(font, size, line.substring(0, cut)) > width) {
                        cut--;
                    }
                    lines.add(line.substring(0, cut));
                    line = new StringBuilder(line.substring(cut));
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static float width(PDFont font, float size, String s) {
        try {
            return font.getStringWidth(s) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps what the font encodes (Latin-1 and the WinAnsi extras: é, œ, €, « »...); the rest becomes '?'. */
    static String safe(String s, PDFont font) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u202f' || c == '\u00a0' || c == '\t' || c == '\r') {
                sb.append(' ');
                continue;
            }
            if (c == '\n') {
                sb.append(c);
                continue;
            }
            if (Character.isSurrogate(c)) {
                sb.append('?'); // one '?' per char: offsets of highlights stay right
                continue;
            }
            try {
                font.encode(String.valueOf(c));
                sb.append(c);
            } catch (IOException | IllegalArgumentException e) {
                sb.append('?');
            }
        }
        return sb.toString();
    }
}

package nl.termijnwacht.core;

import java.util.regex.Pattern;

/**
 * Free text from outside (a toelichting with a reply, later a signal's summary) as it may be stored and sent:
 * bounded, without control characters, and with whatever looks like personal data removed — e-mail
 * addresses, handles such as {@code @naam}, phone numbers and nine-digit numbers (a BSN). Notifications
 * never carry personal data (docs/architectuur.md, "Personal data").
 */
public final class Vrijetekst {

    public static final int MAX_LENGTE = 500;
    static final String WEG = "[verwijderd]";

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+\\.[\\p{L}]{2,}");
    private static final Pattern HANDLE = Pattern.compile("(?<![\\p{L}\\p{N}])@[\\p{L}\\p{N}_]{1,30}");
    /** Dutch numbers (06-…, 0xx-…, +31 …) and any run of 9 or more digits, with or without separators. */
    private static final Pattern TELEFOON = Pattern.compile("(?:\\+|00)\\d[\\d \\-().]{7,}\\d|(?<!\\d)0\\d(?:[ \\-]?\\d){8}(?!\\d)");
    /** Nine or more digits in a row, or a BSN written in groups (123 456 782, 1234.56.782); a date or time is neither. */
    private static final Pattern LANG_GETAL = Pattern.compile("(?<!\\d)(?:\\d{9,}|\\d{3}([ .\\-])\\d{3}\\1\\d{3}|\\d{4}\\.\\d{2}\\.\\d{3})(?!\\d)");

    private Vrijetekst() {
    }

    /** The cleaned text, or null when nothing readable is left. */
    public static String schoon(String tekst) {
        if (tekst == null) {
            return null;
        }
        StringBuilder s = new StringBuilder(Math.min(tekst.length(), MAX_LENGTE * 2));
        for (int i = 0; i < tekst.length(); ) {
            int cp = tekst.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (Character.isWhitespace(cp) || type == Character.CONTROL) {
                s.append(' ');
            } else if (type != Character.FORMAT && type != Character.UNASSIGNED && type != Character.PRIVATE_USE && type != Character.SURROGATE) {
                s.appendCodePoint(cp);
            }
        }
        String t = s.toString().replaceAll(" {2,}", " ").strip();
        if (t.length() > MAX_LENGTE * 2) {
            // cut on a word boundary before redacting: half an e-mail address or number would no longer be recognised
            int grens = t.lastIndexOf(' ', MAX_LENGTE * 2);
            t = grens >= MAX_LENGTE ? t.substring(0, grens)
                    : t.substring(0, t.offsetByCodePoints(0, Math.min(t.codePointCount(0, t.length()), MAX_LENGTE * 2))); // one giant word
        }
        t = EMAIL.matcher(t).replaceAll(WEG);
        t = HANDLE.matcher(t).replaceAll(WEG);
        t = TELEFOON.matcher(t).replaceAll(WEG);
        t = LANG_GETAL.matcher(t).replaceAll(WEG);
        if (t.codePointCount(0, t.length()) > MAX_LENGTE) {
            t = t.substring(0, t.offsetByCodePoints(0, MAX_LENGTE - 1)) + "…";
        }
        return t.isBlank() ? null : t;
    }
}

package nl.termijnwacht.core;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;

/** Date parsing and Dutch formatting shared by every input and text. */
public final class Datums {

    /** ISO dates, strictly: 2026-02-30 is an error, not 28 February. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter LANG = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.forLanguageTag("nl-NL"));

    private Datums() {
    }

    /** @throws java.time.format.DateTimeParseException for anything but an existing {@code YYYY-MM-DD} date */
    public static LocalDate parse(String tekst) {
        return LocalDate.parse(tekst, ISO);
    }

    /** "maandag 3 maart 2025". */
    public static String lang(LocalDate datum) {
        return LANG.format(datum);
    }
}

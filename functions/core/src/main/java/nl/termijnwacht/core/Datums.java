package nl.termijnwacht.core;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Pattern;

/** Date parsing and Dutch formatting shared by every input and text. */
public final class Datums {

    /** ISO dates, strictly: 2026-02-30 is an error, not 28 February. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    /** Exactly four digits for the year: no sign, no +999999999. */
    private static final Pattern VORM = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final DateTimeFormatter LANG = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.forLanguageTag("nl-NL"));

    private Datums() {
    }

    /** @throws DateTimeParseException for anything but an existing {@code YYYY-MM-DD} date with a four-digit year */
    public static LocalDate parse(String tekst) {
        if (!VORM.matcher(tekst).matches()) {
            throw new DateTimeParseException("verwacht JJJJ-MM-DD", tekst, 0);
        }
        return LocalDate.parse(tekst, ISO);
    }

    /**
     * A date given as input: an existing {@code YYYY-MM-DD} within {@link Grenzen#EERSTE_DATUM} … {@link Grenzen#LAATSTE_DATUM}.
     *
     * @throws OngeldigeInvoer naming {@code veld}, quoting at most a short excerpt of the value
     */
    public static LocalDate invoer(String veld, String tekst) {
        LocalDate datum;
        try {
            datum = parse(tekst.strip());
        } catch (DateTimeParseException e) {
            throw new OngeldigeInvoer(veld, OngeldigeInvoer.citaat(tekst) + " is geen bestaande datum (verwacht JJJJ-MM-DD, bijv. 2026-03-31)");
        }
        return Grenzen.datum(veld, datum);
    }

    /** "maandag 3 maart 2025". */
    public static String lang(LocalDate datum) {
        return LANG.format(datum);
    }
}

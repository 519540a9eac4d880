package nl.termijnwacht.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import nl.termijnwacht.core.Datums;
import nl.termijnwacht.core.OngeldigeInvoer;

/** Parsing of command-line values with messages that name the option. */
final class Invoer {

    private Invoer() {
    }

    static LocalDate datum(String optie, String waarde) {
        if (waarde == null) {
            return null;
        }
        try {
            return Datums.invoer(optie, waarde);
        } catch (OngeldigeInvoer e) {
            throw new FouteInvoer(optie, e.reden());
        }
    }

    static final ZoneId NEDERLAND = ZoneId.of("Europe/Amsterdam");

    /** An instant: {@code 2026-04-13T05:00:00Z}, with an offset, or a local time in Europe/Amsterdam ({@code 2026-04-13T07:00}). */
    static Instant moment(String optie, String waarde) {
        String w = waarde.strip();
        try {
            return OffsetDateTime.parse(w).toInstant();
        } catch (DateTimeParseException e) {
            // not with an offset or Z
        }
        try {
            return LocalDateTime.parse(w).atZone(NEDERLAND).toInstant();
        } catch (DateTimeParseException e) {
            // not a local date-time
        }
        try {
            return Datums.parse(w).atStartOfDay(NEDERLAND).toInstant();
        } catch (DateTimeParseException e) {
            throw new FouteInvoer(optie, "'" + waarde + "' is geen tijdstip (verwacht bijv. 2026-04-13T07:00 in Nederlandse tijd, 2026-04-13T05:00:00Z of 2026-04-13)");
        }
    }

    /** A simulation step: a calendar step in Europe/Amsterdam ({@code P1D}) or a fixed one ({@code PT15M}). */
    record Stap(Period kalender, Duration vast) {
        Instant na(Instant moment) {
            return kalender != null ? ZonedDateTime.ofInstant(moment, NEDERLAND).plus(kalender).toInstant() : moment.plus(vast);
        }

        @Override
        public String toString() {
            return kalender != null ? kalender.toString() : vast.toString();
        }
    }

    static Stap stap(String optie, String waarde) {
        String w = kortschrift(waarde.strip().toUpperCase(java.util.Locale.ROOT));
        try {
            if (w.startsWith("PT")) {
                Duration d = Duration.parse(w);
                if (d.compareTo(Duration.ofMinutes(1)) < 0) {
                    throw new FouteInvoer(optie, "stap moet ten minste één minuut zijn");
                }
                return new Stap(null, d);
            }
            Period p = Period.parse(w);
            if (p.isNegative() || p.isZero()) {
                throw new FouteInvoer(optie, "stap moet positief zijn");
            }
            return new Stap(p, null);
        } catch (DateTimeParseException e) {
            throw new FouteInvoer(optie, "'" + waarde + "' is geen ISO-duur (bijv. PT15M, PT1H of P1D; ook 15m, 1h, 1d)");
        }
    }

    /** 15m, 1h and 1d as ISO durations. */
    private static String kortschrift(String w) {
        if (w.matches("\\d+[MH]")) {
            return "PT" + w;
        }
        if (w.matches("\\d+[DW]")) {
            return "P" + w;
        }
        return w;
    }
}

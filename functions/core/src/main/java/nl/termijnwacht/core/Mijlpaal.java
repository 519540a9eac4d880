package nl.termijnwacht.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * One milestone of a zaak on a calendar date.
 *
 * @param werkdagenVooraf for a VOORWAARSCHUWING the working days before the deadline, else 0
 */
public record Mijlpaal(Mijlpaalsoort soort, LocalDate datum, int werkdagenVooraf) {

    /** Stable name within a zaak, e.g. {@code VOORWAARSCHUWING-5}; with the date it identifies one notification. */
    public String code() {
        return werkdagenVooraf > 0 ? soort + "-" + werkdagenVooraf : soort.name();
    }

    /** The instant it is due: {@code tijd} on its date in {@code zone} (DST-safe). */
    public Instant moment(LocalTime tijd, ZoneId zone) {
        return datum.atTime(tijd).atZone(zone).toInstant();
    }
}

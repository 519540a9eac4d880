package nl.termijnwacht.core;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A verlenging of the beslistermijn (Ow 16.64 lid 2; uitgebreid Ow 16.66 lid 3).
 *
 * @param dagen         length in days (at most 42)
 * @param bekendgemaakt day it was made known
 */
public record Verlenging(int dagen, LocalDate bekendgemaakt) {

    public static final int MAXIMUM_DAGEN = 42;

    public Verlenging {
        Objects.requireNonNull(bekendgemaakt, "bekendgemaakt");
    }

    /**
     * Parses an ISO duration in weeks or days ({@code P6W}, {@code P30D}) of 1 to 42 days: the one place
     * where the form and the maximum of a verlenging are checked. Months are ambiguous and refused.
     *
     * @throws OngeldigeInvoer with field {@code duur} (the event's field; {@code --verlenging} on the command line)
     */
    public static Verlenging van(String duur, LocalDate bekendgemaakt) {
        Period periode;
        try {
            periode = Period.parse(duur);
        } catch (DateTimeParseException | ArithmeticException e) { // P306783379W overflows when weeks become days
            throw new OngeldigeInvoer("duur", "duur " + OngeldigeInvoer.citaat(duur) + " is geen ISO-duur in weken of dagen (bijv. P6W of P30D)");
        }
        if (periode.getYears() != 0 || periode.getMonths() != 0) {
            throw new OngeldigeInvoer("duur", "duur " + OngeldigeInvoer.citaat(duur) + " moet in weken of dagen (bijv. P6W); maanden en jaren zijn niet eenduidig");
        }
        if (periode.getDays() <= 0) {
            throw new OngeldigeInvoer("duur", "duur " + OngeldigeInvoer.citaat(duur) + " moet langer dan nul dagen zijn");
        }
        if (periode.getDays() > MAXIMUM_DAGEN) {
            throw new OngeldigeInvoer("duur", "verlenging van " + periode.getDays() + " dagen is langer dan de toegestane 6 weken (42 dagen)");
        }
        return new Verlenging(periode.getDays(), bekendgemaakt);
    }

    /** "6 weken" or "30 dagen". */
    public String omschrijving() {
        return dagen % 7 == 0 ? (dagen / 7) + (dagen == 7 ? " week" : " weken") : dagen + (dagen == 1 ? " dag" : " dagen");
    }
}

package nl.termijnwacht.core;

import java.time.LocalDate;

/**
 * The bounds every input must keep (docs/termijnregels.md, "Grenzen"). They make each
 * answer cheap and keep a zaak within DynamoDB's item limit; a value outside them is an error with its
 * field, never a crash, an overflow or a slow answer.
 */
public final class Grenzen {

    /** Every date given (command line or event) lies in this range; receipts also from 2024-01-01 (Omgevingswet). */
    public static final LocalDate EERSTE_DATUM = LocalDate.of(2000, 1, 1);
    public static final LocalDate LAATSTE_DATUM = LocalDate.of(2099, 12, 31);
    /** Days suspended with consent, per consent (a year at most). */
    public static final int MAX_INSTEMMING_DAGEN = 366;
    /** A term for supplementing ends at most this many days after the request. */
    public static final int MAX_AANVULTERMIJN_DAGEN = 366;
    /**
     * Facts one zaak keeps (a besluit and a withdrawal are accepted beyond it: they end the zaak), and
     * requests to supplement plus consents one calculation takes.
     */
    public static final int MAX_FEITEN = 100;

    private Grenzen() {
    }

    /** @throws OngeldigeInvoer when {@code datum} lies outside {@link #EERSTE_DATUM} … {@link #LAATSTE_DATUM} */
    public static LocalDate datum(String veld, LocalDate datum) {
        if (datum.isBefore(EERSTE_DATUM) || datum.isAfter(LAATSTE_DATUM)) {
            throw new OngeldigeInvoer(veld, "datum " + datum + " ligt buiten het bereik " + EERSTE_DATUM + " … " + LAATSTE_DATUM);
        }
        return datum;
    }

    /** @throws OngeldigeInvoer unless 1 ≤ {@code dagen} ≤ {@link #MAX_INSTEMMING_DAGEN} */
    public static int instemmingDagen(String veld, long dagen) {
        if (dagen < 1 || dagen > MAX_INSTEMMING_DAGEN) {
            throw new OngeldigeInvoer(veld, "dagen opschorting met instemming moet een geheel getal van 1 tot en met "
                    + MAX_INSTEMMING_DAGEN + " zijn, niet " + dagen);
        }
        return (int) dagen;
    }
}

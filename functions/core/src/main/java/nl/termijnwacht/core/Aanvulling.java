package nl.termijnwacht.core;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A request to supplement the application (Awb 4:5) and how it ended.
 *
 * @param gevraagd      day the request was sent (V)
 * @param aanvullenVoor the term set for supplementing, if known (the suspension ends on it by itself)
 * @param aangevuld     day the supplement was received, if it was
 * @param termijnGesteld false when the request set no term: then it does not suspend (ABRvS 2016:2527)
 */
public record Aanvulling(LocalDate gevraagd, LocalDate aanvullenVoor, LocalDate aangevuld, boolean termijnGesteld) {

    public Aanvulling {
        Objects.requireNonNull(gevraagd, "gevraagd");
    }

    /** Requested on {@code gevraagd}, supplemented (or its term expired) on {@code aangevuld}. */
    public static Aanvulling afgerond(LocalDate gevraagd, LocalDate aangevuld) {
        return new Aanvulling(gevraagd, null, aangevuld, true);
    }

    /** Requested with a term to supplement before {@code aanvullenVoor} (may be null: term set but unknown). */
    public static Aanvulling gevraagd(LocalDate gevraagd, LocalDate aanvullenVoor) {
        return new Aanvulling(gevraagd, aanvullenVoor, null, true);
    }

    /** A request that set no term; {@code aangevuld} may be null. */
    public static Aanvulling zonderTermijn(LocalDate gevraagd, LocalDate aangevuld) {
        return new Aanvulling(gevraagd, null, aangevuld, false);
    }

    public Aanvulling metAangevuld(LocalDate datum) {
        return new Aanvulling(gevraagd, aanvullenVoor, datum, termijnGesteld);
    }
}

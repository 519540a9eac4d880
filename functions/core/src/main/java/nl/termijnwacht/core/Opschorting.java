package nl.termijnwacht.core;

import java.time.LocalDate;

/**
 * How one request to supplement suspended the term (Awb 4:15 lid 1 onder a).
 *
 * @param gevraagd      request sent (V)
 * @param aanvullenVoor the term set for supplementing, or null
 * @param einde         day the suspension ended (A): supplement received or its term expired; for a running
 *                      suspension the peildatum; null when the request set no term
 * @param dagen         days V+1 … A−1 of this request alone (overlaps with other requests are counted once in
 *                      the total); 0 when it does not suspend
 */
public record Opschorting(LocalDate gevraagd, LocalDate aanvullenVoor, LocalDate einde, int dagen, Soort soort) {

    public enum Soort {
        /** Supplement received on {@code einde}. */
        AANGEVULD,
        /** The term set for supplementing passed unused; the suspension ended on {@code einde} by itself. */
        TERMIJN_VERSTREKEN,
        /** Still running on the peildatum: the zaak is OPGESCHORT. */
        LOPEND,
        /** The request set no term and therefore does not suspend. */
        ZONDER_TERMIJN,
        /** Made on or after the last day of the term as it stood that day: an expired term cannot be suspended. */
        NA_TERMIJN
    }

    /** Does this request suspend the term? */
    public boolean schortOp() {
        return soort != Soort.ZONDER_TERMIJN && soort != Soort.NA_TERMIJN;
    }

    Opschorting nietOpschortend() {
        return new Opschorting(gevraagd, aanvullenVoor, einde, 0, Soort.NA_TERMIJN);
    }
}

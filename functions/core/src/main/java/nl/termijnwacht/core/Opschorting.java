package nl.termijnwacht.core;

import java.time.LocalDate;

/**
 * How one request to supplement suspended the term (Awb 4:15 lid 1 onder a).
 *
 * @param gevraagd request sent (V)
 * @param einde    day the suspension ended (A): supplement received or its term expired; for a running
 *                 suspension the peildatum; null when the request set no term
 * @param dagen    days V+1 … A−1 of this request alone (overlaps with other requests are counted once in the total)
 */
public record Opschorting(LocalDate gevraagd, LocalDate einde, int dagen, Soort soort) {

    public enum Soort {
        /** Supplement received on {@code einde}. */
        AANGEVULD,
        /** The term set for supplementing passed unused; the suspension ended on {@code einde} by itself. */
        TERMIJN_VERSTREKEN,
        /** Still running on the peildatum: the zaak is OPGESCHORT. */
        LOPEND,
        /** The request set no term and therefore does not suspend. */
        ZONDER_TERMIJN
    }
}

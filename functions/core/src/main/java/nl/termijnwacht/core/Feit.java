package nl.termijnwacht.core;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One fact told about a zaak by the zaaksysteem (DESIGN.md §7), identified by its event id. A zaak
 * stores its facts; everything else is derived from them, so a duplicate or late event changes nothing
 * or exactly what it should.
 */
public sealed interface Feit {

    /** The event id that told this fact. */
    String id();

    /** The legal date of the fact; facts are applied in (datum, id) order. */
    LocalDate datum();

    /** The event's detail-type. */
    default String soort() {
        return getClass().getSimpleName();
    }

    record AanvraagOntvangen(String id, Procedure procedure, LocalDate datum) implements Feit {
        public AanvraagOntvangen {
            Objects.requireNonNull(procedure);
        }
    }

    /** @param aanvullenVoor the term set for supplementing; null when the request set none (then it does not suspend) */
    record AanvullingGevraagd(String id, LocalDate datum, LocalDate aanvullenVoor) implements Feit {
    }

    record AanvullingOntvangen(String id, LocalDate datum) implements Feit {
    }

    record OpschortingMetInstemming(String id, LocalDate datum, int dagen) implements Feit {
    }

    /** @param verlenging already checked for its own form (weeks or days, at most six weeks) */
    record TermijnVerlengd(String id, Verlenging verlenging) implements Feit {
        @Override
        public LocalDate datum() {
            return verlenging.bekendgemaakt();
        }
    }

    record IngebrekestellingOntvangen(String id, LocalDate datum) implements Feit {
    }

    record BesluitBekendgemaakt(String id, LocalDate datum) implements Feit {
    }

    record AanvraagIngetrokken(String id, LocalDate datum) implements Feit {
    }
}

package nl.termijnwacht.core;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One fact told about a zaak by the zaaksysteem (docs/architectuur.md), identified by its event id. A zaak
 * stores its facts; everything else is derived from them, so a duplicate or late event changes nothing
 * or exactly what it should. The records hold data only: input rules live in {@link #toetsMelding} and
 * in the parsers, so a fact read back from storage is never judged again by rules made after it was accepted.
 */
public sealed interface Feit {

    /** The event id that told this fact. */
    String id();

    /** The legal date of the fact. */
    LocalDate datum();

    Feitsoort soort();

    record AanvraagOntvangen(String id, Procedure procedure, LocalDate datum) implements Feit {
        public AanvraagOntvangen {
            Objects.requireNonNull(procedure);
        }

        @Override
        public Feitsoort soort() {
            return Feitsoort.AANVRAAG_ONTVANGEN;
        }
    }

    /** @param aanvullenVoor the term set for supplementing; null when the request set none (then it does not suspend) */
    record AanvullingGevraagd(String id, LocalDate datum, LocalDate aanvullenVoor) implements Feit {
        @Override
        public Feitsoort soort() {
            return Feitsoort.AANVULLING_GEVRAAGD;
        }
    }

    record AanvullingOntvangen(String id, LocalDate datum) implements Feit {
        @Override
        public Feitsoort soort() {
            return Feitsoort.AANVULLING_ONTVANGEN;
        }
    }

    record OpschortingMetInstemming(String id, LocalDate datum, int dagen) implements Feit {
        @Override
        public Feitsoort soort() {
            return Feitsoort.OPSCHORTING_MET_INSTEMMING;
        }
    }

    /** @param verlenging checked for its own form (weeks or days, at most six weeks) when it came in */
    record TermijnVerlengd(String id, Verlenging verlenging) implements Feit {
        @Override
        public LocalDate datum() {
            return verlenging.bekendgemaakt();
        }

        @Override
        public Feitsoort soort() {
            return Feitsoort.TERMIJN_VERLENGD;
        }
    }

    record IngebrekestellingOntvangen(String id, LocalDate datum) implements Feit {
        @Override
        public Feitsoort soort() {
            return Feitsoort.INGEBREKESTELLING_ONTVANGEN;
        }
    }

    record BesluitBekendgemaakt(String id, LocalDate datum) implements Feit {
        @Override
        public Feitsoort soort() {
            return Feitsoort.BESLUIT_BEKENDGEMAAKT;
        }
    }

    record AanvraagIngetrokken(String id, LocalDate datum) implements Feit {
        @Override
        public Feitsoort soort() {
            return Feitsoort.AANVRAAG_INGETROKKEN;
        }
    }

    /**
     * What the fact says, without its id: {@code AanvullingGevraagd|2026-03-05|2026-04-05}. Two facts with
     * the same content are the same fact (a re-send under a new id changes nothing), and this compact
     * line is also how a fact is stored (see docs/architectuur.md, "Facts in, state derived", "Stored form").
     */
    default String inhoud() {
        return soort().detailType() + "|" + switch (this) {
            case AanvraagOntvangen o -> o.procedure().code() + "|" + o.datum();
            case AanvullingGevraagd g -> g.datum() + "|" + (g.aanvullenVoor() == null ? "" : g.aanvullenVoor());
            case OpschortingMetInstemming i -> i.datum() + "|" + i.dagen();
            case TermijnVerlengd v -> v.verlenging().dagen() + "|" + v.verlenging().bekendgemaakt();
            case AanvullingOntvangen f -> f.datum();
            case IngebrekestellingOntvangen f -> f.datum();
            case BesluitBekendgemaakt f -> f.datum();
            case AanvraagIngetrokken f -> f.datum();
        };
    }

    /**
     * A stored fact back from its {@link #inhoud()}. No input rule is applied: the fact was accepted once.
     *
     * @throws IllegalArgumentException when the line is not a stored fact at all (a corrupt item)
     */
    static Feit uitInhoud(String id, String inhoud) {
        String[] d = inhoud.split("\\|", -1);
        Feitsoort soort = Feitsoort.vanDetailType(d[0])
                .orElseThrow(() -> new IllegalArgumentException("opgeslagen feit " + id + " heeft een onbekende soort"));
        try {
            return switch (soort) {
                case AANVRAAG_ONTVANGEN -> new AanvraagOntvangen(id, Procedure.vanCode(d[1]), LocalDate.parse(d[2]));
                case AANVULLING_GEVRAAGD -> new AanvullingGevraagd(id, LocalDate.parse(d[1]), d[2].isEmpty() ? null : LocalDate.parse(d[2]));
                case AANVULLING_ONTVANGEN -> new AanvullingOntvangen(id, LocalDate.parse(d[1]));
                case OPSCHORTING_MET_INSTEMMING -> new OpschortingMetInstemming(id, LocalDate.parse(d[1]), Integer.parseInt(d[2]));
                case TERMIJN_VERLENGD -> new TermijnVerlengd(id, new Verlenging(Integer.parseInt(d[1]), LocalDate.parse(d[2])));
                case INGEBREKESTELLING_ONTVANGEN -> new IngebrekestellingOntvangen(id, LocalDate.parse(d[1]));
                case BESLUIT_BEKENDGEMAAKT -> new BesluitBekendgemaakt(id, LocalDate.parse(d[1]));
                case AANVRAAG_INGETROKKEN -> new AanvraagIngetrokken(id, LocalDate.parse(d[1]));
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("opgeslagen feit " + id + " (" + soort.detailType() + ") is onleesbaar", e);
        }
    }

    /**
     * The input rules a fact must meet on its own when it is reported on {@code gemeld} (docs/termijnregels.md, "Grenzen"):
     * nothing is reported before it happened, a term for supplementing lies after the request and within
     * a year of it, and consent suspends 1 to 366 days. Dates were already bounded when they were parsed.
     *
     * @throws OngeldigeInvoer naming the field
     */
    default void toetsMelding(LocalDate gemeld) {
        if (datum().isAfter(gemeld)) {
            throw new OngeldigeInvoer(soort() == Feitsoort.TERMIJN_VERLENGD ? "bekendgemaakt" : soort() == Feitsoort.AANVRAAG_ONTVANGEN ? "ontvangen" : "datum",
                    "datum " + datum() + " ligt na de dag waarop dit feit is gemeld (" + gemeld + "); een feit wordt niet gemeld voordat het gebeurde");
        }
        switch (this) {
            case AanvullingGevraagd g when g.aanvullenVoor() != null -> {
                if (g.aanvullenVoor().isBefore(g.datum())) {
                    throw new OngeldigeInvoer("aanvullenVoor", "aanvullenVoor " + g.aanvullenVoor() + " ligt vóór het verzoek om aanvulling (" + g.datum() + ")");
                }
                if (g.aanvullenVoor().isAfter(g.datum().plusDays(Grenzen.MAX_AANVULTERMIJN_DAGEN))) {
                    throw new OngeldigeInvoer("aanvullenVoor", "aanvullenVoor " + g.aanvullenVoor() + " ligt meer dan "
                            + Grenzen.MAX_AANVULTERMIJN_DAGEN + " dagen na het verzoek om aanvulling (" + g.datum() + ")");
                }
            }
            case OpschortingMetInstemming i -> Grenzen.instemmingDagen("dagen", i.dagen());
            default -> { }
        }
    }
}

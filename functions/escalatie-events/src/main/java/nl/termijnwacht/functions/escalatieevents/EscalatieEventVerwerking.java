package nl.termijnwacht.functions.escalatieevents;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import nl.termijnwacht.aws.Afwijzingen;
import nl.termijnwacht.aws.Versieconflict;
import nl.termijnwacht.aws.Afzenders;
import nl.termijnwacht.aws.EscalatieEvents;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.aws.EscalatieRepository.Opgeslagen;
import nl.termijnwacht.aws.Ladders;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.core.Escalatieladder;
import nl.termijnwacht.core.OngeldigeInvoer;
import nl.termijnwacht.core.Zaakstand;

/**
 * Applies one reply of a level (docs/escalatie.md, "Replies"): the item is read, the automatic step due by now
 * applied, the reply checked against the level at turn and added, and the item stored with a version check and
 * due at once, so the escalatie-scanner sends what follows (OPGELOST, TERUGGELEGD). A reply that is malformed, comes
 * from a level not at turn, or concerns an unknown or solved item goes to the rejection queue and changes nothing.
 */
public final class EscalatieEventVerwerking {

    static final String FUNCTIE = "escalatie-events";
    private static final int POGINGEN = 8;

    private final EscalatieRepository escalaties;
    private final Ladders ladders;
    private final Afwijzingen afwijzingen;
    private final Zaakstand.Instellingen instellingen;
    private final Afzenders afzenders;

    public EscalatieEventVerwerking(EscalatieRepository escalaties, Ladders ladders, Afwijzingen afwijzingen, Zaakstand.Instellingen instellingen,
                                    Afzenders afzenders) {
        this.escalaties = escalaties;
        this.ladders = ladders;
        this.afwijzingen = afwijzingen;
        this.instellingen = instellingen;
        this.afzenders = afzenders;
    }

    public enum Resultaat { VERWERKT, AL_VERWERKT, AFGEWEZEN }

    public record Uitkomst(Resultaat resultaat, String veld, String reden) {
    }

    public Uitkomst verwerk(JsonNode event, Instant nu) {
        LocalDate vandaag = LocalDate.ofInstant(nu, instellingen.zone());
        EscalatieEvents.Antwoord a;
        try {
            a = EscalatieEvents.lees(event, vandaag);
        } catch (OngeldigeInvoer fout) {
            return wijsAf(event, fout, nu);
        }
        for (int poging = 1; ; poging++) {
            Opgeslagen o = escalaties.lees(a.escalatie()).orElse(null);
            if (o == null) {
                return wijsAf(event, new OngeldigeInvoer("escalatie", "onbekende escalatie " + OngeldigeInvoer.citaat(a.escalatie())), nu);
            }
            Escalatie.Beantwoord b;
            Escalatieladder ladder = ladders.ladder(o.escalatie().ladder(), o.escalatie().gemeente());
            try {
                if (o.escalatie().gemeente() != null) {
                    afzenders.toets(event.path("account").textValue(), o.escalatie().gemeente()); // a sender answers only for its own gemeenten
                }
                b = o.escalatie().beantwoord(a.antwoord(), ladder, instellingen.kalender(), nu, instellingen.tijd(), instellingen.zone());
            } catch (OngeldigeInvoer fout) {
                return wijsAf(event, fout, nu);
            }
            if (b.duplicaat()) {
                return new Uitkomst(Resultaat.AL_VERWERKT, null, null);
            }
            Escalatie e = b.escalatie();
            try {
                escalaties.bewaar(e, o.versie(), e.volgendMoment(ladder, instellingen.kalender(), nu, instellingen.tijd(), instellingen.zone()),
                        e.reactieUiterlijk(ladder, instellingen.kalender()), nu);
                return new Uitkomst(Resultaat.VERWERKT, null, null);
            } catch (EscalatieRepository.GelijktijdigGewijzigd conflict) {
                if (poging == POGINGEN) {
                    throw conflict;
                }
                Versieconflict.wacht(poging);
            }
        }
    }

    private Uitkomst wijsAf(JsonNode event, OngeldigeInvoer fout, Instant nu) {
        afwijzingen.wijsAf(FUNCTIE, event, fout.veld(), fout.reden(), nu);
        return new Uitkomst(Resultaat.AFGEWEZEN, fout.veld(), fout.veld() + ": " + fout.reden());
    }
}

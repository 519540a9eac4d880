package nl.termijnwacht.functions.escalatieevents;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import nl.termijnwacht.aws.Omgeving;
import nl.termijnwacht.aws.Uitkomst;
import nl.termijnwacht.aws.Versieconflict;
import nl.termijnwacht.aws.Afzenders;
import nl.termijnwacht.aws.EscalatieEvents;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.aws.Ladders;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.core.Escalatieladder;
import nl.termijnwacht.core.OngeldigeInvoer;
import nl.termijnwacht.core.Zaakstand;

/**
 * Applies one reply of a level (docs/escalatie.md, "Replies"): the item is read, the automatic step due by now
 * applied, the reply checked against the level at turn and added, and the item stored with a version check and
 * due at once, so the escalatie-scanner sends what follows (OPGELOST, TERUGGELEGD). A reply that is malformed, comes
 * from a level not at turn, or concerns an unknown or solved item is rejected ({@link OngeldigeInvoer}) before anything is written.
 */
final class EscalatieEventVerwerking {

    private final EscalatieRepository escalaties;
    private final Ladders ladders;
    private final Zaakstand.Instellingen instellingen;
    private final Afzenders afzenders;

    EscalatieEventVerwerking(EscalatieRepository escalaties, Ladders ladders, Omgeving omgeving) {
        this.escalaties = escalaties;
        this.ladders = ladders;
        this.instellingen = omgeving.instellingen();
        this.afzenders = omgeving.afzenders();
    }

    /** @throws OngeldigeInvoer when the reply is rejected; then nothing was written */
    Uitkomst verwerk(JsonNode event, Instant nu) {
        LocalDate vandaag = LocalDate.ofInstant(nu, instellingen.zone());
        EscalatieEvents.Antwoord a = EscalatieEvents.lees(event, vandaag);
        String account = event.path("account").textValue();
        // a sender answers only for its own gemeenten: checked on the id before the item is read, so a foreign sender
        // cannot learn whether an item exists; the item's own gemeente is checked again below
        Escalatie.gemeenteUitId(a.escalatie()).ifPresent(gemeente -> afzenders.toets(account, gemeente));
        return Versieconflict.herhaal(() -> escalaties.lees(a.escalatie()).orElse(null), o -> {
            if (o == null) {
                throw new OngeldigeInvoer("escalatie", "onbekende escalatie " + OngeldigeInvoer.citaat(a.escalatie()));
            }
            Escalatieladder ladder = ladders.ladder(o.escalatie().ladder(), o.escalatie().gemeente());
            if (o.escalatie().gemeente() != null) {
                afzenders.toets(account, o.escalatie().gemeente());
            }
            Escalatie.Beantwoord b = o.escalatie().beantwoord(a.antwoord(), ladder, instellingen.kalender(), nu, instellingen.tijd(), instellingen.zone());
            // accepted, so it names a stored item (ladder:gemeente:zaak, no personal data)
            Map<String, String> kenmerken = Map.of("escalatie", o.escalatie().id());
            if (b.duplicaat()) {
                return Uitkomst.alVerwerkt(kenmerken);
            }
            Escalatie e = b.escalatie();
            escalaties.bewaar(e, o.versie(), e.volgendMoment(ladder, instellingen.kalender(), nu, instellingen.tijd(), instellingen.zone()),
                    e.reactieUiterlijk(ladder, instellingen.kalender()), nu);
            return Uitkomst.verwerkt(kenmerken);
        });
    }
}

package nl.termijnwacht.functions.zaakevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import nl.termijnwacht.aws.Afwijzingen;
import nl.termijnwacht.aws.Omgeving;
import nl.termijnwacht.aws.Uitkomst;
import nl.termijnwacht.aws.Versieconflict;
import nl.termijnwacht.aws.Afzenders;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.aws.ZaakEvents;
import nl.termijnwacht.aws.ZaakRepository;
import nl.termijnwacht.aws.ZaakRepository.Zaak;
import nl.termijnwacht.core.Feit;
import nl.termijnwacht.core.OngeldigeInvoer;
import nl.termijnwacht.core.Termijnberekening;
import nl.termijnwacht.core.Zaakdossier;
import nl.termijnwacht.core.Zaakstand;
import nl.termijnwacht.core.Zaaktelling;

/**
 * Applies one case event: the fact is added to the zaak (keyed by its event id) if it stands next to
 * the facts already accepted ({@link Zaakdossier#voegToe}), the termijn and the next milestone are derived
 * again, and the zaak is stored with a version check. A malformed event or one that breaks a rule is rejected
 * ({@link OngeldigeInvoer}) before anything is written.
 */
final class ZaakEventVerwerking {

    static final String FUNCTIE = "zaak-events";

    private final ZaakEvents events;
    private final ZaakRepository zaken;
    private final EscalatieRepository escalaties;
    private final Afwijzingen afwijzingen;
    private final Zaakstand.Instellingen instellingen;
    private final Afzenders afzenders;

    ZaakEventVerwerking(ZaakEvents events, ZaakRepository zaken, EscalatieRepository escalaties, Afwijzingen afwijzingen, Omgeving omgeving) {
        this.events = events;
        this.zaken = zaken;
        this.escalaties = escalaties;
        this.afwijzingen = afwijzingen;
        this.instellingen = omgeving.instellingen();
        this.afzenders = omgeving.afzenders();
    }

    /** @throws OngeldigeInvoer when the event is rejected; then nothing was written */
    Uitkomst verwerk(JsonNode event, Instant nu) {
        LocalDate vandaag = LocalDate.ofInstant(nu, instellingen.zone());
        ZaakEvents.ZaakEvent e = events.lees(event, vandaag);
        afzenders.toets(event.path("account").textValue(), e.gemeente()); // one gemeente never touches another's zaken
        // accepted, so gemeente and zaak passed the reference rules: the log may name them
        Map<String, String> kenmerken = Map.of("gemeente", e.gemeente(), "zaak", e.zaak());
        Termijnberekening berekening = new Termijnberekening(instellingen.kalender());
        return Versieconflict.herhaal(() -> zaken.lees(e.gemeente(), e.zaak()).orElseGet(() -> Zaak.nieuw(e.gemeente(), e.zaak())), zaak -> {
            Zaakdossier.Toevoeging toevoeging = zaak.dossier().voegToe(e.feit(), berekening, vandaag);
            if (toevoeging.duplicaat()) {
                sluitEscalatie(zaak.dossier(), nu); // a retry after a crash right after storing still solves the item
                return Uitkomst.alVerwerkt(kenmerken);
            }
            // Facts kept before the receipt that the receipt shows to be wrong: handed to the beheerder with their
            // reason before the zaak drops them, so a crash in between loses nothing (a retry may hand them twice).
            for (Zaakdossier.Afgewezen a : toevoeging.afgewezen()) {
                afwijzingen.wijsAf(FUNCTIE, opgeslagenEvent(e, a.feit()), a.reden().veld(), a.reden().reden(), nu);
            }
            Zaakdossier dossier = toevoeging.dossier();
            bewaar(zaak.met(dossier), berekening, nu);
            sluitEscalatie(dossier, nu);
            return Uitkomst.verwerkt(kenmerken);
        });
    }

    /**
     * Stores the zaak with its derived termijn and next milestone. Only a besluit or withdrawal can be added to
     * a dossier whose older facts no longer compute ({@link Zaakdossier#voegToe}); such a zaak is closed and
     * leaves the due index.
     */
    private void bewaar(Zaak zaak, Termijnberekening berekening, Instant nu) {
        Zaakstand stand;
        try {
            stand = Zaakstand.bepaal(zaak.dossier(), zaak.verzonden(), nu, instellingen);
        } catch (OngeldigeInvoer onberekenbaar) {
            zaken.bewaar(zaak, null, Zaaktelling.van(zaak.dossier(), berekening), null, nu);
            return;
        }
        zaken.bewaar(zaak, stand.termijn(), stand.telling(), stand.volgendMoment(nu), nu);
    }

    /** A besluit or withdrawal solves the zaak's escalation item, if it has one (docs/escalatie.md, "The link with zaken"). */
    private void sluitEscalatie(Zaakdossier dossier, Instant nu) {
        if (dossier.afsluiting().isPresent()) {
            escalaties.sluitVoorZaak(dossier, nu);
        }
    }

    /** A stored fact as an event again (id, type, zaak and the fields kept), for the rejection queue. */
    private JsonNode opgeslagenEvent(ZaakEvents.ZaakEvent e, Feit feit) {
        ObjectNode detail = events.detail(feit).put("gemeente", e.gemeente()).put("zaak", e.zaak());
        ObjectNode event = detail.objectNode();
        event.put("id", feit.id()).put("source", ZaakEvents.SOURCE).put("detail-type", feit.soort().detailType()).set("detail", detail);
        return event;
    }
}

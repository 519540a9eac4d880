package nl.termijnwacht.functions.zaakevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import nl.termijnwacht.aws.Afwijzingen;
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

/**
 * Applies one case event: the fact is added to the zaak (keyed by its event id) if it stands next to
 * the facts already accepted ({@link Zaakdossier#voegToe}), the termijn and the next milestone are derived
 * again, and the zaak is stored with a version check. A malformed event or one that breaks a rule goes to the
 * rejection queue and changes nothing; transient AWS failures are thrown so Lambda retries the event
 * and, in the end, dead-letters it.
 */
public final class ZaakEventVerwerking {

    static final String FUNCTIE = "zaak-events";
    /** Concurrent writers to the same zaak are rare; after this many conflicts Lambda's retry takes over. */
    private static final int POGINGEN = 8;

    private final ZaakEvents events;
    private final ZaakRepository zaken;
    private final EscalatieRepository escalaties;
    private final Afwijzingen afwijzingen;
    private final Zaakstand.Instellingen instellingen;
    private final Afzenders afzenders;

    public ZaakEventVerwerking(ZaakEvents events, ZaakRepository zaken, EscalatieRepository escalaties, Afwijzingen afwijzingen, Zaakstand.Instellingen instellingen,
                               Afzenders afzenders) {
        this.events = events;
        this.zaken = zaken;
        this.escalaties = escalaties;
        this.afwijzingen = afwijzingen;
        this.instellingen = instellingen;
        this.afzenders = afzenders;
    }

    public enum Resultaat { VERWERKT, AL_VERWERKT, AFGEWEZEN }

    /**
     * @param veld  the field that was wrong, when rejected
     * @param reden why it was rejected (may quote the event's values: for the sender, not for logs)
     */
    public record Uitkomst(Resultaat resultaat, String veld, String reden) {
    }

    public Uitkomst verwerk(JsonNode event, Instant nu) {
        LocalDate vandaag = LocalDate.ofInstant(nu, instellingen.zone());
        ZaakEvents.ZaakEvent e;
        try {
            e = events.lees(event, vandaag);
            afzenders.toets(event.path("account").textValue(), e.gemeente()); // one gemeente never touches another's zaken
        } catch (OngeldigeInvoer fout) {
            return wijsAf(event, fout, nu);
        }
        Termijnberekening berekening = new Termijnberekening(instellingen.kalender());
        for (int poging = 1; ; poging++) {
            Zaak zaak = zaken.lees(e.gemeente(), e.zaak()).orElseGet(() -> Zaak.nieuw(e.gemeente(), e.zaak()));
            Zaakdossier.Toevoeging toevoeging;
            try {
                toevoeging = zaak.dossier().voegToe(e.feit(), berekening, vandaag);
            } catch (OngeldigeInvoer fout) {
                return wijsAf(event, fout, nu);
            }
            if (toevoeging.duplicaat()) {
                sluitEscalatie(zaak.dossier(), nu); // a retry after a crash right after storing still solves the item
                return new Uitkomst(Resultaat.AL_VERWERKT, null, null);
            }
            // Facts kept before the receipt that the receipt shows to be wrong: handed to the beheerder with their
            // reason before the zaak drops them, so a crash in between loses nothing (a retry may hand them twice).
            for (Zaakdossier.Afgewezen a : toevoeging.afgewezen()) {
                afwijzingen.wijsAf(FUNCTIE, opgeslagenEvent(e, a.feit()), a.reden().veld(), a.reden().reden(), nu);
            }
            Zaakdossier dossier = toevoeging.dossier();
            try {
                bewaar(new Zaak(dossier, zaak.verzonden(), zaak.versie()), nu);
                sluitEscalatie(dossier, nu);
                return new Uitkomst(Resultaat.VERWERKT, null, null);
            } catch (ZaakRepository.GelijktijdigGewijzigd conflict) {
                if (poging == POGINGEN) {
                    throw conflict;
                }
                Versieconflict.wacht(poging);
            }
        }
    }

    /**
     * Stores the zaak with its derived termijn and next milestone. Only a besluit or withdrawal can be added to
     * a dossier whose older facts no longer compute ({@link Zaakdossier#voegToe}); such a zaak is closed and
     * leaves the due index.
     */
    private void bewaar(Zaak zaak, Instant nu) {
        Zaakstand stand;
        try {
            stand = Zaakstand.bepaal(zaak.dossier(), zaak.verzonden(), nu, instellingen);
        } catch (OngeldigeInvoer onberekenbaar) {
            zaken.bewaar(zaak, null, null, nu);
            return;
        }
        zaken.bewaar(zaak, stand.termijn(), stand.volgendeMoment(nu), nu);
    }

    /** A besluit or withdrawal solves the zaak's escalation item, if it has one (docs/escalatie.md, "Zaken"). */
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

    private Uitkomst wijsAf(JsonNode event, OngeldigeInvoer fout, Instant nu) {
        afwijzingen.wijsAf(FUNCTIE, event, fout.veld(), fout.reden(), nu);
        return new Uitkomst(Resultaat.AFGEWEZEN, fout.veld(), fout.veld() + ": " + fout.reden());
    }
}

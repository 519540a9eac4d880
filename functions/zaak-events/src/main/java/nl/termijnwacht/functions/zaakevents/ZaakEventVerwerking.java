package nl.termijnwacht.functions.zaakevents;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import nl.termijnwacht.aws.Afwijzingen;
import nl.termijnwacht.aws.ZaakEvents;
import nl.termijnwacht.aws.ZaakRepository;
import nl.termijnwacht.aws.ZaakRepository.Zaak;
import nl.termijnwacht.core.OngeldigeInvoer;
import nl.termijnwacht.core.Zaakdossier;
import nl.termijnwacht.core.Zaakstand;

/**
 * Applies one case event: the fact is added to the zaak (keyed by its event id), the termijn and the
 * next milestone are derived again, and the zaak is stored with a version check. A malformed event or
 * one that breaks a rule goes to the rejection queue and changes nothing; transient AWS failures are
 * thrown so Lambda retries the event and, in the end, dead-letters it.
 */
public final class ZaakEventVerwerking {

    static final String FUNCTIE = "zaak-events";
    /** Concurrent writers to the same zaak are rare; after this many conflicts Lambda's retry takes over. */
    private static final int POGINGEN = 5;

    private final ZaakEvents events;
    private final ZaakRepository zaken;
    private final Afwijzingen afwijzingen;
    private final Zaakstand.Instellingen instellingen;

    public ZaakEventVerwerking(ZaakEvents events, ZaakRepository zaken, Afwijzingen afwijzingen, Zaakstand.Instellingen instellingen) {
        this.events = events;
        this.zaken = zaken;
        this.afwijzingen = afwijzingen;
        this.instellingen = instellingen;
    }

    public enum Resultaat { VERWERKT, AL_VERWERKT, AFGEWEZEN }

    /**
     * @param veld  the field that was wrong, when rejected
     * @param reden why it was rejected (may quote the event's values: for the sender, not for logs)
     */
    public record Uitkomst(Resultaat resultaat, String veld, String reden) {
    }

    public Uitkomst verwerk(JsonNode event, Instant nu) {
        ZaakEvents.ZaakEvent e;
        try {
            e = events.lees(event);
        } catch (OngeldigeInvoer fout) {
            return wijsAf(event, fout, nu);
        }
        for (int poging = 1; ; poging++) {
            Zaak zaak = zaken.lees(e.gemeente(), e.zaak()).orElseGet(() -> Zaak.nieuw(e.gemeente(), e.zaak()));
            if (zaak.dossier().kent(e.feit().id())) {
                return new Uitkomst(Resultaat.AL_VERWERKT, null, null);
            }
            Zaakdossier dossier = zaak.dossier().met(e.feit());
            Zaakstand stand;
            try {
                stand = Zaakstand.bepaal(dossier, zaak.verzonden(), nu, instellingen);
            } catch (OngeldigeInvoer fout) {
                return wijsAf(event, fout, nu);
            }
            try {
                zaken.bewaar(new Zaak(dossier, zaak.verzonden(), zaak.versie()), stand.termijn(), stand.volgendeMoment(nu), nu);
                return new Uitkomst(Resultaat.VERWERKT, null, null);
            } catch (ZaakRepository.GelijktijdigGewijzigd conflict) {
                if (poging == POGINGEN) {
                    throw conflict;
                }
            }
        }
    }

    private Uitkomst wijsAf(JsonNode event, OngeldigeInvoer fout, Instant nu) {
        afwijzingen.wijsAf(FUNCTIE, event, fout.veld(), fout.reden(), nu);
        return new Uitkomst(Resultaat.AFGEWEZEN, fout.veld(), fout.veld() + ": " + fout.reden());
    }
}

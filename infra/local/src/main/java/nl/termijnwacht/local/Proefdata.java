package nl.termijnwacht.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.termijnwacht.aws.ZaakRepository;
import nl.termijnwacht.core.Feit;
import nl.termijnwacht.core.Procedure;
import nl.termijnwacht.core.Zaakdossier;
import nl.termijnwacht.core.Zaakstand;

/** Synthetic zaken at scale for measurements and tests: only zaak references and dates, no personal data. */
public final class Proefdata {

    private Proefdata() {
    }

    /**
     * Imports {@code open} zaken received this week (their next warning weeks away) and {@code due} zaken
     * received 60 days before {@code nu} (lapsed: VERSTREKEN due), spread over 300 gemeenten.
     */
    public static void vul(LokaleStack stack, int open, int due, Instant nu) {
        ObjectMapper json = new ObjectMapper();
        ZaakRepository repo = ZaakRepository.van(stack.clients(), json);
        Zaakstand.Instellingen instellingen = Zaakstand.Instellingen.standaard();
        LocalDate vandaag = LocalDate.ofInstant(nu, ZoneId.of("Europe/Amsterdam"));
        Instant geregistreerd = nu.minusSeconds(86_400L * 59); // the day after the due ones were received
        List<Zaakstand> standen = new ArrayList<>(open + due);
        for (int i = 0; i < open + due; i++) {
            LocalDate ontvangen = i < due ? vandaag.minusDays(60) : vandaag.minusDays(i % 5);
            Zaakdossier d = Zaakdossier.leeg("GM" + String.format("%04d", 100 + i % 300), "Z-" + i)
                    .met(new Feit.AanvraagOntvangen("e" + i, Procedure.REGULIER, ontvangen));
            standen.add(Zaakstand.bepaal(d, Set.of(), i < due ? geregistreerd : nu, instellingen)); // never before the receipt
        }
        repo.importeer(standen, geregistreerd);
    }
}

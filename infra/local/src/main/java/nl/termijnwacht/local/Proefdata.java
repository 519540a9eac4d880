package nl.termijnwacht.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.aws.ZaakRepository;
import nl.termijnwacht.core.Escalatie;
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

    /**
     * Imports {@code open} escalation items at level 1 whose next step is weeks away and {@code due} items whose
     * level-1 term passed (they move up now), spread over 300 gemeenten.
     */
    public static void vulEscalaties(LokaleStack stack, int open, int due, Instant nu) {
        EscalatieRepository repo = EscalatieRepository.van(stack.clients());
        LocalDate vandaag = LocalDate.ofInstant(nu, ZoneId.of("Europe/Amsterdam"));
        List<Escalatie> items = new ArrayList<>(open + due);
        List<Instant> wanneer = new ArrayList<>(open + due);
        for (int i = 0; i < open + due; i++) {
            LocalDate geopend = i < due ? vandaag.minusDays(14) : vandaag;
            Escalatie e = Escalatie.voorVerstrekenZaak("GM" + String.format("%04d", 100 + i % 300), "Z-" + i, geopend.minusDays(1), geopend);
            // level 1 was told when it opened; the due ones have let their term pass
            items.add(e.metVerzonden(Set.of("escalatie#" + e.id() + "#1#ESCALATIE#1")));
            wanneer.add(i < due ? nu.minusSeconds(3600) : nu.plusSeconds(86_400L * 30));
        }
        nl.termijnwacht.aws.Ladders ladders = nl.termijnwacht.aws.Ladders.uitJar("local");
        repo.importeer(items, wanneer, e -> ladders.ladder(e.ladder(), e.gemeente()).top(), nu);
    }
}

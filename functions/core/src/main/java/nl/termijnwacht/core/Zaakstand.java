package nl.termijnwacht.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where a zaak stands at an instant: its termijn (null while the receipt is unknown), which milestones are due
 * and what it adds to its gemeente's counters. The single derivation shared by the event handler and the scanner.
 */
public record Zaakstand(Zaakdossier dossier, Beslistermijn termijn, Meldingsplanning planning, Zaaktelling telling) {

    /** How milestones are timed: at {@code tijd} in {@code zone}, warnings {@code waarschuwingsdagen} working days ahead. */
    public record Instellingen(Kalender kalender, LocalTime tijd, ZoneId zone, List<Integer> waarschuwingsdagen) {
        public Instellingen {
            Objects.requireNonNull(kalender);
            Objects.requireNonNull(tijd);
            Objects.requireNonNull(zone);
            waarschuwingsdagen = List.copyOf(waarschuwingsdagen);
        }

        public static Instellingen standaard() {
            return new Instellingen(Kalender.standaard(), LocalTime.of(7, 0), ZoneId.of("Europe/Amsterdam"), Mijlpalen.STANDAARD_WAARSCHUWINGEN);
        }
    }

    /** @throws OngeldigeInvoer when the facts break a rule of docs/termijnregels.md */
    public static Zaakstand bepaal(Zaakdossier dossier, Set<String> verzonden, Instant nu, Instellingen instellingen) {
        var aanvraag = dossier.aanvraag();
        if (aanvraag.isEmpty()) {
            return new Zaakstand(dossier, null, new Meldingsplanning(List.of(), null), Zaaktelling.LEEG);
        }
        LocalDate peildatum = LocalDate.ofInstant(nu, instellingen.zone());
        Termijnberekening berekening = new Termijnberekening(instellingen.kalender());
        Beslistermijn termijn = berekening.bereken(aanvraag.get(), peildatum);
        List<Mijlpaal> mijlpalen = Mijlpalen.voor(termijn, instellingen.waarschuwingsdagen());
        return new Zaakstand(dossier, termijn, Meldingsplanning.plan(mijlpalen, verzonden, nu, instellingen.tijd(), instellingen.zone()),
                Zaaktelling.van(dossier, berekening));
    }

    /** When the scanner must look at this zaak again; null: never (decided, withdrawn, nothing pending). */
    public Instant volgendMoment(Instant nu) {
        return planning.eerstVolgendMoment(nu);
    }

    public Zaakmelding melding(Mijlpaal mijlpaal, Instant aangemaakt) {
        return Zaakmelding.van(dossier, termijn, mijlpaal, aangemaakt);
    }
}

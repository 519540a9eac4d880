package nl.termijnwacht.core;

import static java.time.LocalDate.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class MijlpalenTest {

    private static final Termijnberekening ENGINE = new Termijnberekening(Kalender.standaard());

    private static List<String> plan(Aanvraag a, String peildatum) {
        return Mijlpalen.voor(ENGINE.bereken(a, parse(peildatum)), Mijlpalen.STANDAARD_WAARSCHUWINGEN).stream()
                .map(m -> m.code() + "@" + m.datum()).toList();
    }

    @Test
    void waarschuwingenInWerkdagenRondKoningsdag() {
        // deadline Tue 2026-04-28: 2 working days before is Thu 04-23 (Mon 04-27 is King's Day)
        Aanvraag a = Aanvraag.van(Procedure.REGULIER, parse("2026-03-02"));
        assertEquals(List.of("VOORWAARSCHUWING-10@2026-04-13", "VOORWAARSCHUWING-5@2026-04-20", "VOORWAARSCHUWING-2@2026-04-23",
                "VERVALDAG@2026-04-28", "VERSTREKEN@2026-04-29"), plan(a, "2026-03-02"));
    }

    @Test
    void dwangsomMijlpalen() {
        Aanvraag a = Aanvraag.van(Procedure.REGULIER, parse("2025-01-06")).metIngebrekestelling(parse("2025-03-04"));
        List<String> plan = plan(a, "2025-03-05");
        assertTrue(plan.containsAll(List.of("DWANGSOM_START@2025-03-18", "DWANGSOM_MAX@2025-04-28")), plan.toString());
    }

    @Test
    void besloten_of_ingetrokken_zaak_heeft_geen_mijlpalen() {
        Aanvraag a = Aanvraag.van(Procedure.REGULIER, parse("2025-01-06"));
        assertEquals(List.of(), plan(a.metBesluit(parse("2025-02-01")), "2025-02-01"));
        assertEquals(List.of(), plan(a.metIngetrokken(parse("2025-02-01")), "2025-02-01"));
    }

    @Test
    void lopendeOpschortingPlantAlleenHetEindeVanDeAanvultermijn() {
        Aanvraag a = Aanvraag.van(Procedure.REGULIER, parse("2025-01-06")).metAanvulling(Aanvulling.gevraagd(parse("2025-01-10"), parse("2025-02-10")));
        assertEquals(List.of("OPSCHORTING_VERLOPEN@2025-02-10"), plan(a, "2025-01-20"));
    }

    @Test
    void mijlpaalOmZevenUurNederlandseTijdOokRondZomertijd() {
        ZoneId amsterdam = ZoneId.of("Europe/Amsterdam");
        LocalTime zeven = LocalTime.of(7, 0);
        assertEquals(Instant.parse("2026-03-27T06:00:00Z"), new Mijlpaal(Mijlpaalsoort.VERVALDAG, parse("2026-03-27"), 0).moment(zeven, amsterdam));
        assertEquals(Instant.parse("2026-03-30T05:00:00Z"), new Mijlpaal(Mijlpaalsoort.VERVALDAG, parse("2026-03-30"), 0).moment(zeven, amsterdam));
    }

    @Test
    void configureerbareWaarschuwingsdagen() {
        Beslistermijn t = ENGINE.bereken(Aanvraag.van(Procedure.REGULIER, parse("2025-01-06")), parse("2025-01-06"));
        List<Mijlpaal> plan = Mijlpalen.voor(t, List.of(3));
        assertEquals("VOORWAARSCHUWING-3", plan.getFirst().code());
        assertEquals(parse("2025-02-26"), plan.getFirst().datum());
    }
}

package nl.termijnwacht.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** template.yaml as the one list of functions, and its schedules as EventBridge Scheduler reads them. */
class FunctiecatalogusTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private static Instant om(String lokaal) {
        return LocalDateTime.parse(lokaal).atZone(AMSTERDAM).toInstant();
    }

    @Test
    void deFunctiesUitTemplateYaml() {
        Functiecatalogus c = Functiecatalogus.standaard();
        assertEquals(List.of("zaak-events", "termijn-scanner", "escalatie-events", "escalatie-antwoord", "escalatie-scanner", "stelselrapportage"), c.namen());
        Functiecatalogus.Functie scanner = c.functie("termijn-scanner").orElseThrow();
        assertEquals("nl.termijnwacht.functions.termijnscanner.TermijnScannerHandler", scanner.handlerKlasse());
        assertEquals(List.of("Zaken"), scanner.dueTabellen(), "Zaken carries the due index; Meldingen does not");
        assertTrue(scanner.planning().orElseThrow().vuurtOp(om("2026-04-13T07:00")));
        assertTrue(c.functie("zaak-events").orElseThrow().planning().isEmpty());
        Functiecatalogus.Functie escalaties = c.functie("escalatie-scanner").orElseThrow();
        assertEquals(List.of("Escalaties"), escalaties.dueTabellen());
        // the weekly report: on its schedule only, with no due index (it always has work when its schedule fires)
        Functiecatalogus.Functie rapportage = c.functie("stelselrapportage").orElseThrow();
        assertEquals(List.of(), rapportage.dueTabellen());
        assertTrue(rapportage.planning().orElseThrow().vuurtOp(om("2026-04-27T08:00")));
        assertFalse(rapportage.planning().orElseThrow().vuurtOp(om("2026-04-28T08:00")));
        assertEquals(List.of(scanner, escalaties, rapportage), c.gepland());
        assertEquals("escalatie-events", c.voorBron("termijnwacht.escalaties").orElseThrow().naam(), "replies go where the bus rule sends them");
        assertEquals("zaak-events", c.voorBron("termijnwacht.zaken").orElseThrow().naam());
        // the answer page: behind a Function URL, neither scheduled nor on the bus
        Functiecatalogus.Functie pagina = c.functie("escalatie-antwoord").orElseThrow();
        assertTrue(pagina.functionUrl() && pagina.planning().isEmpty() && pagina.bronnen().isEmpty());
        assertEquals(List.of("Escalaties"), pagina.schrijfTabellen());
        assertTrue(c.functies().stream().filter(Functiecatalogus.Functie::functionUrl).toList().equals(List.of(pagina)));
    }

    @Test
    void elkKwartierInNederlandseTijd() {
        Planning p = Planning.van("cron(0/15 * * * ? *)", AMSTERDAM);
        assertTrue(p.vuurtOp(om("2026-03-29T03:15")), "after the DST change too");
        assertFalse(p.vuurtOp(om("2026-04-13T07:05")));
        assertTrue(p.vuurtTussen(om("2026-04-13T07:05"), om("2026-04-14T07:05")), "a day step holds many runs");
        assertFalse(p.vuurtTussen(om("2026-04-13T07:00"), om("2026-04-13T07:14")));
        assertTrue(p.vuurtTussen(om("2026-04-13T07:00"), om("2026-04-13T07:15")));
    }

    @Test
    void wekelijksOpMaandagOmAcht() {
        Planning p = Planning.van("cron(0 8 ? * MON *)", AMSTERDAM);
        assertTrue(p.vuurtOp(om("2026-04-27T08:00")), "Monday");
        assertFalse(p.vuurtOp(om("2026-04-28T08:00")), "Tuesday");
        assertFalse(p.vuurtOp(om("2026-04-27T09:00")));
        assertFalse(p.vuurtTussen(om("2026-04-26T07:05"), om("2026-04-27T07:05")), "08:00 lies after this day step");
        assertTrue(p.vuurtTussen(om("2026-04-27T07:05"), om("2026-04-28T07:05")));
        assertTrue(Planning.van("cron(30 6 1,15 JAN-MAR ? *)", AMSTERDAM).vuurtOp(om("2026-02-15T06:30")));
    }

    @Test
    void watNietWordtOndersteundIsEenFout() {
        assertThrows(IllegalArgumentException.class, () -> Planning.van("rate(15 minutes)", AMSTERDAM));
        assertThrows(IllegalArgumentException.class, () -> Planning.van("cron(0 8 ? * 2#1 *)", AMSTERDAM));
        assertThrows(IllegalArgumentException.class, () -> Planning.van("cron(0 8 L * ? *)", AMSTERDAM));
        assertThrows(IllegalArgumentException.class, () -> Planning.van("cron(61 8 * * ? *)", AMSTERDAM));
    }
}

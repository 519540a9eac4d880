package nl.termijnwacht.cli;

import static nl.termijnwacht.cli.Uitkomst.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.termijnwacht.emulator.Emulator;
import nl.termijnwacht.emulator.LosseEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLI contract of README, "The chain, locally" end to end, as a beheerder uses it: emulator start, provision,
 * invoke with the sample events, simuleer, meldingen --json, emulator stop — on a detached moto_server.
 */
class LokaleKetenTest {

    private static Path home;


    @BeforeAll
    static void eigenEmulatorMap() throws IOException {
        home = Files.createTempDirectory("termijnwacht-cli");
        System.setProperty("termijnwacht.home", home.toString());
    }

    @AfterAll
    static void stop() {
        LosseEmulator.stop(Lokaal.stateDir());
        System.clearProperty("termijnwacht.home");
    }


    @Test
    void eenZaakVanEventTotMelding() throws IOException {
        Uitkomst start = run("emulator", "start");
        assertEquals(0, start.code(), start.err());
        assertEquals(0, run("emulator", "status").code());
        Uitkomst provision = run("provision");
        assertEquals(0, provision.code(), provision.err());
        assertTrue(provision.out().contains("Zaken") && provision.out().contains("termijnmeldingen"), provision.out());
        assertEquals(0, run("provision").code(), "idempotent");

        Uitkomst invoke = run("invoke", "zaak-events", "--event", "../../events/zaak-events/AanvraagOntvangen.json", "--nu", "2026-03-02T10:00");
        assertEquals(0, invoke.code(), invoke.err());
        assertTrue(invoke.out().contains("\"VERWERKT\""), invoke.out());

        Uitkomst afgewezen = run("invoke", "zaak-events", "--event", "../../events/afgewezen/verlenging-te-lang.json", "--nu", "2026-04-20T10:00");
        assertTrue(afgewezen.out().contains("AFGEWEZEN") && afgewezen.out().contains("6 weken"), afgewezen.out());

        Uitkomst simuleer = run("simuleer", "--van", "2026-04-01T00:00", "--tot", "2026-04-30T23:45", "--stap", "PT15M");
        assertEquals(0, simuleer.code(), simuleer.err());
        assertTrue(simuleer.err().contains("simuleer 100%"), "progress on stderr: " + simuleer.err());

        Uitkomst meldingen = run("meldingen", "--json");
        assertEquals(0, meldingen.code(), meldingen.err());
        List<JsonNode> docs = new ArrayList<>();
        for (String regel : meldingen.out().strip().split("\n")) {
            docs.add(new ObjectMapper().readTree(regel));
        }
        // deadline Tue 2026-04-28: VW-10 04-13, VW-5 04-20, VW-2 04-23, VERVALDAG 04-28, VERSTREKEN 04-29
        assertEquals(List.of("VOORWAARSCHUWING-10", "VOORWAARSCHUWING-5", "VOORWAARSCHUWING-2", "VERVALDAG", "VERSTREKEN"),
                docs.stream().map(d -> d.get("mijlpaal").asText()).toList());
        assertEquals("2026-04-13T05:00:00Z", docs.getFirst().get("aangemaakt").asText());
        assertTrue(docs.stream().allMatch(d -> d.get("topic").asText().equals("termijnmeldingen")));
        assertEquals("", run("meldingen", "--json").out().strip(), "consumed");

        Uitkomst opnieuw = run("simuleer", "--van", "2026-04-01T00:00", "--tot", "2026-04-30T23:45", "--stap", "P1D");
        assertEquals(0, opnieuw.code());
        assertEquals("", run("meldingen", "--json").out().strip(), "the same period again sends nothing new");

        assertEquals(0, run("emulator", "stop").code());
        assertEquals(3, run("emulator", "status").code());
    }

    @Test
    void fouteInvoerBijLokaleCommandos() {
        Uitkomst stap = run("simuleer", "--van", "2026-04-01T00:00", "--tot", "2026-04-02T00:00", "--stap", "kwartier");
        assertEquals(2, stap.code());
        assertTrue(stap.err().startsWith("simuleer: --stap: 'kwartier' is geen ISO-duur"), stap.err());
        Uitkomst functie = run("invoke", "geen-functie");
        assertEquals(2, functie.code());
        assertTrue(functie.err().contains("onbekende functie 'geen-functie'"), functie.err());
        Uitkomst bestand = run("invoke", "zaak-events", "--event", "bestaat-niet.json");
        assertEquals(2, bestand.code());
        assertTrue(bestand.err().contains("bestaat niet"), bestand.err());
    }
}

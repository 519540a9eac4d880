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

        List<JsonNode> docs = meldingen();
        List<JsonNode> termijn = docs.stream().filter(d -> d.get("topic").asText().equals("termijnmeldingen")).toList();
        // deadline Tue 2026-04-28: VW-10 04-13, VW-5 04-20, VW-2 04-23, VERVALDAG 04-28, VERSTREKEN 04-29
        assertEquals(List.of("VOORWAARSCHUWING-10", "VOORWAARSCHUWING-5", "VOORWAARSCHUWING-2", "VERVALDAG", "VERSTREKEN"),
                termijn.stream().map(d -> d.get("mijlpaal").asText()).toList());
        assertEquals("2026-04-13T05:00:00Z", termijn.getFirst().get("aangemaakt").asText());
        // VERSTREKEN opened the item on ladder termijnoverschrijding: level 1 was told the same morning
        List<JsonNode> escalaties = docs.stream().filter(d -> d.get("topic").asText().equals("escalaties")).toList();
        assertEquals(1, escalaties.size(), docs.toString());
        JsonNode niveau1 = escalaties.getFirst();
        assertEquals("termijnwacht.escalatie/1", niveau1.get("schema").asText());
        assertEquals("ESCALATIE", niveau1.get("soort").asText());
        assertEquals(1, niveau1.get("niveau").asInt());
        assertEquals("vakteam-vth", niveau1.get("rol").asText());
        assertEquals("2026-04-29T05:00:00Z", niveau1.get("aangemaakt").asText());
        assertEquals("2026-05-01", niveau1.get("reactieUiterlijk").asText(), "2 working days after Wed 29 April");
        String escalatie = niveau1.get("escalatie").asText();
        // the regietafel got only its weekly report, every Monday at 08:00 (the weeks before 6, 13, 20 and 27 April)
        List<JsonNode> rapporten = docs.stream().filter(d -> d.get("topic").asText().equals("regietafel")).toList();
        assertEquals(docs.size(), termijn.size() + escalaties.size() + rapporten.size(), docs.toString());
        assertEquals(List.of("2026-W14 2026-04-06T06:00:00Z", "2026-W15 2026-04-13T06:00:00Z", "2026-W16 2026-04-20T06:00:00Z",
                "2026-W17 2026-04-27T06:00:00Z"), rapporten.stream().map(d -> d.get("week").asText() + " " + d.get("aangemaakt").asText()).toList());
        JsonNode w17 = rapporten.getLast();
        assertEquals("RAPPORTAGE", w17.get("soort").asText());
        assertEquals(1, w17.at("/totaal/openZaken").asLong(), "the one zaak, received 2 March, deadline 28 April");
        assertEquals(0, w17.at("/totaal/verstrekenOpen").asLong());
        assertEquals("", run("meldingen", "--json").out().strip(), "consumed");

        // the beheerder's view of the same report: the summary, the document, the page, and the recount
        Uitkomst rapport = run("rapport", "--nu", "2026-04-27T08:00");
        assertEquals(0, rapport.code(), rapport.err());
        assertTrue(rapport.out().startsWith("Stelselrapportage week 17 (maandag 20 april t/m zondag 26 april 2026)"), rapport.out());
        // run again later: the zaken's figures of week 17 are the same; the escalations are the stand at this run (the
        // item opened on 29 April), so the week gets a second version, and the regietafel no second notice
        Uitkomst rapportJson = run("rapport", "--nu", "2026-04-27T08:00", "--json");
        JsonNode later = rapportJson.json();
        for (String veld : List.of("openZaken", "opgeschort", "verstrekenOpen", "besluitenInPeriode", "dwangsomOpgebouwd")) {
            assertEquals(w17.at("/totaal/" + veld), later.at("/totaal/" + veld), veld);
        }
        assertEquals(1, later.at("/totaal/escalatiesOpen/termijnoverschrijding/1").asInt(), later.get("totaal").toString());
        assertEquals("", run("meldingen", "--json").out().strip(), "running it again published nothing twice");
        Path pagina = home.resolve("rapport").resolve("w17.html");
        Uitkomst html = run("rapport", "--week", "2026-W17", "--html", pagina.toString());
        assertEquals(0, html.code(), html.err());
        assertTrue(Files.readString(pagina).contains("<svg"), "a page with plots");
        // one gemeente's view, from its counters, neither kept nor sent
        Uitkomst eenGemeente = run("rapport", "--nu", "2026-04-27T08:00", "--gemeente", "GM0363", "--json");
        assertEquals(0, eenGemeente.code(), eenGemeente.err());
        assertEquals(1, eenGemeente.json().at("/totaal/gemeenten").asInt());
        assertEquals("GM0363", eenGemeente.json().at("/gemeenten/0/gemeente").asText());
        assertEquals(0, run("rapport", "--nu", "2026-04-27T08:00", "--gemeente", "GM0599", "--json").json().at("/totaal/openZaken").asInt());
        assertEquals(2, run("rapport", "--week", "2026-W17", "--gemeente", "GM0363").code());
        assertEquals("", run("meldingen", "--json").out().strip(), "a view is never sent");
        // the reports of April folded the March counters: a week whose trend reaches before them has no kept report
        Uitkomst oud = run("rapport", "--nu", "2026-01-19T08:00");
        assertEquals(2, oud.code(), oud.out() + oud.err());
        assertTrue(oud.err().contains("bewaarde tellers") && oud.err().contains("geen bewaard rapport van 2026-W03"), oud.err());
        Uitkomst hertel = run("hertel");
        assertEquals(0, hertel.code(), hertel.out() + hertel.err());
        assertTrue(hertel.out().contains("0 verschillen"), hertel.out());

        // level 1 takes it up on Thursday 30 April: no move up on Mon 4 May; not solved within 5 working days
        // (1, 4, 6, 7, 8 May; 5 May is a holiday) it moves up on Monday 11 May 07:00
        Path opgepakt = home.resolve("opgepakt.json");
        Files.writeString(opgepakt, """
                {"id": "antwoord-1", "source": "termijnwacht.escalaties", "detail-type": "Opgepakt",
                 "detail": {"escalatie": "%s", "niveau": 1, "datum": "2026-04-30", "toelichting": "Besluit in voorbereiding."}}""".formatted(escalatie));
        Uitkomst antwoord = run("invoke", "escalatie-events", "--event", opgepakt.toString(), "--nu", "2026-04-30T10:00");
        assertTrue(antwoord.out().contains("\"VERWERKT\""), antwoord.out() + antwoord.err());
        Uitkomst open = run("escalaties", "--json");
        assertEquals(0, open.code(), open.err());
        JsonNode item = new ObjectMapper().readTree(open.out().strip());
        assertEquals(escalatie, item.get("escalatie").asText());
        assertEquals("2026-04-30", item.get("opgepakt").asText());
        assertEquals("2026-05-08", item.get("reactieUiterlijk").asText(), "solve by the 5th working day after taking it up");
        JsonNode laatste = item.get("laatsteAntwoord");
        assertEquals("OPGEPAKT", laatste.get("gebeurtenis").asText(), item.toString());
        assertEquals(1, laatste.get("niveau").asInt());
        assertEquals("bus:onbekend", laatste.get("door").asText(), "the event file names no account");
        assertEquals("2026-04-30T08:00:00Z", laatste.get("verwerkt").asText(), "processed at --nu, beside the date it claims");

        assertEquals(0, run("simuleer", "--van", "2026-05-01T00:00", "--tot", "2026-05-11T23:45", "--stap", "PT15M").code());
        List<JsonNode> mei = meldingen().stream().filter(d -> d.get("topic").asText().equals("escalaties")).toList();
        assertEquals(List.of("ESCALATIE 2 2026-05-11T05:00:00Z"),
                mei.stream().map(d -> d.get("soort").asText() + " " + d.get("niveau").asInt() + " " + d.get("aangemaakt").asText()).toList());

        // the besluit solves it: both levels that were told get OPGELOST
        Path besluit = home.resolve("besluit.json");
        Files.writeString(besluit, Files.readString(Path.of("../../events/zaak-events/BesluitBekendgemaakt.json")).replace("2026-07-20", "2026-05-12"));
        assertTrue(run("invoke", "zaak-events", "--event", besluit.toString(), "--nu", "2026-05-12T14:00").out().contains("VERWERKT"));
        assertEquals(0, run("simuleer", "--van", "2026-05-12T14:00", "--tot", "2026-05-20T23:45", "--stap", "PT15M").code());
        List<JsonNode> opgelost = meldingen().stream().filter(d -> d.get("topic").asText().equals("escalaties")).toList();
        assertEquals(List.of("OPGELOST 1", "OPGELOST 2"), opgelost.stream().map(d -> d.get("soort").asText() + " " + d.get("niveau").asInt()).sorted().toList());
        assertEquals("Geen open escalaties.", run("escalaties").out().strip());

        Uitkomst opnieuw = run("simuleer", "--van", "2026-04-01T00:00", "--tot", "2026-04-30T23:45", "--stap", "P1D");
        assertEquals(0, opnieuw.code());
        assertEquals("", run("meldingen", "--json").out().strip(), "the same period again sends nothing new");

        assertEquals(0, run("emulator", "stop").code());
        assertEquals(3, run("emulator", "status").code());
    }

    private static List<JsonNode> meldingen() throws IOException {
        Uitkomst meldingen = run("meldingen", "--json");
        assertEquals(0, meldingen.code(), meldingen.err());
        List<JsonNode> docs = new ArrayList<>();
        for (String regel : meldingen.out().strip().split("\n")) {
            if (!regel.isBlank()) {
                docs.add(new ObjectMapper().readTree(regel));
            }
        }
        return docs;
    }

    @Test
    void fouteInvoerBijLokaleCommandos() {
        Uitkomst week = run("rapport", "--week", "2026-17");
        assertEquals(2, week.code());
        assertTrue(week.err().contains("--week") && week.err().contains("geen ISO-week"), week.err());
        assertEquals(2, run("rapport", "--week", "2027-W53").code(), "2027 has 52 weeks");
        assertEquals(2, run("hertel", "--gemeente", "Amsterdam").code());
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

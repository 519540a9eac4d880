package nl.termijnwacht.cli;

import static nl.termijnwacht.cli.Uitkomst.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BerekenCommandTest {



    @Test
    void jsonContract() throws Exception {
        Uitkomst u = run("bereken", "--procedure", "regulier", "--ontvangen", "2026-01-19", "--verlenging", "P6W",
                "--verlenging-bekendgemaakt", "2026-02-20", "--peildatum", "2026-03-01", "--json");
        assertEquals(0, u.code(), u.err());
        JsonNode j = u.json();
        assertEquals("2026-04-27", j.get("uitersteBeslisdatum").asText());
        assertEquals(0, j.get("opgeschorteDagen").asInt());
        assertTrue(j.get("verlengingMogelijkTot").isNull());
        assertTrue(j.get("dwangsom").isNull());
        assertEquals("A3", j.get("onzekerheden").get(0).get("code").asText());
        assertEquals("2026-04-28", j.get("onzekerheden").get(0).get("alternatieveDatum").asText());
        java.util.List<String> stappen = new java.util.ArrayList<>();
        j.get("stappen").forEach(n -> stappen.add(n.asText()));
        assertTrue(stappen.getFirst().startsWith("Aanvraag ontvangen op maandag 19 januari 2026"), stappen.toString());
        assertTrue(stappen.stream().anyMatch(t -> t.contains("verlengd met 6 weken") && t.contains("2026-04-27")), stappen.toString());
        assertTrue(stappen.stream().anyMatch(t -> t.contains("niet van toepassing") && t.contains("art. 4 Atw")), stappen.toString());
        assertTrue(stappen.stream().anyMatch(t -> t.startsWith("Onzekerheid A3")), stappen.toString());
        assertEquals(1, u.out().strip().lines().count(), "one JSON object on one line");
    }

    @Test
    void jsonMetOpschortingEnDwangsom() throws Exception {
        JsonNode j = run("bereken", "--procedure", "regulier", "--ontvangen", "2025-03-24", "--aanvulling", "2025-04-04/2025-04-14",
                "--ingebrekestelling", "2025-05-29", "--peildatum", "2025-06-20", "--json").json();
        assertEquals("2025-05-28", j.get("uitersteBeslisdatum").asText());
        assertEquals(9, j.get("opgeschorteDagen").asInt());
        JsonNode d = j.get("dwangsom");
        assertEquals("2025-06-12", d.get("eersteDag").asText());
        assertEquals("2025-07-23", d.get("laatsteDag").asText());
        assertEquals(9 * 23, d.get("bedrag").asInt(), "12..20 June");
    }

    @Test
    void leesbareNederlandseUitleg() {
        Uitkomst u = run("bereken", "--procedure", "regulier", "--ontvangen", "2025-02-21", "--peildatum", "2025-03-01");
        assertEquals(0, u.code());
        assertTrue(u.out().startsWith("Uiterste beslisdatum: dinsdag 22 april 2025 (2025-04-22)"), u.out());
        assertTrue(u.out().contains("Goede Vrijdag"), u.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--procedure versneld --ontvangen 2025-01-06 | --procedure: onbekende procedure 'versneld'",
            "--procedure regulier --ontvangen 2026-02-30 | --ontvangen: '2026-02-30' is geen bestaande datum",
            "--procedure regulier --ontvangen 6-1-2025 | --ontvangen: '6-1-2025' is geen bestaande datum",
            "--procedure regulier --ontvangen 2023-12-31 | --ontvangen: aanvraag ontvangen op 2023-12-31 valt onder de Wabo",
            "--procedure regulier --ontvangen 2025-01-06 --aanvulling 2025-02-10/2025-02-01 | --aanvulling: aanvulling ontvangen op 2025-02-01 ligt vóór het verzoek",
            "--procedure regulier --ontvangen 2025-01-06 --aanvulling 2025-02-10/2025-02-20/2025-03-01 | --aanvulling: '2025-02-10/2025-02-20/2025-03-01' moet de vorm V/A hebben",
            "--procedure regulier --ontvangen 2025-01-06 --verlenging P7W --verlenging-bekendgemaakt 2025-02-01 | --verlenging: verlenging van 49 dagen is langer dan de toegestane 6 weken",
            "--procedure regulier --ontvangen 2025-01-06 --verlenging P2W --verlenging P2W --verlenging-bekendgemaakt 2025-02-01 | --verlenging: de beslistermijn kan maar één keer worden verlengd",
            "--procedure regulier --ontvangen 2025-01-06 --verlenging P6W --verlenging-bekendgemaakt 2025-03-04 | --verlenging-bekendgemaakt: verlenging bekendgemaakt op 2025-03-04 is te laat",
            "--procedure regulier --ontvangen 2025-01-06 --verlenging P6W | --verlenging-bekendgemaakt: verplicht bij --verlenging",
            "--procedure regulier --ontvangen 2025-01-06 --besluit 2025-01-01 | --besluit: besluit van 2025-01-01 ligt vóór de ontvangst",
            "--procedure regulier --ontvangen 2025-01-06 --ingebrekestelling 2025-01-01 | --ingebrekestelling: ingebrekestelling van 2025-01-01 ligt vóór de ontvangst",
            "--procedure regulier --ontvangen 2025-01-06 --instemming-dagen veel | --instemming-dagen: 'veel' is geen geheel aantal dagen",
            "--ontvangen 2025-01-06 | --procedure: verplicht maar niet opgegeven",
            "--procedure regulier --ontvangen 2025-01-06 --onzin | --onzin: onbekende optie",
    })
    void fouteInvoerGeeftEenRegelEnExitcode2(String args, String verwacht) {
        String[] argv = ("bereken " + args.strip() + " --json").split(" ");
        Uitkomst u = run(argv);
        assertEquals(2, u.code(), u.err());
        assertEquals("", u.out());
        String regel = u.err().strip();
        assertEquals(1, regel.lines().count(), "exactly one line: " + regel);
        assertTrue(regel.startsWith("bereken: " + verwacht), regel);
    }

    @Test
    void zonderCommandoEenRegelMetDeCommandos() {
        Uitkomst u = run();
        assertEquals(2, u.code());
        assertTrue(u.err().strip().startsWith("termijnwacht: geef een commando: bereken, emulator, provision"), u.err());
    }

    @Test
    void hulpNoemtElkeOptieInVolgordeEnDeVersie() {
        // bereken is declared programmatically (BerekenCommand.spec): its help must stay as complete as an annotated command's
        Uitkomst u = run("bereken", "--help");
        assertEquals(0, u.code(), u.err());
        int vorige = -1;
        for (String optie : new String[] {"--procedure=PROCEDURE", "--ontvangen=DATUM", "--aanvulling=V/A", "--aanvulling-zonder-termijn=V[/A]",
                "--instemming-dagen=N", "--verlenging=DUUR", "--verlenging-bekendgemaakt=DATUM", "--ingebrekestelling=DATUM",
                "--besluit=DATUM", "--ingetrokken=DATUM", "--peildatum=DATUM", "--json", "-h, --help", "-V, --version"}) {
            int plek = u.out().indexOf("\n      " + optie) >= 0 ? u.out().indexOf("\n      " + optie) : u.out().indexOf("\n  " + optie);
            assertTrue(plek > vorige, optie + " ontbreekt of staat niet op zijn plek:\n" + u.out());
            vorige = plek;
        }
        assertEquals("termijnwacht 0.1.0", run("bereken", "-V").out().strip());
        assertEquals("termijnwacht 0.1.0", run("--version").out().strip());
        Uitkomst alles = run("--help");
        assertTrue(alles.out().contains("  bereken     Berekent de uiterste beslisdatum"), alles.out());
        assertTrue(alles.out().contains("  demo        Het hele verhaal"), alles.out());
    }
}

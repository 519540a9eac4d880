package nl.termijnwacht.cli;

import static nl.termijnwacht.cli.Uitkomst.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code termijnwacht ladder valideer|toon|diagram}: exit codes, and problems that name file, field and what is wrong. */
class LadderCommandTest {

    static final Path LADDERS = Path.of("../../infra/ladders");

    @TempDir
    Path map;

    private static String shipped() throws IOException {
        return Files.readString(LADDERS.resolve("termijnoverschrijding.yaml"));
    }

    private Path schrijf(String bestand, String tekst) throws IOException {
        return Files.writeString(map.resolve(bestand), tekst);
    }

    private static List<String> regels(String tekst) {
        return tekst.strip().lines().toList();
    }

    @Test
    void deMeegeleverdeLaddersZijnGeldig() {
        for (String bestand : new String[] {"termijnoverschrijding.yaml", "uitvoeringsknelpunt.yaml"}) {
            String pad = LADDERS.resolve(bestand).toString();
            Uitkomst u = run("ladder", "valideer", pad);
            assertEquals(0, u.code(), u.err());
            assertEquals("", u.err());
            assertTrue(u.out().startsWith(pad + ": geldig ("), u.out());
        }
        assertEquals(LADDERS.resolve("termijnoverschrijding.yaml") + ": geldig (3 niveaus, vastgesteld door College van burgemeester "
                + "en wethouders op 19 december 2023, kenmerk B&W-2023-412)", run("ladder", "valideer", LADDERS.resolve("termijnoverschrijding.yaml").toString()).out().strip());
        assertTrue(run("ladder", "valideer", LADDERS.resolve("uitvoeringsknelpunt.yaml").toString()).out().contains("(4 niveaus, vastgesteld door Bestuurlijk Overleg"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "niveau ontbreekt | '  - niveau: 2\n    naam: Afdelingshoofd VTH\n    rol: afdelingshoofd-vth\n    reactieWerkdagen: 3\n    opvolgWerkdagen: 5\n' | '' "
                    + "| niveaus[2].niveau: is 3, verwacht 2: niveaus lopen van 1 tot en met n, op volgorde",
            "niveau dubbel | '- niveau: 3' | '- niveau: 2' | niveaus[3].niveau: niveau 2 komt twee keer voor",
            "rol dubbel | 'rol: gemeentebestuur' | 'rol: vakteam-vth' | niveaus[3].rol: rol 'vakteam-vth' komt op twee niveaus voor: elke rol staat op één niveau",
            "reactietermijn nul | 'reactieWerkdagen: 2' | 'reactieWerkdagen: 0' | niveaus[1].reactieWerkdagen: moet een geheel getal van 1 tot en met 60 zijn, niet '0'",
            "opvolgtermijn negatief | 'opvolgWerkdagen: 10' | 'opvolgWerkdagen: -1' | niveaus[3].opvolgWerkdagen: moet een geheel getal van 1 tot en met 60 zijn, niet '-1'",
            "herinnering negatief | 'herinneringWerkdagen: 5' | 'herinneringWerkdagen: -5' | herinneringWerkdagen: moet een geheel getal van 1 tot en met 60 zijn, niet '-5'",
            "onbekend veld | 'versie: 1' | 'versie: 1\nprioriteit: hoog' | prioriteit: onbekend veld (bekend zijn: gemeente, herinneringWerkdagen, id, niveaus, thema, vastgesteld, versie)",
            "onbekend veld in vaststelling | '  kenmerk: B&W-2023-412' | '  kenmerk: B&W-2023-412\n  handtekening: ja' | vastgesteld.handtekening: onbekend veld (bekend zijn: datum, door, kenmerk)",
    })
    void fouteLadderGeeftExitcode2EnElkProbleem(String geval, String van, String naar, String verwacht) throws IOException {
        String tekst = shipped().replace(van.replace("\\n", "\n"), naar.replace("\\n", "\n"));
        assertFalse(tekst.equals(shipped()), geval + ": the shipped ladder changed, adjust this case");
        Path bestand = schrijf("termijnoverschrijding.yaml", tekst);
        Uitkomst u = run("ladder", "valideer", bestand.toString());
        assertEquals(2, u.code(), u.out());
        assertEquals("", u.out());
        assertEquals(List.of("termijnoverschrijding.yaml: " + verwacht), regels(u.err()), geval);
    }

    @Test
    void niveausNietOpVolgorde() throws IOException {
        Path bestand = schrijf("termijnoverschrijding.yaml", shipped().replace("- niveau: 1", "- niveau: X").replace("- niveau: 2", "- niveau: 1")
                .replace("- niveau: X", "- niveau: 2"));
        Uitkomst u = run("ladder", "valideer", bestand.toString());
        assertEquals(2, u.code());
        assertEquals(List.of("termijnoverschrijding.yaml: niveaus[1].niveau: is 2, verwacht 1: niveaus lopen van 1 tot en met n, op volgorde",
                "termijnoverschrijding.yaml: niveaus[2].niveau: is 1, verwacht 2: niveaus lopen van 1 tot en met n, op volgorde"), regels(u.err()));
    }

    @Test
    void elkProbleemOpEenEigenRegel() throws IOException {
        Path bestand = schrijf("termijnoverschrijding.yaml", shipped().replace("reactieWerkdagen: 2", "reactieWerkdagen: 0")
                .replace("rol: gemeentebestuur", "rol: vakteam-vth").replace("thema: Beslistermijnen omgevingsvergunningen", "thema: ''"));
        Uitkomst u = run("ladder", "valideer", bestand.toString());
        assertEquals(2, u.code());
        assertEquals(List.of("termijnoverschrijding.yaml: thema: ontbreekt",
                "termijnoverschrijding.yaml: niveaus[1].reactieWerkdagen: moet een geheel getal van 1 tot en met 60 zijn, niet '0'",
                "termijnoverschrijding.yaml: niveaus[3].rol: rol 'vakteam-vth' komt op twee niveaus voor: elke rol staat op één niveau"), regels(u.err()));
    }

    @Test
    void zonderVaststellingNietInProdWelInLocal() throws IOException {
        Path bestand = schrijf("termijnoverschrijding.yaml", shipped().replaceAll("(?s)vastgesteld:.*?kenmerk: B&W-2023-412\n", ""));
        for (String[] args : List.of(new String[] {"ladder", "valideer", bestand.toString()},
                new String[] {"ladder", "valideer", bestand.toString(), "--stage", "prod"})) {
            Uitkomst u = run(args);
            assertEquals(2, u.code());
            assertEquals(List.of("termijnoverschrijding.yaml: vastgesteld: ontbreekt: een ladder zonder vaststelling (door, datum, kenmerk) "
                    + "mag alleen in stage local of test, niet in prod"), regels(u.err()));
        }
        for (String stage : new String[] {"local", "test"}) {
            Uitkomst u = run("ladder", "valideer", bestand.toString(), "--stage", stage);
            assertEquals(0, u.code(), u.err());
            assertEquals(bestand + ": geldig (3 niveaus, niet vastgesteld: alleen voor stage local/test)", u.out().strip());
        }
        // toon and diagram show a draft, marked as such
        Uitkomst toon = run("ladder", "toon", bestand.toString());
        assertEquals(0, toon.code(), toon.err());
        assertTrue(toon.out().contains("Vaststelling: NIET VASTGESTELD — alleen voor stage local/test"), toon.out());
    }

    @Test
    void idAndersDanDeBestandsnaam() throws IOException {
        Path bestand = schrijf("bouwleges.yaml", shipped());
        Uitkomst u = run("ladder", "valideer", bestand.toString());
        assertEquals(2, u.code());
        assertEquals(List.of("bouwleges.yaml: id: 'termijnoverschrijding' moet gelijk zijn aan de bestandsnaam (bouwleges)"), regels(u.err()));
    }

    @Test
    void variantMetAndereGemeenteDanInDeBestandsnaam() throws IOException {
        Path bestand = schrijf("termijnoverschrijding.GM0999.yaml", shipped().replace("versie: 1", "versie: 1\ngemeente: GM0363"));
        Uitkomst u = run("ladder", "valideer", bestand.toString());
        assertEquals(2, u.code());
        assertEquals(List.of("termijnoverschrijding.GM0999.yaml: gemeente: 'GM0363' hoort ook in de bestandsnaam te staan "
                + "(termijnoverschrijding.GM0363.yaml)"), regels(u.err()));
        Path goed = schrijf("termijnoverschrijding.GM0363.yaml", shipped().replace("versie: 1", "versie: 1\ngemeente: GM0363"));
        assertEquals(0, run("ladder", "valideer", goed.toString()).code());
        assertTrue(run("ladder", "toon", goed.toString()).out().contains("Geldt voor: gemeente GM0363 (eigen variant)"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ladder valideer /bestaat/niet.yaml | valideer: /bestaat/niet.yaml: bestand bestaat niet",
            "ladder toon /bestaat/niet.yaml | toon: /bestaat/niet.yaml: bestand bestaat niet",
            "ladder diagram /bestaat/niet.yaml | diagram: /bestaat/niet.yaml: bestand bestaat niet",
            "ladder valideer ../../infra/ladders/termijnoverschrijding.yaml --stage acceptatie | valideer: --stage: onbekende stage 'acceptatie' (local, test of prod)",
            "ladder diagram ../../infra/ladders/termijnoverschrijding.yaml --richting opzij | diagram: --richting: onbekende richting 'opzij' (omlaag of omhoog)",
            "ladder diagram ../../infra/ladders/termijnoverschrijding.yaml --html /bestaat/niet/kaart.html | diagram: --html: map /bestaat/niet bestaat niet",
            "ladder valideer | valideer: BESTAND: verplicht maar niet opgegeven",
            "ladder | ladder: geef een commando: valideer, toon, diagram (zie --help)",
            "ladder teken x.yaml | ladder: teken: onbekende optie of argument (zie --help)",
    })
    void fouteAanroepEenRegelExitcode2(String args, String verwacht) {
        Uitkomst u = run(args.strip().split(" "));
        assertEquals(2, u.code(), u.err());
        assertEquals("", u.out());
        assertEquals(List.of(verwacht), regels(u.err()));
    }

    @Test
    void eenMapIsGeenLadder() {
        Uitkomst u = run("ladder", "valideer", LADDERS.toString());
        assertEquals(2, u.code());
        assertEquals(List.of("valideer: " + LADDERS + ": is een map, geen ladderbestand"), regels(u.err()));
    }

    @Test
    void toonGeeftLeesbareTekst() {
        Uitkomst u = run("ladder", "toon", LADDERS.resolve("termijnoverschrijding.yaml").toString());
        assertEquals(0, u.code(), u.err());
        List<String> r = regels(u.out());
        assertEquals("Escalatieladder termijnoverschrijding, versie 1: Beslistermijnen omgevingsvergunningen", r.get(0));
        assertEquals("Geldt voor: alle gemeenten (standaardladder)", r.get(1));
        assertEquals("Vaststelling: vastgesteld door College van burgemeester en wethouders op 19 december 2023, kenmerk B&W-2023-412", r.get(2));
        assertTrue(r.contains("Niveau 1  Vakteam VTH (rol vakteam-vth)"), u.out());
        assertTrue(r.contains("          reageren binnen 2 werkdagen, oplossen binnen 5 werkdagen na oppakken"), u.out());
        assertTrue(r.contains("          geen reactie binnen 2 werkdagen, of niet opgelost binnen 5 werkdagen na oppakken: naar niveau 2"), u.out());
        assertTrue(r.contains("Niveau 3  Gemeentesecretaris en portefeuillehouder (rol gemeentebestuur)"), u.out());
        assertTrue(r.contains("          informeert ook de regietafel"), u.out());
        assertTrue(r.contains("          hoogste niveau: elke 5 werkdagen een herinnering tot de melding is opgelost"), u.out());
        assertTrue(u.out().contains("om 07.00 uur (Nederlandse tijd) op de eerstvolgende werkdag"), u.out());
    }

    @Test
    void diagramDruktMermaidAfEnSchrijftDeKaart() throws IOException {
        Path kaart = map.resolve("kaart.html");
        Uitkomst u = run("ladder", "diagram", LADDERS.resolve("uitvoeringsknelpunt.yaml").toString(), "--html", kaart.toString(), "--richting", "omhoog");
        assertEquals(0, u.code(), u.err());
        assertTrue(u.out().contains("flowchart BT\n"), u.out());
        assertTrue(u.out().contains("    n3 -->|\"geen reactie binnen 10 werkdagen\"| n4\n"), u.out());
        assertEquals("ladderkaart geschreven naar " + kaart, u.err().strip());
        String html = Files.readString(kaart);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("Ministerie van BZK, directie Omgevingswet"));
        // without --html only the diagram, nothing written
        Uitkomst alleen = run("ladder", "diagram", LADDERS.resolve("termijnoverschrijding.yaml").toString());
        assertEquals(0, alleen.code());
        assertTrue(alleen.out().contains("flowchart TD\n"));
        assertEquals("", alleen.err());
    }
}

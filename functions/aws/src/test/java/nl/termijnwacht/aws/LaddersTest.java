package nl.termijnwacht.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import nl.termijnwacht.core.Escalatieladder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading and validating ladder files (pure: no AWS), and a gemeente's variant before the shipped ladder. */
class LaddersTest {

    private static final Path LADDERS = Path.of("../../infra/ladders");

    /** A valid three-level ladder; the cases below break it one rule at a time. */
    static final String GOED = """
            id: termijnoverschrijding
            versie: 1
            thema: Beslistermijnen omgevingsvergunningen
            vastgesteld:
              door: College van burgemeester en wethouders
              datum: 2023-12-19
              kenmerk: B&W-2023-412
            herinneringWerkdagen: 5
            niveaus:
              - niveau: 1
                naam: Vakteam VTH
                rol: vakteam-vth
                reactieWerkdagen: 2
                opvolgWerkdagen: 5
              - niveau: 2
                naam: Afdelingshoofd VTH
                rol: afdelingshoofd-vth
                reactieWerkdagen: 3
                opvolgWerkdagen: 5
              - niveau: 3
                naam: Gemeentesecretaris en portefeuillehouder
                rol: gemeentebestuur
                reactieWerkdagen: 5
                opvolgWerkdagen: 10
                informeerRegietafel: true
            """;

    private static String shipped(String bestand) throws IOException {
        return Files.readString(LADDERS.resolve(bestand));
    }

    private static List<String> fouten(String bestand, String tekst, String stage) {
        return assertThrows(Ladders.OngeldigeLadder.class, () -> Ladders.lees(bestand, tekst, stage)).fouten();
    }

    private static void bevat(List<String> fouten, String verwacht) {
        assertTrue(fouten.contains(verwacht), "expected the line\n  " + verwacht + "\namong\n  " + String.join("\n  ", fouten));
    }

    @Test
    void deMeegeleverdeLaddersZijnGeldigInProd() throws IOException {
        Escalatieladder t = Ladders.lees("termijnoverschrijding.yaml", shipped("termijnoverschrijding.yaml"), "prod");
        assertEquals(3, t.top());
        assertNull(t.gemeente());
        assertEquals(LocalDate.of(2023, 12, 19), t.vastgesteld().datum());
        assertTrue(t.niveau(3).informeerRegietafel());
        assertFalse(t.niveau(1).informeerRegietafel());
        Escalatieladder u = Ladders.lees("uitvoeringsknelpunt.yaml", shipped("uitvoeringsknelpunt.yaml"), "prod");
        assertEquals(4, u.top());
        assertEquals(10, u.herinneringWerkdagen());
        assertEquals(Ladders.lees("termijnoverschrijding.yaml", GOED, "prod"), t, "the fixture is the shipped ladder without comments");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // what is broken | replace | by | the line expected (after "termijnoverschrijding.yaml: ")
            "niveau ontbreekt | '  - niveau: 2\n    naam: Afdelingshoofd VTH\n    rol: afdelingshoofd-vth\n    reactieWerkdagen: 3\n    opvolgWerkdagen: 5\n' | '' "
                    + "| niveaus[2].niveau: is 3, verwacht 2: niveaus lopen van 1 tot en met n, op volgorde",
            "niveau dubbel | '- niveau: 3' | '- niveau: 2' | niveaus[3].niveau: niveau 2 komt twee keer voor",
            "niveaus door elkaar | '- niveau: 1' | '- niveau: 9' | niveaus[1].niveau: is 9, verwacht 1: niveaus lopen van 1 tot en met n, op volgorde",
            "rol dubbel | 'rol: afdelingshoofd-vth' | 'rol: vakteam-vth' | niveaus[2].rol: rol 'vakteam-vth' komt op twee niveaus voor: elke rol staat op één niveau",
            "reactietermijn nul | 'reactieWerkdagen: 2' | 'reactieWerkdagen: 0' | niveaus[1].reactieWerkdagen: moet een geheel getal van 1 tot en met 60 zijn, niet '0'",
            "opvolgtermijn negatief | 'opvolgWerkdagen: 10' | 'opvolgWerkdagen: -3' | niveaus[3].opvolgWerkdagen: moet een geheel getal van 1 tot en met 60 zijn, niet '-3'",
            "termijn te lang | 'reactieWerkdagen: 3' | 'reactieWerkdagen: 61' | niveaus[2].reactieWerkdagen: moet een geheel getal van 1 tot en met 60 zijn, niet '61'",
            "termijn geen getal | 'reactieWerkdagen: 3' | 'reactieWerkdagen: drie' | niveaus[2].reactieWerkdagen: moet een geheel getal van 1 tot en met 60 zijn, niet 'drie'",
            "herinnering nul | 'herinneringWerkdagen: 5' | 'herinneringWerkdagen: 0' | herinneringWerkdagen: moet een geheel getal van 1 tot en met 60 zijn, niet '0'",
            "onbekend veld | 'versie: 1' | 'versie: 1\nkleur: rood' | kleur: onbekend veld (bekend zijn: gemeente, herinneringWerkdagen, id, niveaus, thema, vastgesteld, versie)",
            "onbekend veld in niveau | '    opvolgWerkdagen: 5\n  - niveau: 2' | '    opvolgWerkdagen: 5\n    escaleren: ja\n  - niveau: 2' "
                    + "| niveaus[1].escaleren: onbekend veld (bekend zijn: informeerRegietafel, naam, niveau, opvolgWerkdagen, reactieWerkdagen, rol, terugleggenHoogstens)",
            "rol met hoofdletters | 'rol: gemeentebestuur' | 'rol: Gemeentebestuur' | niveaus[3].rol: 'Gemeentebestuur' heeft niet de vorm kleine letters, cijfers en '-', bijv. afdelingshoofd-vth",
            "naam ontbreekt | '    naam: Vakteam VTH\n' | '' | niveaus[1].naam: ontbreekt",
            "regietafel geen boolean | 'informeerRegietafel: true' | 'informeerRegietafel: ja graag' | niveaus[3].informeerRegietafel: moet true of false zijn",
            "datum bestaat niet | 'datum: 2023-12-19' | 'datum: 2026-02-30' | vastgesteld.datum: '2026-02-30' is geen bestaande datum (verwacht JJJJ-MM-DD, bijv. 2026-03-31)",
            "kenmerk ontbreekt | '  kenmerk: B&W-2023-412\n' | '' | vastgesteld.kenmerk: ontbreekt",
            "geen niveaus | 'niveaus:' | 'niveaus: []\noud:' | niveaus: ontbreekt of is leeg: een ladder heeft ten minste één niveau",
    })
    void elkeRegelNoemtBestandVeldEnProbleem(String geval, String van, String naar, String verwacht) {
        String tekst = GOED.replace(van.replace("\\n", "\n"), naar.replace("\\n", "\n"));
        assertFalse(tekst.equals(GOED), geval + ": the fixture did not change");
        List<String> fouten = fouten("termijnoverschrijding.yaml", tekst, "test");
        if (verwacht.startsWith("niveaus: ontbreekt")) {
            bevat(fouten, "termijnoverschrijding.yaml: oud: onbekend veld (bekend zijn: gemeente, herinneringWerkdagen, id, niveaus, thema, vastgesteld, versie)");
        }
        bevat(fouten, "termijnoverschrijding.yaml: " + verwacht);
    }

    @Test
    void elkProbleemKomtMeeNietAlleenHetEerste() {
        String tekst = GOED.replace("reactieWerkdagen: 2", "reactieWerkdagen: 0").replace("rol: gemeentebestuur", "rol: vakteam-vth")
                .replace("versie: 1", "versie: 1\nkleur: rood");
        List<String> fouten = fouten("termijnoverschrijding.yaml", tekst, "prod");
        assertEquals(3, fouten.size(), fouten.toString());
    }

    @Test
    void zonderVaststellingAlleenInLocalEnTest() {
        String concept = GOED.replaceAll("(?s)vastgesteld:.*?kenmerk: B&W-2023-412\n", "");
        assertFalse(concept.contains("vastgesteld"));
        bevat(fouten("termijnoverschrijding.yaml", concept, "prod"), "termijnoverschrijding.yaml: vastgesteld: ontbreekt: een ladder zonder "
                + "vaststelling (door, datum, kenmerk) mag alleen in stage local of test, niet in prod");
        assertNull(Ladders.lees("termijnoverschrijding.yaml", concept, "local").vastgesteld());
        assertNull(Ladders.lees("termijnoverschrijding.yaml", concept, "test").vastgesteld());
        // an unknown stage is treated as production, never as a test stage
        assertThrows(Ladders.OngeldigeLadder.class, () -> Ladders.lees("termijnoverschrijding.yaml", concept, "acceptatie"));
    }

    @Test
    void idMoetDeBestandsnaamZijn() {
        bevat(fouten("escalatie.yaml", GOED, "test"), "escalatie.yaml: id: 'termijnoverschrijding' moet gelijk zijn aan de bestandsnaam (escalatie)");
        bevat(fouten("Termijnoverschrijding.yaml", GOED, "test"), "Termijnoverschrijding.yaml: bestandsnaam moet <id>.yaml of <id>.<GMxxxx>.yaml zijn");
        bevat(fouten("termijnoverschrijding.gm0363.yaml", GOED.replace("versie: 1", "versie: 1\ngemeente: GM0363"), "test"),
                "termijnoverschrijding.gm0363.yaml: bestandsnaam moet <id>.yaml of <id>.<GMxxxx>.yaml zijn");
    }

    @Test
    void geenYamlOfGeenLadder() {
        assertEquals(List.of("x.yaml: geen geldige YAML (regel 2)"), fouten("x.yaml", "id: x\n  - : [\n", "test"));
        assertEquals(List.of("x.yaml: verwacht een ladder (id, versie, thema, vastgesteld, herinneringWerkdagen, niveaus)"), fouten("x.yaml", "- 1\n- 2\n", "test"));
        assertEquals(List.of("x.yaml: verwacht een ladder (id, versie, thema, vastgesteld, herinneringWerkdagen, niveaus)"), fouten("x.yaml", "", "test"));
    }

    @Test
    void eenVeldTweeKeerWordtGeweigerd() {
        // YAML parsers keep the last of two equal keys by default: a second 'niveaus:' would silently replace the approved ones
        String tekst = GOED + "niveaus:\n  - niveau: 1\n    naam: Niemand\n    rol: niemand\n    reactieWerkdagen: 60\n    opvolgWerkdagen: 60\n";
        List<String> fouten = fouten("termijnoverschrijding.yaml", tekst, "test");
        assertEquals(1, fouten.size(), fouten.toString());
        assertEquals(List.of("termijnoverschrijding.yaml: niveaus: komt twee keer voor (regel 27)"), fouten);
        // also within a level
        assertEquals(List.of("termijnoverschrijding.yaml: reactieWerkdagen: komt twee keer voor (regel 14)"),
                fouten("termijnoverschrijding.yaml", GOED.replace("reactieWerkdagen: 2\n", "reactieWerkdagen: 2\n    reactieWerkdagen: 20\n"), "test"));
    }

    @Test
    void eenGemeenteMetEigenVariantKrijgtDieDeRestDeMeegeleverde(@TempDir Path map) throws IOException {
        Files.writeString(map.resolve("termijnoverschrijding.yaml"), shipped("termijnoverschrijding.yaml"));
        Files.writeString(map.resolve("termijnoverschrijding.GM0999.yaml"), GOED.replace("versie: 1", "versie: 3\ngemeente: GM0999")
                .replace("naam: Vakteam VTH", "naam: Team Vergunningen").replaceAll("(?s)vastgesteld:.*?kenmerk: B&W-2023-412\n", ""));
        Ladders ladders = Ladders.uitMap(map, "test");

        Escalatieladder eigen = ladders.ladder(Ladders.TERMIJNOVERSCHRIJDING, "GM0999");
        assertEquals("GM0999", eigen.gemeente());
        assertEquals(3, eigen.versie());
        assertEquals("Team Vergunningen", eigen.niveau(1).naam());
        assertEquals("termijnoverschrijding.GM0999.yaml", eigen.bestand());

        for (String gemeente : new String[] {"GM0001", null, "onzin"}) {
            Escalatieladder standaard = ladders.ladder(Ladders.TERMIJNOVERSCHRIJDING, gemeente);
            assertNull(standaard.gemeente(), String.valueOf(gemeente));
            assertEquals("Vakteam VTH", standaard.niveau(1).naam());
            assertEquals("termijnoverschrijding.yaml", standaard.bestand());
        }
        IllegalStateException ontbreekt = assertThrows(IllegalStateException.class, () -> ladders.ladder(Ladders.UITVOERINGSKNELPUNT, "GM0999"));
        assertEquals("ladder uitvoeringsknelpunt.yaml ontbreekt", ontbreekt.getMessage());

        // the same variant is refused in production: it has no vaststelling
        Ladders prod = Ladders.uitMap(map, "prod");
        assertThrows(Ladders.OngeldigeLadder.class, () -> prod.ladder(Ladders.TERMIJNOVERSCHRIJDING, "GM0999"));
        assertNull(prod.ladder(Ladders.TERMIJNOVERSCHRIJDING, "GM0001").gemeente());
    }

    @Test
    void eenVariantMoetDeGemeenteVanHaarBestandsnaamNoemen(@TempDir Path map) throws IOException {
        Files.writeString(map.resolve("termijnoverschrijding.yaml"), shipped("termijnoverschrijding.yaml"));
        Files.writeString(map.resolve("termijnoverschrijding.GM0999.yaml"), GOED.replace("versie: 1", "versie: 1\ngemeente: GM0363"));
        Ladders ladders = Ladders.uitMap(map, "test");
        Ladders.OngeldigeLadder fout = assertThrows(Ladders.OngeldigeLadder.class, () -> ladders.ladder(Ladders.TERMIJNOVERSCHRIJDING, "GM0999"));
        assertEquals(List.of("termijnoverschrijding.GM0999.yaml: gemeente: 'GM0363' hoort ook in de bestandsnaam te staan "
                + "(termijnoverschrijding.GM0363.yaml)"), fout.fouten());
        // and a shipped ladder cannot claim a gemeente either
        bevat(fouten("termijnoverschrijding.yaml", GOED.replace("versie: 1", "versie: 1\ngemeente: GM0363"), "test"),
                "termijnoverschrijding.yaml: gemeente: 'GM0363' hoort ook in de bestandsnaam te staan (termijnoverschrijding.GM0363.yaml)");
    }
}

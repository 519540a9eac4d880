package nl.termijnwacht.core;

import static java.time.LocalDate.parse;
import static nl.termijnwacht.core.EscalatieTest.AMSTERDAM;
import static nl.termijnwacht.core.EscalatieTest.K;
import static nl.termijnwacht.core.EscalatieTest.LADDER;
import static nl.termijnwacht.core.EscalatieTest.ZEVEN;
import static nl.termijnwacht.core.EscalatieTest.om;
import static nl.termijnwacht.core.EscalatieTest.scan;
import static nl.termijnwacht.core.EscalatieTest.verstuur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import nl.termijnwacht.core.Escalatie.Antwoord;
import nl.termijnwacht.core.Escalatie.Antwoordsoort;
import org.junit.jupiter.api.Test;

class EscalatiemeldingTest {

    private static boolean ascii(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
    }

    /** The example of docs/escalatie.md ("Timing") at level 2 since Mon 2026-05-04 (see EscalatieTest). */
    private static Escalatie opNiveau2() {
        Escalatie e = verstuur(EscalatieTest.open("2026-04-29"), om("2026-04-29", "07:00"));
        return scan(e, "2026-05-04");
    }

    @Test
    void onderwerp_is_ascii_en_korter_dan_100_tekens_ook_bij_een_lange_zaak() {
        String zaak = "ZAAK-2026-Ångström-ĳzer-€-" + "X".repeat(200);
        Escalatie e = Escalatie.voorVerstrekenZaak("GM0363", zaak, parse("2026-04-28"), parse("2026-04-29"));
        Instant nu = om("2026-04-29", "07:00");
        List<Escalatiemelding> open = e.teVersturen(LADDER, K, nu);
        assertEquals(1, open.size());
        e = verstuur(e, nu);
        e = verstuur(e.bij(LADDER, K, om("2026-05-04", "07:00"), ZEVEN, AMSTERDAM), nu);
        e = e.bij(LADDER, K, om("2026-05-11", "07:00"), ZEVEN, AMSTERDAM);
        List<Escalatiemelding> alle = new java.util.ArrayList<>(open);
        alle.addAll(e.teVersturen(LADDER, K, nu));
        alle.addAll(verstuur(e, nu).sluitVanzelf("besluit", parse("2026-05-12")).teVersturen(LADDER, K, nu));
        assertTrue(alle.size() >= 5, alle.toString());
        for (Escalatiemelding m : alle) {
            String o = m.onderwerp();
            assertTrue(o.length() < 100, o.length() + ": " + o);
            assertTrue(ascii(o), o);
            assertTrue(o.startsWith("Termijnwacht GM0363 termijnoverschrijding: "), o);
        }
    }

    @Test
    void onderwerp_noemt_soort_niveau_en_zaak() {
        Escalatiemelding m = opNiveau2().teVersturen(LADDER, K, om("2026-05-04", "07:00")).getFirst();
        assertEquals("Termijnwacht GM0363 termijnoverschrijding: escalatie niveau 2, zaak Z-2026-001", m.onderwerp());
    }

    @Test
    void tekst_van_een_escalatie_op_niveau2() {
        Escalatie e = opNiveau2();
        List<Escalatiemelding> uit = e.teVersturen(LADDER, K, om("2026-05-04", "07:00"));
        assertEquals(1, uit.size());
        Escalatiemelding m = uit.getFirst();
        assertEquals(Escalatiemelding.Soort.ESCALATIE, m.soort());
        assertFalse(m.regietafel());
        String t = m.tekst();
        assertTrue(t.startsWith("ESCALATIE aan Afdelingshoofd VTH (niveau 2 van 3)"), t);
        // what
        assertTrue(t.contains("Beslistermijn verstreken van zaak Z-2026-001 (GM0363)"), t);
        // since: opened Wed 29 April, at level 2 since Mon 4 May
        assertTrue(t.contains("woensdag 29 april 2026"), t);
        assertTrue(t.contains("maandag 4 mei 2026"), t);
        // what was tried below
        assertTrue(t.contains("geen reactie binnen 2 werkdagen"), t);
        // respond by: 3 working days after Mon 05-04, Bevrijdingsdag Tue 05-05 skipped -> Fri 05-08
        assertTrue(t.contains("reageer uiterlijk vrijdag 8 mei 2026"), t);
        // and then: level 3 on Mon 05-11
        assertTrue(t.contains("Gemeentesecretaris en portefeuillehouder"), t);
        assertTrue(t.contains("maandag 11 mei 2026"), t);
        assertTrue(t.contains("B&W-2026-123"), t);
    }

    @Test
    void regietafel_krijgt_een_kopie_op_niveau3() {
        Escalatie e = scan(verstuur(opNiveau2(), om("2026-05-04", "07:00")), "2026-05-11");
        List<Escalatiemelding> uit = e.teVersturen(LADDER, K, om("2026-05-11", "07:00"));
        assertEquals(2, uit.size());
        Escalatiemelding kopie = uit.stream().filter(Escalatiemelding::regietafel).findFirst().orElseThrow();
        assertTrue(kopie.idempotencyKey().endsWith("#regietafel"));
        assertTrue(kopie.tekst().contains("kopie voor de regietafel"), kopie.tekst());
        // at the top nothing climbs further: a reminder follows (5 days from Mon 05-11 past Hemelvaart and 05-15 -> Thu 05-21)
        assertTrue(kopie.tekst().contains("donderdag 21 mei 2026 een herinnering"), kopie.tekst());
    }

    @Test
    void herinnering_noemt_haar_telling_uit_het_veld() {
        Escalatie e = verstuur(scan(EscalatieTest.opNiveau3(), "2026-05-21"), om("2026-05-21", "07:00"));
        e = scan(e, "2026-06-01");
        List<Escalatiemelding> uit = e.teVersturen(LADDER, K, om("2026-06-01", "07:00"));
        assertEquals(2, uit.size());
        for (Escalatiemelding m : uit) {
            assertEquals(Escalatiemelding.Soort.HERINNERING, m.soort());
            assertEquals("ma 1 jun: herinnering 2 aan niveau 3: niet opgelost binnen 5 werkdagen", m.geschiedenis().getLast());
            assertTrue(m.tekst().contains("\n- ma 1 jun: herinnering 2 aan niveau 3: niet opgelost binnen 5 werkdagen\n"), m.tekst());
            assertTrue(m.tekst().startsWith("HERINNERING aan Gemeentesecretaris en portefeuillehouder (niveau 3 van 3): nog niet opgelost"), m.tekst());
        }
    }

    @Test
    void opgelost_sluit_de_escalatie_af() {
        Escalatie e = verstuur(opNiveau2(), om("2026-05-04", "07:00"))
                .sluitVanzelf("besluit verzonden", parse("2026-05-06"));
        List<Escalatiemelding> uit = e.teVersturen(LADDER, K, om("2026-05-06", "12:00"));
        assertEquals(2, uit.size());
        for (Escalatiemelding m : uit) {
            assertEquals(Escalatiemelding.Soort.OPGELOST, m.soort());
            String t = m.tekst();
            assertTrue(t.startsWith("OPGELOST"), t);
            assertTrue(t.contains("opgelost op woensdag 6 mei 2026"), t);
            assertTrue(t.contains("dit bericht sluit de escalatie af"), t);
            assertFalse(t.contains("reageer uiterlijk"), t);
            assertTrue(m.onderwerp().contains("opgelost"), m.onderwerp());
        }
    }

    @Test
    void toelichting_met_email_komt_nooit_onbewerkt_in_de_tekst() {
        String ruw = "Overleg met jan.jansen@gemeente.nl en 06-12345678 gepland";
        String schoon = Vrijetekst.schoon(ruw); // as the reply path does
        Escalatie e = verstuur(opNiveau2(), om("2026-05-04", "07:00"));
        e = e.beantwoord(new Antwoord("evt-1", Antwoordsoort.OPGEPAKT, 2, parse("2026-05-04"), schoon, "link:niveau-2", null), LADDER, K,
                om("2026-05-04", "10:00"), ZEVEN, AMSTERDAM).escalatie();
        // not solved in 5 working days after Mon 05-04 (Wed 06, Thu 07, Fri 08, Mon 11, Tue 12) -> level 3 on Wed 05-13
        e = scan(verstuur(e, om("2026-05-04", "10:00")), "2026-05-13");
        assertEquals(3, e.stand().niveau());
        List<Escalatiemelding> uit = e.teVersturen(LADDER, K, om("2026-05-13", "07:00"));
        assertEquals(2, uit.size());
        for (Escalatiemelding m : uit) {
            String t = m.tekst() + "\n" + m.onderwerp() + "\n" + String.join("\n", m.geschiedenis());
            assertFalse(t.contains("jan.jansen"), t);
            assertFalse(t.contains("@"), t);
            assertFalse(t.contains("12345678"), t);
            assertTrue(t.contains("opgepakt door niveau 2 (Afdelingshoofd VTH) via de antwoordlink: Overleg met [verwijderd]"), t);
        }
    }
}

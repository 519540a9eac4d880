package nl.termijnwacht.core;

import static java.time.LocalDate.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import nl.termijnwacht.core.Escalatie.Antwoord;
import nl.termijnwacht.core.Escalatie.Antwoordsoort;
import nl.termijnwacht.core.Escalatie.Gebeurtenis;
import nl.termijnwacht.core.Escalatie.Stap;
import org.junit.jupiter.api.Test;

/**
 * The escalation rules (docs/escalatie.md) on the shipped ladder termijnoverschrijding: level 1 (2 days to react,
 * 5 to follow up), level 2 (3/5), level 3 (5/10, regietafel), a reminder every 5 working days at the top.
 * Every expected date below is derived by hand from the Atw calendar of 2026; the derivation is in the comment.
 */
class EscalatieTest {

    static final Kalender K = Kalender.standaard();
    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final LocalTime ZEVEN = LocalTime.of(7, 0);
    static final String GEMEENTE = "GM0363";
    static final String ZAAK = "Z-2026-001";
    static final String ID = "termijnoverschrijding:GM0363:Z-2026-001";
    static final String BASIS = "escalatie#" + ID + "#";
    /** The integration the replies of these tests come from. */
    static final String DOOR = "bus:111111111111";

    static final Escalatieladder LADDER = new Escalatieladder("termijnoverschrijding", 1, "Beslistermijnen omgevingsvergunningen", null,
            new Escalatieladder.Vaststelling("College van burgemeester en wethouders", parse("2026-10-01"), "B&W-2026-123"), 5, List.of(
            new Escalatieladder.Niveau(1, "Vakteam VTH", "vakteam-vth", 2, 5, false),
            new Escalatieladder.Niveau(2, "Afdelingshoofd VTH", "afdelingshoofd-vth", 3, 5, false),
            new Escalatieladder.Niveau(3, "Gemeentesecretaris en portefeuillehouder", "gemeentebestuur", 5, 10, true)));

    // ------------------------------------------------------------------ helpers

    static Instant om(String datum, String tijd) {
        return parse(datum).atTime(LocalTime.parse(tijd)).atZone(AMSTERDAM).toInstant();
    }

    static Escalatie open(String dag) {
        return Escalatie.voorVerstrekenZaak(GEMEENTE, ZAAK, parse("2026-04-01"), parse(dag));
    }

    /** The daily scanner at 07:00 Amsterdam on {@code dag}. */
    static Escalatie scan(Escalatie e, String dag) {
        return e.bij(LADDER, K, om(dag, "07:00"), ZEVEN, AMSTERDAM);
    }

    static Set<String> sleutels(Escalatie e, Instant nu) {
        return e.teVersturen(LADDER, K, nu).stream().map(Escalatiemelding::idempotencyKey).collect(Collectors.toSet());
    }

    /** Sends what is due (as the notifier would) and records it. */
    static Escalatie verstuur(Escalatie e, Instant nu) {
        return e.metVerzonden(sleutels(e, nu));
    }

    /** Opened on {@code dag} and level 1's notice sent: level 1 can answer. */
    static Escalatie gemeld(String dag) {
        return verstuur(open(dag), om(dag, "07:00"));
    }

    /** The scanner's run at 07:00 on {@code dag} with what it sends. */
    static Escalatie scanEnVerstuur(Escalatie e, String dag) {
        return verstuur(scan(e, dag), om(dag, "07:00"));
    }

    static Escalatie.Beantwoord antwoord(Escalatie e, String event, Antwoordsoort soort, int niveau, String datum, String toelichting,
                                         Instant verwerkt) {
        return e.beantwoord(new Antwoord(event, soort, niveau, parse(datum), toelichting, DOOR, null), LADDER, K, verwerkt, ZEVEN, AMSTERDAM);
    }

    static OngeldigeInvoer afgewezen(Escalatie e, String event, Antwoordsoort soort, int niveau, String datum, String toelichting,
                                     Instant verwerkt) {
        return assertThrows(OngeldigeInvoer.class, () -> antwoord(e, event, soort, niveau, datum, toelichting, verwerkt));
    }

    static Stap laatste(Escalatie e) {
        return e.geschiedenis().getLast();
    }

    /**
     * The example of docs/escalatie.md ("Timing"), scanned daily and every notice sent: opened Wed 2026-04-29 at level 1; level 2 on Mon 05-04;
     * level 3 on Mon 05-11 (derivations in {@link #ontwerpvoorbeeld_klimtOpMaandag4Mei} and
     * {@link #bevrijdingsdag_telt_niet_niveau2_reageert_tot_vrijdag8Mei}).
     */
    static Escalatie opNiveau3() {
        Escalatie e = verstuur(open("2026-04-29"), om("2026-04-29", "07:00"));
        e = verstuur(scan(e, "2026-05-04"), om("2026-05-04", "07:00"));
        e = verstuur(scan(e, "2026-05-11"), om("2026-05-11", "07:00"));
        assertEquals(3, e.stand().niveau());
        assertEquals(parse("2026-05-11"), e.stand().sinds());
        return e;
    }

    // ------------------------------------------------------------------ opening

    @Test
    void openen_op_niveau1_met_id_uit_gemeente_en_zaak() {
        Escalatie e = open("2026-04-29");
        assertEquals(ID, e.id());
        assertEquals(ID, Escalatie.idVoorZaak(GEMEENTE, ZAAK));
        assertEquals(1, e.geschiedenis().size());
        Stap s = e.geschiedenis().getFirst();
        assertEquals(Gebeurtenis.GEOPEND, s.gebeurtenis());
        assertEquals(parse("2026-04-29"), s.datum());
        assertEquals(1, s.niveau());
        assertEquals(1, e.stand().niveau());
        assertEquals(parse("2026-04-29"), e.stand().sinds());
        assertEquals(parse("2026-04-29"), e.stand().geopend());
        assertNull(e.stand().opgepakt());
        assertTrue(e.open());
    }

    // ------------------------------------------------------------------ response terms across the calendar

    @Test
    void ontwerpvoorbeeld_klimtOpMaandag4Mei() {
        // reached Wed 04-29, 2 days: Thu 04-30 (1), Fri 05-01 (2) -> answer by Fri 05-01; up on Mon 05-04 (3rd working day) 07:00
        Escalatie e = open("2026-04-29");
        assertEquals(parse("2026-05-01"), e.reactieUiterlijk(LADDER, K));
        Escalatie.Volgende v = e.volgende(LADDER, K);
        assertEquals(Gebeurtenis.OMHOOG, v.gebeurtenis());
        assertEquals(parse("2026-05-04"), v.dag());
        assertEquals(2, v.naarNiveau());

        assertSame(e, e.bij(LADDER, K, om("2026-05-01", "23:59"), ZEVEN, AMSTERDAM), "still within the response term");
        assertSame(e, e.bij(LADDER, K, om("2026-05-04", "06:59"), ZEVEN, AMSTERDAM), "not before 07:00 Amsterdam");
        Escalatie na = e.bij(LADDER, K, om("2026-05-04", "07:00"), ZEVEN, AMSTERDAM);
        assertEquals(2, na.geschiedenis().size());
        Stap s = laatste(na);
        assertEquals(Gebeurtenis.OMHOOG, s.gebeurtenis());
        assertEquals(2, s.niveau());
        assertEquals(parse("2026-05-04"), s.datum());
        assertEquals("geen reactie binnen 2 werkdagen", s.toelichting());
        assertEquals(2, na.stand().niveau());
        assertEquals(parse("2026-05-04"), na.stand().sinds());
    }

    @Test
    void bevrijdingsdag_telt_niet_niveau2_reageert_tot_vrijdag8Mei() {
        // level 2 reached Mon 05-04, 3 days: Tue 05-05 is Bevrijdingsdag (every year), Wed 06 (1), Thu 07 (2), Fri 08 (3)
        // -> answer by Fri 05-08; up on Mon 05-11 (4th working day)
        Escalatie e = scan(open("2026-04-29"), "2026-05-04");
        assertEquals(parse("2026-05-08"), e.reactieUiterlijk(LADDER, K));
        assertEquals(parse("2026-05-11"), e.volgende(LADDER, K).dag());
        assertEquals(3, e.volgende(LADDER, K).naarNiveau());
        assertSame(e, scan(e, "2026-05-08"));
        Escalatie na = scan(e, "2026-05-11");
        assertEquals(3, na.stand().niveau());
        assertEquals(parse("2026-05-11"), laatste(na).datum());
        assertEquals("geen reactie binnen 3 werkdagen", laatste(na).toelichting());
    }

    @Test
    void koningsdag_maandag27April_telt_niet() {
        // Koningsdag 2026 is Mon 04-27. Reached Thu 04-23, 2 days: Fri 04-24 (1), [Sat, Sun, Mon 27 Koningsdag], Tue 04-28 (2)
        // -> answer by Tue 04-28; up on Wed 04-29
        assertEquals("Koningsdag", K.feestdag(parse("2026-04-27")).orElseThrow());
        Escalatie e = open("2026-04-23");
        assertEquals(parse("2026-04-28"), e.reactieUiterlijk(LADDER, K));
        assertEquals(parse("2026-04-29"), e.volgende(LADDER, K).dag());
        assertSame(e, scan(e, "2026-04-28"));
        assertEquals(2, scan(e, "2026-04-29").stand().niveau());
    }

    @Test
    void hemelvaart_en_de_gelijkgestelde_vrijdag_tellen_niet() {
        // computed, not assumed: Hemelvaart Thu 05-14 and Fri 05-15 (equated by royal decree, gelijkgestelde-dagen.txt) are free
        assertFalse(K.isWerkdag(parse("2026-05-14")));
        assertEquals("Hemelvaartsdag", K.feestdag(parse("2026-05-14")).orElseThrow());
        assertFalse(K.isWerkdag(parse("2026-05-15")));
        // reached Wed 05-13, 2 days: [Thu 14, Fri 15, Sat, Sun], Mon 05-18 (1), Tue 05-19 (2) -> answer by Tue 05-19; up Wed 05-20
        Escalatie e = open("2026-05-13");
        assertEquals(parse("2026-05-19"), e.reactieUiterlijk(LADDER, K));
        assertEquals(parse("2026-05-20"), e.volgende(LADDER, K).dag());
        assertSame(e, scan(e, "2026-05-15"));
        assertSame(e, scan(e, "2026-05-19"));
        assertEquals(2, scan(e, "2026-05-20").stand().niveau());
    }

    @Test
    void pinkstermaandag_telt_niet() {
        // Pinkstermaandag 2026 is Mon 05-25 (Easter 04-05 + 50). Reached Fri 05-22, 2 days: [Sat, Sun, Mon 25], Tue 05-26 (1),
        // Wed 05-27 (2) -> answer by Wed 05-27; up Thu 05-28
        assertEquals("Tweede Pinksterdag", K.feestdag(parse("2026-05-25")).orElseThrow());
        Escalatie e = open("2026-05-22");
        assertEquals(parse("2026-05-27"), e.reactieUiterlijk(LADDER, K));
        assertEquals(parse("2026-05-28"), e.volgende(LADDER, K).dag());
        assertEquals(2, scan(e, "2026-05-28").stand().niveau());
    }

    @Test
    void kerst_en_nieuwjaar() {
        // reached Wed 12-23, 2 days: Thu 12-24 (1), [Fri 25 Kerst, Sat 26, Sun 27], Mon 12-28 (2) -> answer by Mon 12-28; up Tue 12-29
        Escalatie e = open("2026-12-23");
        assertEquals(parse("2026-12-28"), e.reactieUiterlijk(LADDER, K));
        assertEquals(parse("2026-12-29"), e.volgende(LADDER, K).dag());
        assertSame(e, scan(e, "2026-12-28"));
        e = scan(e, "2026-12-29");
        assertEquals(2, e.stand().niveau());
        // level 2 from Tue 12-29, 3 days: Wed 12-30 (1), Thu 12-31 (2), [Fri 2027-01-01 Nieuwjaar, Sat, Sun], Mon 01-04 (3)
        // -> answer by Mon 2027-01-04; up Tue 2027-01-05
        assertEquals(parse("2027-01-04"), e.reactieUiterlijk(LADDER, K));
        assertEquals(parse("2027-01-05"), e.volgende(LADDER, K).dag());
        assertSame(e, scan(e, "2027-01-04"));
        assertEquals(3, scan(e, "2027-01-05").stand().niveau());
    }

    // ------------------------------------------------------------------ taken up, not solved

    @Test
    void opgepakt_pauzeert_maar_klimt_als_het_niet_binnen_de_opvolgtermijn_is_opgelost() {
        // level 1 from Wed 04-29; Opgepakt on Thu 04-30. Follow-up 5 days after 04-30: Fri 05-01 (1), Mon 05-04 (2),
        // [Tue 05-05 Bevrijdingsdag], Wed 05-06 (3), Thu 05-07 (4), Fri 05-08 (5) -> solve by Fri 05-08; up Mon 05-11
        Escalatie e = verstuur(open("2026-04-29"), om("2026-04-29", "07:00"));
        Escalatie.Beantwoord b = antwoord(e, "evt-1", Antwoordsoort.OPGEPAKT, 1, "2026-04-30", "team plant het besluit", om("2026-04-30", "10:00"));
        assertFalse(b.duplicaat());
        e = b.escalatie();
        assertEquals(Gebeurtenis.OPGEPAKT, laatste(e).gebeurtenis());
        assertEquals(parse("2026-04-30"), e.stand().opgepakt());
        assertEquals(parse("2026-05-08"), e.reactieUiterlijk(LADDER, K));
        assertEquals(parse("2026-05-11"), e.volgende(LADDER, K).dag());
        assertEquals(2, e.volgende(LADDER, K).naarNiveau());
        assertTrue(e.teVersturen(LADDER, K, om("2026-04-30", "10:00")).isEmpty(), "Opgepakt tells nobody");

        assertSame(e, scan(e, "2026-05-04"), "paused: the original move day does not apply");
        assertSame(e, scan(e, "2026-05-08"));
        Escalatie na = scan(e, "2026-05-11");
        assertEquals(2, na.stand().niveau());
        assertEquals(parse("2026-05-11"), na.stand().sinds());
        assertNull(na.stand().opgepakt(), "the new level has not taken it up");
        assertTrue(laatste(na).toelichting().contains("opgepakt"), laatste(na).toelichting());
        assertEquals(Set.of(BASIS + "3#ESCALATIE#2"), sleutels(na, om("2026-05-11", "07:00")));
    }

    @Test
    void tweede_opgepakt_op_hetzelfde_niveau_wordt_afgewezen() {
        Escalatie e = antwoord(gemeld("2026-04-29"), "evt-1", Antwoordsoort.OPGEPAKT, 1, "2026-04-30", null, om("2026-04-30", "10:00")).escalatie();
        OngeldigeInvoer f = afgewezen(e, "evt-2", Antwoordsoort.OPGEPAKT, 1, "2026-05-01", null, om("2026-05-01", "10:00"));
        assertEquals("escalatie", f.veld());
    }

    // ------------------------------------------------------------------ the top

    @Test
    void herinneringen_aan_de_top_blijven_een_stap() {
        Escalatie e = opNiveau3();
        int stappen = e.geschiedenis().size();
        assertEquals(3, stappen);
        // top from Mon 05-11, every 5 days: Tue 12 (1), Wed 13 (2), [Thu 14 Hemelvaart, Fri 15 equated], Mon 18 (3), Tue 19 (4),
        // Wed 20 (5) -> first reminder Thu 05-21
        Escalatie.Volgende v = e.volgende(LADDER, K);
        assertEquals(Gebeurtenis.HERINNERING, v.gebeurtenis());
        assertEquals(parse("2026-05-21"), v.dag());
        assertEquals(3, v.naarNiveau());
        assertSame(e, scan(e, "2026-05-20"));

        e = scan(e, "2026-05-21");
        assertEquals(4, e.geschiedenis().size());
        assertEquals(Gebeurtenis.HERINNERING, laatste(e).gebeurtenis());
        assertEquals(parse("2026-05-21"), laatste(e).datum());
        assertEquals(3, laatste(e).niveau());
        assertEquals(1, laatste(e).herinneringen());
        assertEquals("niet opgelost binnen 5 werkdagen", laatste(e).toelichting());
        Instant nu = om("2026-05-21", "07:00");
        String k1 = BASIS + laatste(e).nr() + "#HERINNERING#3";
        assertEquals(Set.of(k1, k1 + "#regietafel"), sleutels(e, nu));
        assertTrue(e.teVersturen(LADDER, K, nu).stream().allMatch(m -> m.soort() == Escalatiemelding.Soort.HERINNERING));
        e = verstuur(e, nu);

        // from Thu 05-21: Fri 22 (1), [Mon 25 Pinkstermaandag], Tue 26 (2), Wed 27 (3), Thu 28 (4), Fri 29 (5) -> Mon 06-01
        assertEquals(parse("2026-06-01"), e.volgende(LADDER, K).dag());
        assertSame(e, scan(e, "2026-05-29"));
        e = scan(e, "2026-06-01");
        assertEquals(4, e.geschiedenis().size(), "consecutive reminders are one step");
        assertEquals(parse("2026-06-01"), laatste(e).datum());
        assertEquals(2, laatste(e).herinneringen());
        assertEquals("niet opgelost binnen 5 werkdagen", laatste(e).toelichting());
        String k2 = BASIS + laatste(e).nr() + "#HERINNERING#3";
        assertNotEquals(k1, k2, "a new reminder is a new notice");
        assertEquals(Set.of(k2, k2 + "#regietafel"), sleutels(e, om("2026-06-01", "07:00")));
        e = verstuur(e, om("2026-06-01", "07:00"));

        // from Mon 06-01: Tue 2 (1), Wed 3 (2), Thu 4 (3), Fri 5 (4), Mon 8 (5) -> Tue 06-09
        assertEquals(parse("2026-06-09"), e.volgende(LADDER, K).dag());
        e = verstuur(scan(e, "2026-06-09"), om("2026-06-09", "07:00"));
        assertEquals(4, e.geschiedenis().size());
        assertEquals(3, laatste(e).herinneringen());
        assertEquals("niet opgelost binnen 5 werkdagen", laatste(e).toelichting());
        assertEquals(Set.of(1, 2, 3), e.geinformeerd());
        // the stored form keeps the count, in its own field
        assertEquals(laatste(e).nr() + "|HERINNERING|3|2026-06-09|3||niet opgelost binnen 5 werkdagen", laatste(e).inhoud());
        assertEquals(laatste(e), Stap.uitInhoud(laatste(e).inhoud()));
        assertEquals("herinnering 3: niet opgelost binnen 5 werkdagen", laatste(e).toelichtingInMelding());
    }

    @Test
    void opgepakt_aan_de_top_herinnert_na_de_opvolgtermijn() {
        Escalatie e = opNiveau3();
        e = antwoord(e, "evt-top", Antwoordsoort.OPGEPAKT, 3, "2026-05-12", null, om("2026-05-12", "09:00")).escalatie();
        // Opgepakt Tue 05-12, follow-up 10 days: Wed 13 (1), [Thu 14, Fri 15], Mon 18 (2), Tue 19 (3), Wed 20 (4), Thu 21 (5),
        // Fri 22 (6), [Mon 25 Pinkstermaandag], Tue 26 (7), Wed 27 (8), Thu 28 (9), Fri 29 (10) -> solve by Fri 05-29; reminder Mon 06-01
        assertEquals(parse("2026-05-29"), e.reactieUiterlijk(LADDER, K));
        assertEquals(Gebeurtenis.HERINNERING, e.volgende(LADDER, K).gebeurtenis());
        assertEquals(parse("2026-06-01"), e.volgende(LADDER, K).dag());
        assertSame(e, scan(e, "2026-05-21"), "the regular reminder day does not apply while taken up");
        assertSame(e, scan(e, "2026-05-29"));
        e = scan(e, "2026-06-01");
        assertEquals(Gebeurtenis.HERINNERING, laatste(e).gebeurtenis());
        assertEquals(parse("2026-06-01"), laatste(e).datum());
        assertEquals(3, e.stand().niveau());
    }

    // ------------------------------------------------------------------ sent back down

    @Test
    void teruggelegd_krijgt_een_verse_termijn_en_klimt_opnieuw_met_een_nieuwe_sleutel() {
        Escalatie e = opNiveau3();
        String eersteKeer = BASIS + "3#ESCALATIE#3";
        assertTrue(e.verzonden().contains(eersteKeer));
        Instant verwerkt = om("2026-05-13", "10:00");
        e = antwoord(e, "evt-terug", Antwoordsoort.TERUGGELEGD, 3, "2026-05-12", "Besluit: capaciteit van team Noord inzetten", verwerkt)
                .escalatie();
        Stap t = laatste(e);
        assertEquals(Gebeurtenis.TERUGGELEGD, t.gebeurtenis());
        assertEquals(2, t.niveau());
        assertEquals(parse("2026-05-13"), t.datum(), "the fresh term starts the day the reply is processed");
        assertEquals(2, e.stand().niveau());
        assertEquals(parse("2026-05-13"), e.stand().sinds());
        assertEquals(Set.of(BASIS + "4#TERUGGELEGD#2"), sleutels(e, verwerkt));
        assertEquals(Escalatiemelding.Soort.TERUGGELEGD, e.teVersturen(LADDER, K, verwerkt).getFirst().soort());
        e = verstuur(e, verwerkt);

        // level 2 from Wed 05-13, 3 days: [Thu 14, Fri 15, weekend], Mon 18 (1), Tue 19 (2), Wed 20 (3) -> answer by Wed 05-20; up Thu 05-21
        assertEquals(parse("2026-05-20"), e.reactieUiterlijk(LADDER, K));
        assertEquals(parse("2026-05-21"), e.volgende(LADDER, K).dag());
        assertEquals(3, e.volgende(LADDER, K).naarNiveau());
        assertSame(e, scan(e, "2026-05-20"));
        e = scan(e, "2026-05-21");
        assertEquals(3, e.stand().niveau());
        assertEquals(Gebeurtenis.OMHOOG, laatste(e).gebeurtenis());
        String tweedeKeer = BASIS + laatste(e).nr() + "#ESCALATIE#3";
        assertNotEquals(eersteKeer, tweedeKeer);
        assertEquals(Set.of(tweedeKeer, tweedeKeer + "#regietafel"), sleutels(e, om("2026-05-21", "07:00")));
    }

    @Test
    void teruggelegd_vanaf_niveau1_of_zonder_toelichting_wordt_afgewezen() {
        Escalatie e = gemeld("2026-04-29");
        assertEquals("niveau", afgewezen(e, "t1", Antwoordsoort.TERUGGELEGD, 1, "2026-04-30", "besluit", om("2026-04-30", "10:00")).veld());
        Escalatie op2 = scanEnVerstuur(e, "2026-05-04");
        assertEquals("toelichting", afgewezen(op2, "t2", Antwoordsoort.TERUGGELEGD, 2, "2026-05-04", null, om("2026-05-04", "10:00")).veld());
        // text that looks like something but holds no decision: a braille blank and Hangul fillers, one word, only an address
        for (String leeg : List.of("\u2800\u3164\u115F", "ok", "[verwijderd]")) {
            assertEquals("toelichting", afgewezen(op2, "t3", Antwoordsoort.TERUGGELEGD, 2, "2026-05-04", leeg, om("2026-05-04", "10:00")).veld(), leeg);
        }
        assertEquals(2, op2.stand().niveau());
    }

    // ------------------------------------------------------------------ solved

    @Test
    void opgelost_door_antwoord_meldt_precies_de_geinformeerde_niveaus_plus_regietafel() {
        Escalatie e = opNiveau3();
        assertEquals(Set.of(1, 2, 3), e.geinformeerd());
        Instant verwerkt = om("2026-05-12", "14:00");
        e = antwoord(e, "evt-klaar", Antwoordsoort.OPGELOST, 3, "2026-05-12", "besluit genomen", verwerkt).escalatie();
        assertFalse(e.open());
        assertEquals(Gebeurtenis.OPGELOST, laatste(e).gebeurtenis());
        assertEquals(3, laatste(e).niveau());
        assertNull(e.volgende(LADDER, K));
        assertNull(e.reactieUiterlijk(LADDER, K));

        List<Escalatiemelding> uit = e.teVersturen(LADDER, K, verwerkt);
        assertEquals(Set.of(BASIS + "OPGELOST#1", BASIS + "OPGELOST#2", BASIS + "OPGELOST#3", BASIS + "OPGELOST#3#regietafel"),
                uit.stream().map(Escalatiemelding::idempotencyKey).collect(Collectors.toSet()));
        assertEquals(4, uit.size());
        assertTrue(uit.stream().allMatch(m -> m.soort() == Escalatiemelding.Soort.OPGELOST));
        assertEquals(1, uit.stream().filter(Escalatiemelding::regietafel).count());
        e = verstuur(e, verwerkt);
        assertTrue(e.teVersturen(LADDER, K, verwerkt).isEmpty());
        assertNull(e.volgendMoment(LADDER, K, verwerkt, ZEVEN, AMSTERDAM), "nothing left to do");
        assertSame(e, scan(e, "2026-12-01"));
    }

    @Test
    void opgelost_door_de_zaak_meldt_geen_onverstuurde_escalatie_meer() {
        Escalatie e = verstuur(open("2026-04-29"), om("2026-04-29", "07:00"));
        e = verstuur(scan(e, "2026-05-04"), om("2026-05-04", "07:00"));
        e = scan(e, "2026-05-11"); // level 3 reached; its ESCALATIE not sent yet
        assertEquals(Set.of(1, 2), e.geinformeerd());
        e = e.sluitVanzelf("besluit verzonden", parse("2026-05-11"));
        assertFalse(e.open());
        assertEquals(0, laatste(e).niveau());
        assertEquals(Gebeurtenis.OPGELOST, laatste(e).gebeurtenis());
        List<Escalatiemelding> uit = e.teVersturen(LADDER, K, om("2026-05-11", "08:00"));
        assertEquals(Set.of(BASIS + "OPGELOST#1", BASIS + "OPGELOST#2"),
                uit.stream().map(Escalatiemelding::idempotencyKey).collect(Collectors.toSet()));
        assertTrue(uit.stream().noneMatch(m -> m.soort() == Escalatiemelding.Soort.ESCALATIE));
        assertSame(e, e.sluitVanzelf("nogmaals", parse("2026-05-12")), "closing twice changes nothing");
    }

    @Test
    void opgelost_bereikt_ook_een_top_die_alleen_een_herinnering_kreeg() {
        Escalatie e = verstuur(open("2026-04-29"), om("2026-04-29", "07:00"));
        e = verstuur(scan(e, "2026-05-04"), om("2026-05-04", "07:00"));
        e = scan(e, "2026-05-11"); // level 3's ESCALATIE not delivered (notifier down) ...
        e = verstuur(scan(e, "2026-05-21"), om("2026-05-21", "07:00")); // ... but reminder 1 (Thu 05-21) was
        assertEquals(Set.of(1, 2, 3), e.geinformeerd());
        e = scan(e, "2026-06-01"); // reminder 2 (Mon 06-01), not sent yet
        assertEquals(Set.of(1, 2, 3), e.geinformeerd(), "level 3 was told something: reminder 1");
        e = e.sluitVanzelf("besluit verzonden", parse("2026-06-01"));
        assertEquals(Set.of(BASIS + "OPGELOST#1", BASIS + "OPGELOST#2", BASIS + "OPGELOST#3", BASIS + "OPGELOST#3#regietafel"),
                sleutels(e, om("2026-06-01", "08:00")));
    }

    // ------------------------------------------------------------------ notices while open

    @Test
    void alleen_de_laatste_meldende_stap_wordt_verstuurd() {
        Escalatie e = open("2026-04-29");
        assertEquals(Set.of(BASIS + "1#ESCALATIE#1"), sleutels(e, om("2026-04-29", "07:00")));
        e = scan(e, "2026-05-04"); // the level-1 notice was never sent: it is stale now
        assertEquals(Set.of(BASIS + "2#ESCALATIE#2"), sleutels(e, om("2026-05-04", "07:00")));
        e = verstuur(e, om("2026-05-04", "07:00"));
        assertTrue(e.teVersturen(LADDER, K, om("2026-05-04", "07:01")).isEmpty());
        assertEquals(Set.of(2), e.geinformeerd());
    }

    // ------------------------------------------------------------------ rejected and duplicate replies

    @Test
    void antwoord_van_een_niveau_dat_niet_aan_zet_is() {
        Escalatie e = scan(open("2026-04-29"), "2026-05-04");
        assertEquals("niveau", afgewezen(e, "x", Antwoordsoort.OPGEPAKT, 1, "2026-05-04", null, om("2026-05-04", "10:00")).veld());
        assertEquals("niveau", afgewezen(e, "x", Antwoordsoort.OPGELOST, 3, "2026-05-04", null, om("2026-05-04", "10:00")).veld());
    }

    @Test
    void antwoord_op_een_gesloten_escalatie() {
        Escalatie e = open("2026-04-29").sluitVanzelf("besluit", parse("2026-04-30"));
        assertEquals("escalatie", afgewezen(e, "x", Antwoordsoort.OPGELOST, 1, "2026-04-30", null, om("2026-04-30", "10:00")).veld());
    }

    @Test
    void antwoord_met_datum_na_vandaag() {
        Escalatie e = open("2026-04-29");
        assertEquals("datum", afgewezen(e, "x", Antwoordsoort.OPGEPAKT, 1, "2026-05-01", null, om("2026-04-30", "23:59")).veld());
    }

    @Test
    void antwoord_met_datum_voor_de_dag_dat_het_niveau_het_kreeg() {
        Escalatie e = scanEnVerstuur(gemeld("2026-04-29"), "2026-05-04");
        assertEquals("datum", afgewezen(e, "x", Antwoordsoort.OPGEPAKT, 2, "2026-05-01", null, om("2026-05-04", "10:00")).veld());
        // the day itself is fine
        assertEquals(parse("2026-05-04"), antwoord(e, "y", Antwoordsoort.OPGEPAKT, 2, "2026-05-04", null, om("2026-05-04", "10:00"))
                .escalatie().stand().opgepakt());
    }

    @Test
    void antwoord_na_verstreken_termijn_zonder_scanner_wordt_van_geen_enkel_niveau_aangenomen() {
        Escalatie e = gemeld("2026-04-29"); // no scanner ran since; level 1's turn ended on Mon 05-04 07:00
        Instant nu = om("2026-05-04", "07:00:01");
        // level 1's turn is over, and level 2 was never told: the reply that would silence the ladder before the
        // scanner tells the next level is refused from both
        OngeldigeInvoer laat = afgewezen(e, "x", Antwoordsoort.OPGELOST, 1, "2026-05-04", "toch klaar", nu);
        assertEquals("niveau", laat.veld());
        assertTrue(laat.getMessage().contains("beurt van niveau 1 is voorbij"), laat.getMessage());
        assertEquals("niveau", afgewezen(e, "y", Antwoordsoort.OPGELOST, 2, "2026-05-04", "toch klaar", nu).veld());
        // before 07:00 level 1 is still at turn
        assertFalse(antwoord(e, "z", Antwoordsoort.OPGELOST, 1, "2026-05-04", "besluit is verzonden", om("2026-05-04", "06:59")).escalatie().open());
        // once the scanner moved it up and told level 2, level 2 answers
        Escalatie op2 = scanEnVerstuur(e, "2026-05-04");
        assertEquals(2, antwoord(op2, "w", Antwoordsoort.OPGEPAKT, 2, "2026-05-04", null, om("2026-05-04", "07:05")).escalatie().stand().niveau());
    }

    @Test
    void de_top_die_zijn_melding_nog_niet_kreeg_kan_niet_antwoorden() {
        // the attack of the issue: level 3 reached at 07:00, an Opgelost "from level 3" at 07:00:01 before its notice went out
        Escalatie e = scanEnVerstuur(gemeld("2026-04-29"), "2026-05-04");
        e = scan(e, "2026-05-11");
        assertEquals(3, e.stand().niveau());
        OngeldigeInvoer f = afgewezen(e, "x", Antwoordsoort.OPGELOST, 3, "2026-05-11", "al geregeld", om("2026-05-11", "07:00:01"));
        assertEquals("niveau", f.veld());
        assertTrue(f.getMessage().contains("nog niet gekregen"), f.getMessage());
        e = verstuur(e, om("2026-05-11", "07:00"));
        assertFalse(antwoord(e, "x", Antwoordsoort.OPGELOST, 3, "2026-05-11", "al geregeld", om("2026-05-11", "07:01")).escalatie().open());
    }

    @Test
    void een_link_van_een_eerdere_beurt_geldt_niet_meer() {
        Escalatie op3 = opNiveau3();
        Escalatie terug = antwoord(op3, "t", Antwoordsoort.TERUGGELEGD, 3, "2026-05-12", "besluit: team Noord neemt het over", om("2026-05-12", "10:00"))
                .escalatie();
        Escalatie gemeldTerug = verstuur(terug, om("2026-05-12", "10:00"));
        int beurt = gemeldTerug.meldstap().nr();
        Escalatie.Antwoord oud = new Antwoord("a", Antwoordsoort.OPGEPAKT, 2, parse("2026-05-12"), null, "link:niveau-2", 2);
        assertEquals("stap", assertThrows(OngeldigeInvoer.class, () -> gemeldTerug.beantwoord(oud, LADDER, K, om("2026-05-12", "11:00"), ZEVEN, AMSTERDAM)).veld());
        Escalatie.Antwoord nieuw = new Antwoord("b", Antwoordsoort.OPGEPAKT, 2, parse("2026-05-12"), null, "link:niveau-2", beurt);
        Escalatie na = gemeldTerug.beantwoord(nieuw, LADDER, K, om("2026-05-12", "11:00"), ZEVEN, AMSTERDAM).escalatie();
        Escalatie.Stap stap = laatste(na);
        // the same link and answer pressed again, a day later with other text: the answer already given, not a conflict
        Escalatie.Antwoord nogmaals = new Antwoord("b", Antwoordsoort.OPGEPAKT, 2, parse("2026-05-13"), "andere tekst", "link:niveau-2", beurt);
        assertTrue(na.beantwoord(nogmaals, LADDER, K, om("2026-05-13", "09:00"), ZEVEN, AMSTERDAM).duplicaat());
        assertEquals("link:niveau-2", stap.door());
        assertEquals(om("2026-05-12", "11:00"), stap.verwerkt());
        assertEquals(stap, Stap.uitInhoud(stap.inhoud()), "who answered and when it was processed are stored");
    }

    @Test
    void terugleggen_is_per_niveau_begrensd_daarna_klimt_de_escalatie() {
        // the attack of the issue: level 2 sent it back each time it arrived, 21 times in three months
        Escalatie e = scanEnVerstuur(gemeld("2026-04-29"), "2026-05-04");
        String[] dagen = {"2026-05-04", "2026-05-12", "2026-05-20"};
        Instant nu = om(dagen[0], "10:00");
        for (int i = 0; i < Escalatieladder.STANDAARD_TERUGLEGGEN; i++) {
            nu = om(dagen[i], "10:00");
            e = verstuur(antwoord(e, "t" + i, Antwoordsoort.TERUGGELEGD, 2, dagen[i], "besluit: eerst de adviezen afwachten", nu).escalatie(), nu);
            assertEquals(1, e.stand().niveau());
            // level 1 lets its fresh term pass: back at level 2
            e = verstuur(e.bij(LADDER, K, om(e.volgende(LADDER, K).dag().toString(), "07:00"), ZEVEN, AMSTERDAM), om(e.volgende(LADDER, K).dag().toString(), "07:00"));
            assertEquals(2, e.stand().niveau());
        }
        Escalatie op2 = e;
        String dag = op2.stand().sinds().toString();
        OngeldigeInvoer f = afgewezen(op2, "t9", Antwoordsoort.TERUGGELEGD, 2, dag, "besluit: nog eens afwachten", om(dag, "10:00"));
        assertEquals("antwoord", f.veld());
        assertTrue(f.getMessage().contains("al 2 keer teruggelegd"), f.getMessage());
        assertEquals(2, op2.teruggelegdDoor(2));
        // it climbs when its turn ends, as if nobody answered
        Escalatie.Volgende v = op2.volgende(LADDER, K);
        assertEquals(3, scan(op2, v.dag().toString()).stand().niveau());
    }

    @Test
    void opgelost_zonder_besluit_vraagt_een_reden_en_de_regietafel_hoort_het() {
        Escalatie e = scanEnVerstuur(gemeld("2026-04-29"), "2026-05-04");
        Instant nu = om("2026-05-04", "10:00");
        assertEquals("toelichting", afgewezen(e, "x", Antwoordsoort.OPGELOST, 2, "2026-05-04", null, nu).veld());
        assertEquals("toelichting", afgewezen(e, "x", Antwoordsoort.OPGELOST, 2, "2026-05-04", "ok", nu).veld());
        Escalatie dicht = antwoord(e, "x", Antwoordsoort.OPGELOST, 2, "2026-05-04", "aanvrager trekt de aanvraag deze week in", nu).escalatie();
        assertTrue(dicht.opgelostZonderBesluit());
        List<Escalatiemelding> uit = dicht.teVersturen(LADDER, K, nu);
        assertEquals(Set.of(BASIS + "OPGELOST#1", BASIS + "OPGELOST#2", BASIS + "OPGELOST#2#regietafel"),
                uit.stream().map(Escalatiemelding::idempotencyKey).collect(Collectors.toSet()));
        Escalatiemelding regietafel = uit.stream().filter(Escalatiemelding::regietafel).findFirst().orElseThrow();
        assertTrue(regietafel.tekst().startsWith("OPGELOST ZONDER BESLUIT"), regietafel.tekst());
        assertTrue(regietafel.tekst().contains("heeft nog geen besluit"), regietafel.tekst());
        // closed by the zaak's own besluit: no decision for the regietafel
        Escalatie doorZaak = e.sluitVanzelf("besluit bekendgemaakt op 2026-05-04", parse("2026-05-04"));
        assertFalse(doorZaak.opgelostZonderBesluit());
        assertTrue(doorZaak.teVersturen(LADDER, K, nu).stream().noneMatch(Escalatiemelding::regietafel));
    }

    @Test
    void antwoord_aan_de_top_gedateerd_tussen_bereiken_en_herinnering_is_geldig() {
        // level 3 got it Mon 05-11; the reminder of Thu 05-21 does not change the day the level got it (rule 7)
        Escalatie e = verstuur(scan(opNiveau3(), "2026-05-21"), om("2026-05-21", "07:00"));
        assertEquals(Gebeurtenis.HERINNERING, laatste(e).gebeurtenis());
        Escalatie na = antwoord(e, "evt-laat", Antwoordsoort.OPGELOST, 3, "2026-05-19", "besluit op 19 mei genomen", om("2026-05-22", "10:00"))
                .escalatie();
        assertFalse(na.open());
        assertEquals(parse("2026-05-19"), laatste(na).datum());
    }

    @Test
    void hetzelfde_antwoord_nogmaals_is_een_duplicaat() {
        Escalatie e = antwoord(gemeld("2026-04-29"), "evt-1", Antwoordsoort.OPGEPAKT, 1, "2026-04-30", "we pakken het op", om("2026-04-30", "10:00"))
                .escalatie();
        Escalatie.Beantwoord nog = antwoord(e, "evt-1", Antwoordsoort.OPGEPAKT, 1, "2026-04-30", "we pakken het op", om("2026-04-30", "11:00"));
        assertTrue(nog.duplicaat());
        assertEquals(e, nog.escalatie());
        // also after the item moved on (re-delivery days later)
        Escalatie verder = scan(e, "2026-05-11");
        Escalatie.Beantwoord laat = antwoord(verder, "evt-1", Antwoordsoort.OPGEPAKT, 1, "2026-04-30", "we pakken het op", om("2026-05-12", "10:00"));
        assertTrue(laat.duplicaat());
        assertEquals(verder, laat.escalatie());
        // and a re-delivered Teruggelegd (stored one level down, dated the processing day)
        Escalatie op3 = opNiveau3();
        Escalatie terug = antwoord(op3, "evt-t", Antwoordsoort.TERUGGELEGD, 3, "2026-05-12", "besluit: eerst de aanvrager bellen", om("2026-05-12", "10:00")).escalatie();
        assertTrue(antwoord(terug, "evt-t", Antwoordsoort.TERUGGELEGD, 3, "2026-05-12", "besluit: eerst de aanvrager bellen", om("2026-05-13", "10:00")).duplicaat());
    }

    @Test
    void zelfde_event_id_met_andere_inhoud_wordt_afgewezen() {
        Escalatie e = antwoord(gemeld("2026-04-29"), "evt-1", Antwoordsoort.OPGEPAKT, 1, "2026-04-30", "we pakken het op", om("2026-04-30", "10:00"))
                .escalatie();
        Instant nu = om("2026-04-30", "11:00");
        assertEquals("id", afgewezen(e, "evt-1", Antwoordsoort.OPGELOST, 1, "2026-04-30", "we pakken het op", nu).veld());
        assertEquals("id", afgewezen(e, "evt-1", Antwoordsoort.OPGEPAKT, 1, "2026-04-30", "iets anders", nu).veld());
        assertEquals("id", afgewezen(e, "evt-1", Antwoordsoort.OPGEPAKT, 1, "2026-04-30", null, nu).veld());
    }

    @Test
    void zelfde_event_id_met_andere_datum_wordt_afgewezen() {
        Escalatie e = antwoord(gemeld("2026-04-29"), "evt-1", Antwoordsoort.OPGEPAKT, 1, "2026-04-30", "we pakken het op", om("2026-04-30", "10:00"))
                .escalatie();
        // the datum is part of the reply's content: it sets the follow-up term
        assertEquals("id", afgewezen(e, "evt-1", Antwoordsoort.OPGEPAKT, 1, "2026-04-29", "we pakken het op", om("2026-04-30", "11:00")).veld());
    }

    // ------------------------------------------------------------------ the scanner

    @Test
    void bij_neemt_hoogstens_een_stap_ook_na_een_maand_zonder_scanner() {
        Escalatie e = open("2026-01-05");
        Instant nu = om("2026-02-16", "07:00"); // six weeks later: every term of the ladder has long passed
        Escalatie na = e.bij(LADDER, K, nu, ZEVEN, AMSTERDAM);
        assertEquals(2, na.geschiedenis().size());
        assertEquals(2, na.stand().niveau());
        assertEquals(parse("2026-02-16"), laatste(na).datum());
        assertSame(na, na.bij(LADDER, K, nu, ZEVEN, AMSTERDAM), "level 2's term starts now");
        assertSame(na, na.bij(LADDER, K, om("2026-02-19", "07:00"), ZEVEN, AMSTERDAM), "level 2 still within its term");
        // level 2 from Mon 02-16, 3 days: Tue 17 (1), Wed 18 (2), Thu 19 (3) -> up Fri 02-20
        assertEquals(parse("2026-02-20"), na.volgende(LADDER, K).dag());
        Escalatie maandLater = na.bij(LADDER, K, om("2026-03-20", "07:00"), ZEVEN, AMSTERDAM);
        assertEquals(3, maandLater.geschiedenis().size());
        assertEquals(3, maandLater.stand().niveau());
        assertEquals(parse("2026-03-20"), laatste(maandLater).datum());
    }

    @Test
    void volgend_moment_is_nu_zolang_een_melding_wacht_anders_zeven_uur_amsterdam() {
        // winter (UTC+1): opened Wed 2026-01-07, 2 days: Thu 08 (1), Fri 09 (2) -> up Mon 01-12 07:00 CET = 06:00Z
        Escalatie winter = open("2026-01-07");
        Instant nu = om("2026-01-07", "07:00");
        assertEquals(nu, winter.volgendMoment(LADDER, K, nu, ZEVEN, AMSTERDAM), "the opening notice is unsent");
        winter = verstuur(winter, nu);
        assertEquals(Instant.parse("2026-01-12T06:00:00Z"), winter.volgendMoment(LADDER, K, nu, ZEVEN, AMSTERDAM));

        // summer (UTC+2): the example of docs/escalatie.md ("Timing"), up Mon 05-04 07:00 CEST = 05:00Z
        Escalatie zomer = open("2026-04-29");
        Instant toen = om("2026-04-29", "07:00");
        assertEquals(toen, zomer.volgendMoment(LADDER, K, toen, ZEVEN, AMSTERDAM));
        zomer = verstuur(zomer, toen);
        assertEquals(Instant.parse("2026-05-04T05:00:00Z"), zomer.volgendMoment(LADDER, K, toen, ZEVEN, AMSTERDAM));
        assertSame(zomer, zomer.bij(LADDER, K, Instant.parse("2026-05-04T04:59:59Z"), ZEVEN, AMSTERDAM));
        assertEquals(2, zomer.bij(LADDER, K, Instant.parse("2026-05-04T05:00:00Z"), ZEVEN, AMSTERDAM).stand().niveau());
    }

    // ------------------------------------------------------------------ stored form

    @Test
    void opgeslagen_stap_terug_te_lezen_ook_met_pipe_in_de_toelichting() {
        Stap s = new Stap(4, Gebeurtenis.TERUGGELEGD, parse("2026-05-13"), 2, "evt-terug", "besluit: a|b || c|");
        assertEquals("4|TERUGGELEGD|0|2026-05-13|2|evt-terug|besluit: a|b || c|", s.inhoud());
        assertEquals(s, Stap.uitInhoud(s.inhoud()));
        Stap zonder = new Stap(1, Gebeurtenis.GEOPEND, parse("2026-04-29"), 1, null, null);
        assertEquals("1|GEOPEND|0|2026-04-29|1||", zonder.inhoud());
        assertEquals(zonder, Stap.uitInhoud(zonder.inhoud()));
        // a toelichting that looks like the previous release's reminder prefix is only text, in any step
        Stap herinnering = new Stap(9, Gebeurtenis.HERINNERING, parse("2026-06-09"), 3, null, "herinnering 2: 7|x", 4);
        assertEquals("9|HERINNERING|4|2026-06-09|3||herinnering 2: 7|x", herinnering.inhoud());
        assertEquals(herinnering, Stap.uitInhoud(herinnering.inhoud()));
        for (Stap stap : opNiveau3().geschiedenis()) {
            assertEquals(stap, Stap.uitInhoud(stap.inhoud()));
        }
        assertThrows(IllegalArgumentException.class, () -> Stap.uitInhoud("1|GEOPEND|2026-04-29"));
        assertThrows(IllegalArgumentException.class, () -> Stap.uitInhoud("1|GEOPEND|0|2026-04-29|1|"));
        // the count belongs to reminders only
        assertThrows(IllegalArgumentException.class, () -> Stap.uitInhoud("5|HERINNERING|0|2026-06-09|3||niet opgelost"));
        assertThrows(IllegalArgumentException.class, () -> Stap.uitInhoud("2|OMHOOG|1|2026-05-04|2||geen reactie"));
    }

    /**
     * Items stored by the previous release: {@code nr|GEBEURTENIS|datum|niveau|event|toelichting}, no count field; a
     * reminder's count was the prefix {@code herinnering N: } of its toelichting. Read, the count is a field and the
     * prefix is gone; stored again, the step is in the new form; the notices read as before.
     */
    @Test
    void opgeslagen_stap_van_de_vorige_release_wordt_gelezen_en_in_de_nieuwe_vorm_bewaard() {
        List<String> oud = List.of(
                "1|GEOPEND|2026-04-29|1||beslistermijn verstreken",
                "2|OMHOOG|2026-05-04|2||geen reactie binnen 2 werkdagen",
                "3|OMHOOG|2026-05-11|3||geen reactie binnen 3 werkdagen",
                "6|HERINNERING|2026-06-09|3||herinnering 3: niet opgelost binnen 5 werkdagen",
                "7|OPGEPAKT|2026-06-15|3|evt-o|wij kijken: herinnering 9: x",
                "11|TERUGGELEGD|2026-07-20|2|evt-t|besluit: doe het | nu",
                "16|HERINNERING|2026-08-27|3||herinnering 14: niet opgelost | binnen 5 werkdagen",
                "17|OPGELOST|2026-09-01|3|evt-s|");
        List<String> nieuw = List.of(
                "1|GEOPEND|0|2026-04-29|1||beslistermijn verstreken",
                "2|OMHOOG|0|2026-05-04|2||geen reactie binnen 2 werkdagen",
                "3|OMHOOG|0|2026-05-11|3||geen reactie binnen 3 werkdagen",
                "6|HERINNERING|3|2026-06-09|3||niet opgelost binnen 5 werkdagen",
                "7|OPGEPAKT|0|2026-06-15|3|evt-o|wij kijken: herinnering 9: x",
                "11|TERUGGELEGD|0|2026-07-20|2|evt-t|besluit: doe het | nu",
                "16|HERINNERING|14|2026-08-27|3||niet opgelost | binnen 5 werkdagen",
                "17|OPGELOST|0|2026-09-01|3|evt-s|");
        List<Stap> gelezen = oud.stream().map(Stap::uitInhoud).toList();
        assertEquals(nieuw, gelezen.stream().map(Stap::inhoud).toList());
        assertEquals(gelezen, nieuw.stream().map(Stap::uitInhoud).toList(), "the new form reads back to the same steps");

        Stap h = gelezen.get(3);
        assertEquals(new Stap(6, Gebeurtenis.HERINNERING, parse("2026-06-09"), 3, null, "niet opgelost binnen 5 werkdagen", 3), h);
        assertEquals("herinnering 3: niet opgelost binnen 5 werkdagen", h.toelichtingInMelding());
        assertEquals(14, gelezen.get(6).herinneringen());
        assertEquals(0, gelezen.get(4).herinneringen(), "a reply's free text is never taken apart");
        assertEquals("wij kijken: herinnering 9: x", gelezen.get(4).toelichting());
        // an old reminder without the prefix (never written, but readable): one reminder, its text kept
        assertEquals(new Stap(5, Gebeurtenis.HERINNERING, parse("2026-06-01"), 3, null, "niet opgelost", 1),
                Stap.uitInhoud("5|HERINNERING|2026-06-01|3||niet opgelost"));
        assertEquals(new Stap(5, Gebeurtenis.HERINNERING, parse("2026-06-01"), 3, null, null, 2),
                Stap.uitInhoud("5|HERINNERING|2026-06-01|3||herinnering 2: "));

        // an old item at the top, read and carried on: the next reminder counts on from the stored count
        Escalatie e = new Escalatie(ID, LADDER.id(), GEMEENTE, ZAAK, "onderwerp", gelezen.subList(0, 4), Set.of());
        Escalatie verder = scan(e, "2026-06-17");
        assertEquals(4, verder.geschiedenis().size());
        assertEquals(4, laatste(verder).herinneringen());
        assertEquals(laatste(verder).nr() + "|HERINNERING|4|2026-06-17|3||niet opgelost binnen 5 werkdagen", laatste(verder).inhoud());
        String regel = verder.teVersturen(LADDER, K, om("2026-06-17", "07:00")).getFirst().geschiedenis().getLast();
        assertEquals("wo 17 jun: herinnering 4 aan niveau 3: niet opgelost binnen 5 werkdagen", regel);
    }
}

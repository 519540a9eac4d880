package nl.termijnwacht.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The counters of the regietafel's report on a hand-computed set of zaken (docs/rapportage.md): seven zaken of one
 * gemeente around week 17 of 2026 (20 … 26 April, peildatum Monday 27 April, Koningsdag).
 */
class ZaaktellingTest {

    private static final Termijnberekening BEREKENING = new Termijnberekening(Kalender.standaard());
    private static final Isoweek W16 = new Isoweek(2026, 16);
    private static final Isoweek W17 = new Isoweek(2026, 17);

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    private static Zaakdossier zaak(String id, Feit... feiten) {
        Zaakdossier z = Zaakdossier.leeg("GM0363", id);
        for (Feit f : feiten) {
            z = z.met(f);
        }
        return z;
    }

    private static Feit ontvangen(String dag) {
        return new Feit.AanvraagOntvangen("o", Procedure.REGULIER, d(dag));
    }

    /**
     * By hand (regulier: 8 weeks from the day after receipt, Algemene termijnenwet):
     * A received 2 Mar, deadline 27 Apr is Koningsdag → 28 Apr; besluit 22 Apr: on time, in W17.
     * B received 16 Feb, deadline 13 Apr; open: past its deadline since 14 Apr.
     * C received 26 Jan, deadline 23 Mar; ingebrekestelling 30 Mar → dwangsom from 13 Apr: 14 days by 26 Apr = € 322,
     *   7 of them in W17 = € 161.
     * D received 16 Mar; aanvulling asked 1 Apr, to be supplied before 1 May: suspended on 20 and 27 Apr.
     * E received 2 Feb, deadline 30 Mar; besluit on Sunday 26 Apr, the period's last day: late, in W17, not open on 27 Apr.
     * F received on 27 Apr itself: not open at the start of that day.
     * G received 9 Mar, withdrawn 21 Apr: open on 20 Apr, not on 27 Apr; no besluit.
     */
    static List<Zaakdossier> handset() {
        return List.of(
                zaak("A-1", ontvangen("2026-03-02"), new Feit.BesluitBekendgemaakt("b", d("2026-04-22"))),
                zaak("B-1", ontvangen("2026-02-16")),
                zaak("C-1", ontvangen("2026-01-26"), new Feit.IngebrekestellingOntvangen("i", d("2026-03-30"))),
                zaak("D-1", ontvangen("2026-03-16"), new Feit.AanvullingGevraagd("v", d("2026-04-01"), d("2026-05-01"))),
                zaak("E-1", ontvangen("2026-02-02"), new Feit.BesluitBekendgemaakt("b", d("2026-04-26"))),
                zaak("F-1", ontvangen("2026-04-27")),
                zaak("G-1", ontvangen("2026-03-09"), new Feit.AanvraagIngetrokken("x", d("2026-04-21"))));
    }

    private static Tellerstand som(List<Zaakdossier> zaken) {
        Tellerstand t = new Tellerstand();
        zaken.forEach(z -> t.tel(Zaaktelling.van(z, BEREKENING)));
        return t;
    }

    @Test
    void deWeekcijfersKloppenMetDeHandberekening() {
        Tellerstand.Weekcijfers w17 = som(handset()).cijfers(W17);
        assertEquals(3, w17.openZaken(), "B, C, D");
        assertEquals(1, w17.opgeschort(), "D");
        assertEquals(2, w17.verstrekenOpen(), "B, C");
        assertEquals(2, w17.besluiten(), "A, E");
        assertEquals(1, w17.tijdig(), "A");
        assertEquals(1, w17.teLaat(), "E, decided on the period's last day");
        assertEquals(322, w17.dwangsomOpgebouwd(), "C: 13 … 26 April, 14 × € 23");
        assertEquals(161, w17.dwangsomInPeriode(), "C: 20 … 26 April, 7 × € 23");
        assertEquals(66.7, w17.aandeelVerstreken());
        assertEquals(50.0, w17.aandeelTijdig());

        Tellerstand.Weekcijfers w16 = som(handset()).cijfers(W16);
        assertEquals(6, w16.openZaken(), "A, B, C, D, E, G");
        assertEquals(3, w16.verstrekenOpen(), "B, C, E");
        assertEquals(1, w16.opgeschort(), "D");
        assertEquals(0, w16.besluiten());
        assertEquals(161, w16.dwangsomOpgebouwd(), "C: 13 … 19 April");
        assertEquals(161, w16.dwangsomInPeriode());
        assertNull(w16.aandeelTijdig(), "no besluiten: no share");
    }

    /** Week 18: F counts, D's suspension ended on 1 May (its deadline moved 29 days), C's dwangsom went on. */
    @Test
    void eenWeekLaterLopenDeTijdsafhankelijkeCijfersDoor() {
        Tellerstand.Weekcijfers w18 = som(handset()).cijfers(new Isoweek(2026, 18));
        assertEquals(4, w18.openZaken(), "B, C, D, F");
        assertEquals(0, w18.opgeschort(), "D supplied nothing by 1 May: the suspension ended by itself");
        assertEquals(2, w18.verstrekenOpen());
        // C: 13 April … 3 May = 21 days: 14 × 23 + 7 × 35
        assertEquals(14 * 23 + 7 * 35, w18.dwangsomOpgebouwd());
        assertEquals(7 * 35, w18.dwangsomInPeriode());
    }

    /** Fact by fact, the counters get each change's difference: they end where the whole set puts them. */
    @Test
    void verschillenOpgeteldGevenDeTellingVanDeEindstand() {
        Tellerstand stapsgewijs = new Tellerstand();
        for (Zaakdossier eind : handset()) {
            Zaakdossier z = Zaakdossier.leeg(eind.gemeente(), eind.zaak());
            Zaaktelling vorige = Zaaktelling.LEEG;
            for (Feit f : eind.chronologisch()) {
                z = z.met(f);
                Zaaktelling nu = Zaaktelling.van(z, BEREKENING);
                nu.verschil(vorige).forEach(stapsgewijs::tel);
                vorige = nu;
            }
        }
        assertEquals(som(handset()), stapsgewijs);
    }

    @Test
    void eenZaakZonderOntvangstTeltNietEnEenWeekMetNietsGeeftNullen() {
        assertTrue(Zaaktelling.van(zaak("H-1", new Feit.BesluitBekendgemaakt("b", d("2026-04-22"))), BEREKENING).isLeeg());
        Tellerstand.Weekcijfers leeg = new Tellerstand().cijfers(W17);
        assertEquals(Tellerstand.Weekcijfers.nul(W17), leeg);
        assertNull(leeg.aandeelVerstreken());
    }

    /** Folding old weeks into one bucket changes no figure of the weeks kept. */
    @Test
    void indikkenLaatDeBewaardeWekenOngemoeid() {
        Tellerstand t = som(handset());
        Tellerstand ingedikt = t.ingedikt(W16);
        for (int i = 0; i < 6; i++) {
            assertEquals(t.cijfers(W16.plus(i)), ingedikt.cijfers(W16.plus(i)));
        }
        assertTrue(ingedikt.tellers().keySet().stream().anyMatch(k -> k.endsWith(Tellerstand.OUD)));
        assertTrue(ingedikt.tellers().size() < t.tellers().size());
    }

    @Test
    void deGerapporteerdeWeekIsDeWeekVoorDeMaandag() {
        ZoneId ams = ZoneId.of("Europe/Amsterdam");
        assertEquals(W17, Isoweek.gerapporteerdOp(Instant.parse("2026-04-27T06:00:00Z"), ams), "Monday 08:00 CEST");
        assertEquals(W17, Isoweek.gerapporteerdOp(Instant.parse("2026-05-03T21:59:00Z"), ams), "Sunday 23:59 still reports W17");
        assertEquals(d("2026-04-20"), W17.van());
        assertEquals(d("2026-04-26"), W17.tot());
        // across the change to summer time (Sunday 29 March): the Monday after reports W13, 23 … 29 March
        assertEquals(new Isoweek(2026, 13), Isoweek.gerapporteerdOp(Instant.parse("2026-03-30T06:00:00Z"), ams));
        // 2026 has 53 ISO weeks: the report of Monday 4 January 2027 covers 28 December … 3 January
        Isoweek w53 = Isoweek.gerapporteerdOp(Instant.parse("2027-01-04T07:00:00Z"), ams);
        assertEquals(new Isoweek(2026, 53), w53);
        assertEquals(d("2026-12-28"), w53.van());
        assertEquals(d("2027-01-03"), w53.tot());
        assertEquals(new Isoweek(2027, 1), w53.plus(1));
        assertEquals("2026-W53", w53.toString());
        assertThrows(OngeldigeInvoer.class, () -> new Isoweek(2027, 53), "2027 has 52 weeks");
        assertThrows(OngeldigeInvoer.class, () -> Isoweek.lees("2026-17"));
    }

    /** A zaak decided in ISO week 53 and one past its deadline across the year boundary. */
    @Test
    void eenPeriodeOverDeJaargrens() {
        List<Zaakdossier> zaken = new ArrayList<>();
        // received 2 Nov 2026: deadline 28 Dec 2026; decided 3 Jan 2027 (Sunday, last day of 2026-W53): late
        zaken.add(zaak("J-1", ontvangen("2026-11-02"), new Feit.BesluitBekendgemaakt("b", d("2027-01-03"))));
        // received 9 Nov 2026: deadline 4 Jan 2027, still open on 11 January
        zaken.add(zaak("K-1", ontvangen("2026-11-09")));
        Tellerstand t = som(zaken);
        Tellerstand.Weekcijfers w53 = t.cijfers(new Isoweek(2026, 53));
        assertEquals(1, w53.besluiten());
        assertEquals(1, w53.teLaat());
        assertEquals(1, w53.openZaken(), "K");
        assertEquals(0, w53.verstrekenOpen(), "K's deadline is Monday 4 January, the peildatum itself");
        Tellerstand.Weekcijfers w1 = t.cijfers(new Isoweek(2027, 1));
        assertEquals(1, w1.verstrekenOpen());
    }
}

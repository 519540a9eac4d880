package nl.termijnwacht.core;

import static java.time.LocalDate.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The zaak as facts, the planning of its notifications and their text: pure, no AWS. */
class ZaakdossierTest {

    private static final Termijnberekening ENGINE = new Termijnberekening(Kalender.standaard());
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final LocalTime ZEVEN = LocalTime.of(7, 0);

    private static Zaakdossier dossier(List<Feit> feiten) {
        Zaakdossier d = Zaakdossier.leeg("GM0363", "Z-1");
        for (Feit f : feiten) {
            d = d.met(f);
        }
        return d;
    }

    private static final List<Feit> FEITEN = List.of(
            new Feit.AanvraagOntvangen("a", Procedure.REGULIER, parse("2025-03-24")),
            new Feit.AanvullingGevraagd("b", parse("2025-04-04"), parse("2025-04-30")),
            new Feit.AanvullingOntvangen("c", parse("2025-04-14")),
            new Feit.IngebrekestellingOntvangen("d", parse("2025-05-29")));

    @Test
    void volgordeVanAankomstMaaktNietUit() {
        Aanvraag opVolgorde = dossier(FEITEN).aanvraag().orElseThrow();
        for (int seed = 0; seed < 20; seed++) {
            List<Feit> gehusseld = new ArrayList<>(FEITEN);
            Collections.shuffle(gehusseld, new Random(seed));
            assertEquals(opVolgorde, dossier(gehusseld).aanvraag().orElseThrow());
        }
        assertEquals(parse("2025-05-28"), ENGINE.bereken(opVolgorde, parse("2025-06-01")).uitersteBeslisdatum());
    }

    @Test
    void hetzelfdeEventTweeKeerIsEenFeit() {
        Zaakdossier d = dossier(FEITEN);
        assertSame(d, d.met(new Feit.AanvullingOntvangen("c", parse("2025-04-15"))));
    }

    @Test
    void zonderOntvangstGeenAanvraag() {
        assertTrue(dossier(List.of(new Feit.AanvullingOntvangen("c", parse("2025-04-14")))).aanvraag().isEmpty());
    }

    @Test
    void aanvullingZonderVerzoekWachtOpHetVerzoek() {
        Zaakdossier zonderVerzoek = dossier(List.of(FEITEN.get(0), FEITEN.get(2)));
        assertEquals(List.of(), zonderVerzoek.aanvraag().orElseThrow().aanvullingen());
        Zaakdossier metVerzoek = zonderVerzoek.met(FEITEN.get(1));
        assertEquals(parse("2025-04-14"), metVerzoek.aanvraag().orElseThrow().aanvullingen().getFirst().aangevuld());
    }

    @Test
    void verzoekZonderAanvullenVoorHeeftGeenTermijn() {
        Aanvraag a = dossier(List.of(FEITEN.get(0), new Feit.AanvullingGevraagd("b", parse("2025-04-04"), null))).aanvraag().orElseThrow();
        assertEquals(false, a.aanvullingen().getFirst().termijnGesteld());
    }

    @Test
    void tweedeOntvangstMetAndereGegevensIsTegenstrijdig() {
        Zaakdossier d = dossier(List.of(FEITEN.get(0), new Feit.AanvraagOntvangen("x", Procedure.UITGEBREID, parse("2025-03-24"))));
        OngeldigeInvoer e = assertThrows(OngeldigeInvoer.class, d::aanvraag);
        assertEquals("ontvangen", e.veld());
    }

    private static final LocalDate VANDAAG = parse("2026-06-15");

    /** Adds the facts one by one as events would, returning the dossier and every refusal. */
    private static Zaakdossier.Toevoeging voegToe(List<Feit> feiten, List<OngeldigeInvoer> geweigerd) {
        Zaakdossier d = Zaakdossier.leeg("GM0363", "Z-1");
        Zaakdossier.Toevoeging t = new Zaakdossier.Toevoeging(d, false, List.of());
        List<Zaakdossier.Afgewezen> later = new ArrayList<>();
        for (Feit f : feiten) {
            try {
                t = t.dossier().voegToe(f, ENGINE, VANDAAG);
                later.addAll(t.afgewezen());
            } catch (OngeldigeInvoer e) {
                geweigerd.add(e);
            }
        }
        return new Zaakdossier.Toevoeging(t.dossier(), false, later);
    }

    private static final Feit ONTVANGST = new Feit.AanvraagOntvangen("a", Procedure.REGULIER, parse("2026-03-02"));

    @Test
    void eenVroegGedateerdBesluitVerdringtDeOntvangstNiet() {
        List<OngeldigeInvoer> geweigerd = new ArrayList<>();
        Zaakdossier d = voegToe(List.of(ONTVANGST, new Feit.BesluitBekendgemaakt("b", parse("2026-03-01"))), geweigerd).dossier();
        assertEquals(Set.of("a"), d.feiten().keySet(), "the receipt stands");
        assertEquals("besluit", geweigerd.getFirst().veld());
    }

    @Test
    void eenFeitVoorDeOntvangstWordtGetoetstZodraDieBekendIs_enDeOntvangstBlijft() {
        List<OngeldigeInvoer> geweigerd = new ArrayList<>();
        Zaakdossier.Toevoeging t = voegToe(List.of(new Feit.BesluitBekendgemaakt("b", parse("2026-03-01")),
                new Feit.IngebrekestellingOntvangen("i", parse("2026-05-10")), ONTVANGST), geweigerd);
        assertEquals(List.of(), geweigerd, "the receipt itself is never refused for a fact told before it");
        assertEquals(Set.of("a", "i"), t.dossier().feiten().keySet());
        assertEquals("b", t.afgewezen().getFirst().feit().id());
        assertEquals("besluit", t.afgewezen().getFirst().reden().veld());
    }

    @Test
    void eenTweedeOntvangstVervangtDeEersteNiet_ookNietMetEenIdDatVoorgaat() {
        List<OngeldigeInvoer> geweigerd = new ArrayList<>();
        Zaakdossier d = voegToe(List.of(ONTVANGST, new Feit.AanvraagOntvangen("0", Procedure.UITGEBREID, parse("2026-03-01"))), geweigerd).dossier();
        assertEquals(Set.of("a"), d.feiten().keySet());
        assertEquals("ontvangen", geweigerd.getFirst().veld());
    }

    @Test
    void eenTweedeVerlengingIsDeNieuwkomerDieWordtGeweigerd() {
        List<OngeldigeInvoer> geweigerd = new ArrayList<>();
        Zaakdossier d = voegToe(List.of(ONTVANGST, new Feit.TermijnVerlengd("v2", new Verlenging(28, parse("2026-04-02"))),
                new Feit.TermijnVerlengd("v1", new Verlenging(14, parse("2026-04-01")))), geweigerd).dossier();
        assertEquals(Set.of("a", "v2"), d.feiten().keySet(), "the verlenging accepted first stays");
        assertEquals("verlenging", geweigerd.getFirst().veld());
    }

    @Test
    void hetzelfdeIdMetAndereInhoudWordtGeweigerd_dezelfdeInhoudMetEenNieuwIdVeranderdNiets() throws Exception {
        Zaakdossier d = voegToe(List.of(ONTVANGST), new ArrayList<>()).dossier();
        OngeldigeInvoer e = assertThrows(OngeldigeInvoer.class,
                () -> d.voegToe(new Feit.IngebrekestellingOntvangen("a", parse("2026-05-10")), ENGINE, VANDAAG));
        assertEquals("id", e.veld());
        Zaakdossier.Toevoeging t = d.voegToe(new Feit.AanvraagOntvangen("nieuw-id", Procedure.REGULIER, parse("2026-03-02")), ENGINE, VANDAAG);
        assertTrue(t.duplicaat());
        assertSame(d, t.dossier());
        assertTrue(d.voegToe(ONTVANGST, ENGINE, VANDAAG).duplicaat());
    }

    @Test
    void eenVolDossierWeigertNieuweFeitenBehalveBesluitEnIntrekking() {
        List<Feit> feiten = new ArrayList<>(List.of(ONTVANGST));
        for (int i = 1; i < Grenzen.MAX_FEITEN; i++) {
            feiten.add(new Feit.IngebrekestellingOntvangen("i" + i, parse("2026-03-02").plusDays(i)));
        }
        List<OngeldigeInvoer> geweigerd = new ArrayList<>();
        Zaakdossier vol = voegToe(feiten, geweigerd).dossier();
        assertEquals(List.of(), geweigerd);
        assertEquals(Grenzen.MAX_FEITEN, vol.feiten().size());
        OngeldigeInvoer e = assertThrows(OngeldigeInvoer.class,
                () -> vol.voegToe(new Feit.AanvullingOntvangen("x", parse("2026-06-01")), ENGINE, VANDAAG));
        assertTrue(e.reden().contains("Z-1") && e.reden().contains("maximum"), e.reden());
        Zaakdossier besloten = vol.voegToe(new Feit.BesluitBekendgemaakt("b", parse("2026-06-10")), ENGINE, VANDAAG).dossier();
        Zaakdossier ingetrokken = vol.voegToe(new Feit.AanvraagIngetrokken("w", parse("2026-06-10")), ENGINE, VANDAAG).dossier();
        assertEquals(Grenzen.MAX_FEITEN + 1, besloten.feiten().size());
        assertEquals(Grenzen.MAX_FEITEN + 1, ingetrokken.feiten().size());
        assertEquals("datum", assertThrows(OngeldigeInvoer.class,
                () -> besloten.voegToe(new Feit.BesluitBekendgemaakt("b2", parse("2026-06-11")), ENGINE, VANDAAG)).veld(), "one besluit");
    }

    @Test
    void eenBesluitSluitOokEenDossierDatNietMeerTeBerekenenIs() {
        // accepted by an older version: two verlengingen, which the engine refuses
        Zaakdossier oud = Zaakdossier.leeg("GM0363", "Z-1").met(ONTVANGST).met(new Feit.TermijnVerlengd("v", new Verlenging(60, parse("2026-03-10"))))
                .met(new Feit.TermijnVerlengd("v2", new Verlenging(7, parse("2026-03-11"))));
        assertThrows(OngeldigeInvoer.class, () -> oud.voegToe(new Feit.IngebrekestellingOntvangen("i", parse("2026-06-01")), ENGINE, VANDAAG));
        Zaakdossier besloten = oud.voegToe(new Feit.BesluitBekendgemaakt("b", parse("2026-06-10")), ENGINE, VANDAAG).dossier();
        assertTrue(besloten.kent("b"));
    }

    @Test
    void ongeldigeGemeentecodeOfZaakreferentie() {
        assertEquals("gemeente", assertThrows(OngeldigeInvoer.class, () -> Zaakdossier.toetsSleutel("0363", "Z-1")).veld());
        for (String persoonsgegeven : List.of("Jan Jansen", "Jan.Jansen", "jan.jansen@example.nl", "999999990", "Z-999999990", "ZAAK/0612345678",
                // with separators between the digits, a country code, or an address
                "123.456.782", "Z-123-456-782", "0031612345678", "ZAAK/06-1234-5678", "Dorpsstraat-12-1234AB")) {
            OngeldigeInvoer e = assertThrows(OngeldigeInvoer.class, () -> Zaakdossier.toetsSleutel("GM0363", persoonsgegeven), persoonsgegeven);
            assertEquals("zaak", e.veld());
            assertTrue(!e.reden().contains(persoonsgegeven), "the reason never quotes the reference");
        }
        for (String zaaknummer : List.of("ZAAK-2026-0000123", "Z-1", "2026-0101", "OLO-12345678", "123456789", "ZK26.000412", "urn:zaak:2026:77")) {
            Zaakdossier.toetsSleutel("GM0363", zaaknummer); // 123456789 fails the elfproef
        }
        assertTrue(Zaakdossier.isBsn("999999990") && Zaakdossier.isBsn("111222333") && !Zaakdossier.isBsn("123456789"));
    }

    @Test
    void planningStuurtPerKetenAlleenDeLaatsteAchterstalligeMijlpaal() {
        Zaakdossier d = dossier(List.of(new Feit.AanvraagOntvangen("a", Procedure.REGULIER, parse("2026-03-02"))));
        Instant nu = parse("2026-04-30").atTime(8, 0).atZone(AMSTERDAM).toInstant(); // deadline 04-28 lapsed
        Zaakstand stand = Zaakstand.bepaal(d, Set.of(), nu, Zaakstand.Instellingen.standaard());
        assertEquals(List.of("VERSTREKEN@2026-04-29"), stand.planning().nuVersturen().stream().map(Meldingsplanning::sleutel).toList());
        assertNull(stand.planning().volgende(), "nothing later in the termijn chain");

        Zaakstand naVerzenden = Zaakstand.bepaal(d, Set.of("VERSTREKEN@2026-04-29"), nu, Zaakstand.Instellingen.standaard());
        assertEquals(List.of(), naVerzenden.planning().nuVersturen());
        assertNull(naVerzenden.volgendMoment(nu), "leaves the due index");
    }

    @Test
    void volgendMomentIsZevenUurOpDeVolgendeMijlpaal() {
        Zaakdossier d = dossier(List.of(new Feit.AanvraagOntvangen("a", Procedure.REGULIER, parse("2026-03-02"))));
        Instant nu = parse("2026-03-02").atTime(10, 0).atZone(AMSTERDAM).toInstant();
        Zaakstand stand = Zaakstand.bepaal(d, Set.of(), nu, Zaakstand.Instellingen.standaard());
        assertEquals(parse("2026-04-13").atTime(ZEVEN).atZone(AMSTERDAM).toInstant(), stand.volgendMoment(nu));
        Instant achterstallig = parse("2026-04-13").atTime(9, 0).atZone(AMSTERDAM).toInstant();
        assertEquals(achterstallig, Zaakstand.bepaal(d, Set.of(), achterstallig, Zaakstand.Instellingen.standaard()).volgendMoment(achterstallig),
                "an unsent due milestone keeps the zaak due now");
    }

    @Test
    void meldingBevatAlleenZaakGemeenteDatumsEnCategorieen() {
        Zaakdossier d = dossier(List.of(new Feit.AanvraagOntvangen("a", Procedure.REGULIER, parse("2026-03-02"))));
        Instant nu = parse("2026-04-20").atTime(ZEVEN).atZone(AMSTERDAM).toInstant();
        Zaakstand stand = Zaakstand.bepaal(d, Set.of(), nu, Zaakstand.Instellingen.standaard());
        Zaakmelding m = stand.melding(stand.planning().nuVersturen().getFirst(), nu);
        assertEquals("zaak#GM0363#Z-1#VOORWAARSCHUWING-5@2026-04-20", m.idempotencyKey());
        assertEquals(5, m.werkdagenResterend());
        assertEquals(parse("2026-04-28"), m.verlengingMogelijkTot());
        assertEquals("Zaak Z-1 (GM0363): nog 5 werkdagen tot de uiterste beslisdatum, dinsdag 28 april 2026 (2026-04-28). "
                + "Verlengen (eenmaal, ten hoogste 6 weken) kan nog tot en met dinsdag 28 april 2026.", m.tekst());
        assertTrue(m.onderwerp().chars().allMatch(c -> c >= 32 && c < 127) && m.onderwerp().length() < 100, "SNS subject: ASCII, < 100");
    }

    @Test
    void opschortingLoopt_waarschuwingenPauzerenTotDeAanvultermijnVerloopt() {
        Zaakdossier d = dossier(List.of(new Feit.AanvraagOntvangen("a", Procedure.REGULIER, parse("2026-03-02")),
                new Feit.AanvullingGevraagd("b", parse("2026-04-10"), parse("2026-04-24"))));
        Instant tijdens = parse("2026-04-13").atTime(ZEVEN).atZone(AMSTERDAM).toInstant();
        Zaakstand stand = Zaakstand.bepaal(d, Set.of(), tijdens, Zaakstand.Instellingen.standaard());
        assertEquals(Zaakstatus.OPGESCHORT, stand.termijn().status());
        assertEquals(List.of(), stand.planning().nuVersturen(), "VW-10 of 04-13 pauses");
        assertEquals(parse("2026-04-24").atTime(ZEVEN).atZone(AMSTERDAM).toInstant(), stand.volgendMoment(tijdens));

        Instant verlopen = parse("2026-04-24").atTime(ZEVEN).atZone(AMSTERDAM).toInstant();
        Zaakstand daarna = Zaakstand.bepaal(d, Set.of(), verlopen, Zaakstand.Instellingen.standaard());
        LocalDate nieuw = daarna.termijn().uitersteBeslisdatum(); // 04-11..04-23 = 13 days: 04-27 + 13 = 05-10 (Sun) → Mon 05-11
        assertEquals(parse("2026-05-11"), nieuw);
        assertTrue(daarna.planning().nuVersturen().stream().anyMatch(m -> m.soort() == Mijlpaalsoort.OPSCHORTING_VERLOPEN));
    }
}

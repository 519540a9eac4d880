package nl.termijnwacht.core;

import static java.time.LocalDate.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TermijnberekeningTest {

    private static final Termijnberekening ENGINE = new Termijnberekening(Kalender.standaard());
    private static final LocalDate PEIL = parse("2026-11-28");

    private static Beslistermijn bereken(Aanvraag a) {
        return ENGINE.bereken(a, TermijnEigenschappenTest.nietVoorEenFeit(a, PEIL));
    }

    private static Aanvraag regulier(String ontvangen) {
        return Aanvraag.van(Procedure.REGULIER, parse(ontvangen));
    }

    private static Onzekerheid onzekerheid(Beslistermijn t, String code) {
        return t.onzekerheden().stream().filter(o -> o.code().equals(code)).findFirst().orElse(null);
    }

    @Nested
    @DisplayName("uitgewerkte voorbeelden (docs/termijnregels.md)")
    class UitgewerkteVoorbeelden {

        @Test
        void regulierZonderBijzonderheden() {
            Beslistermijn t = bereken(regulier("2025-01-06"));
            assertEquals(parse("2025-03-03"), t.uitersteBeslisdatum());
            assertEquals(0, t.opgeschorteDagen());
            assertTrue(t.onzekerheden().isEmpty());
            assertEquals(parse("2025-03-03"), t.verlengingMogelijkTot());
        }

        @Test
        void goedeVrijdagSchuiftNaarDinsdag() {
            Beslistermijn t = bereken(regulier("2025-02-21"));
            assertEquals(parse("2025-04-18"), t.eindeNaOpschorting());
            assertEquals(parse("2025-04-22"), t.uitersteBeslisdatum());
            assertTrue(t.stappen().stream().anyMatch(s -> s.contains("Goede Vrijdag")), t.stappen().toString());
        }

        @Test
        void koningsdagOpZaterdagSchuiftNaarMaandag() {
            Beslistermijn t = bereken(regulier("2025-03-01"));
            assertEquals(parse("2025-04-26"), t.eindeNaOpschorting());
            assertEquals(parse("2025-04-28"), t.uitersteBeslisdatum());
        }

        @Test
        void opschortingVanNegenDagen() {
            Beslistermijn t = bereken(regulier("2025-03-24").metAanvulling(Aanvulling.afgerond(parse("2025-04-04"), parse("2025-04-14"))));
            assertEquals(9, t.opgeschorteDagen());
            assertEquals(parse("2025-05-28"), t.uitersteBeslisdatum());
            // A1: inclusive of the supplement day → Thu 05-29 is Ascension Day, 05-30 a decree day → Mon 06-02.
            assertEquals(parse("2025-06-02"), onzekerheid(t, "A1").alternatieveDatum());
        }

        @Test
        void verlengingZonderAtw() {
            Beslistermijn t = bereken(regulier("2026-01-19").metVerlenging(Verlenging.van("P6W", parse("2026-02-20"))));
            assertEquals(parse("2026-04-27"), t.uitersteBeslisdatum());
            assertFalse(t.atwVanToepassing());
            assertEquals(parse("2026-04-28"), onzekerheid(t, "A3").alternatieveDatum());
            assertNull(t.verlengingMogelijkTot(), "already extended once");
        }

        @Test
        void uitgebreidOpKoningsdagSchuiftNiet() {
            Beslistermijn t = bereken(Aanvraag.van(Procedure.UITGEBREID, parse("2026-10-27")));
            assertEquals(parse("2027-04-27"), t.uitersteBeslisdatum());
            assertFalse(t.atwVanToepassing());
            assertEquals(parse("2026-12-22"), t.verlengingMogelijkTot(), "8 weeks after receipt");
        }

        @Test
        void dwangsomNaIngebrekestelling() {
            Beslistermijn t = ENGINE.bereken(regulier("2025-01-06").metIngebrekestelling(parse("2025-03-04")), parse("2025-06-01"));
            Dwangsom d = t.dwangsom();
            assertNotNull(d);
            assertEquals(parse("2025-03-18"), d.eersteDag());
            assertEquals(parse("2025-04-28"), d.laatsteDag());
            assertEquals(42, d.dagen());
            assertEquals(1442, d.bedrag());
            assertEquals(parse("2025-03-19"), onzekerheid(t, "A5").alternatieveDatum());
            assertEquals(parse("2025-05-12"), d.vaststellenUiterlijk());
        }
    }

    @Nested
    @DisplayName("basistermijnen en Algemene termijnenwet")
    class Basistermijnen {

        @ParameterizedTest(name = "{0} ontvangen {1} → {2}")
        @CsvSource({
                "regulier, 2025-01-06, 2025-03-03",
                "regulier-instemming, 2025-01-06, 2025-03-31",
                // 12 weeks after 2024-10-03 is Thu 12-26 (Tweede Kerstdag); Fri 12-27 is a decree day (2023–2025) → Mon 12-30
                "regulier-instemming, 2024-10-03, 2024-12-30",
                // 8 weeks after 2024-03-15 is Fri 2024-05-10, a decree day (day after Ascension) → Mon 2024-05-13
                "regulier, 2024-03-15, 2024-05-13",
                // 8 weeks after 2025-11-07 is Fri 2026-01-02, a decree day → Mon 2026-01-05
                "regulier, 2025-11-07, 2026-01-05",
                // Ascension 2026 is Thu 05-14, 05-15 decree day → Mon 05-18
                "regulier, 2026-03-19, 2026-05-18",
                // 5 May 2026 (Tuesday) is a holiday every year
                "regulier, 2026-03-10, 2026-05-06",
                // Whit Monday 2027-05-17 → Tue 05-18
                "regulier, 2027-03-22, 2027-05-18",
                // King's Day 2026 is Mon 04-27 → Tue 04-28
                "regulier, 2026-03-02, 2026-04-28",
                // New Year 2027 is a Friday → Mon 2027-01-04
                "regulier, 2026-11-06, 2027-01-04",
                // uitgebreid: 31 Aug → 28 Feb (clamped), Atw not applied even though Sunday? 2025-02-28 is a Friday
                "uitgebreid, 2024-08-31, 2025-02-28",
                // uitgebreid ending on a Saturday stays on the Saturday (Atw art. 4)
                "uitgebreid, 2025-07-12, 2026-01-12",
                "uitgebreid, 2025-06-14, 2025-12-14",
        })
        void beslisdatum(String procedure, LocalDate ontvangen, LocalDate verwacht) {
            assertEquals(verwacht, bereken(Aanvraag.van(Procedure.vanCode(procedure), ontvangen)).uitersteBeslisdatum());
        }

        @Test
        void uitgebreidSchrikkeljaarEnOnzekerheidA4() {
            Beslistermijn t = bereken(Aanvraag.van(Procedure.UITGEBREID, parse("2027-08-31")));
            assertEquals(parse("2028-02-29"), t.uitersteBeslisdatum());
            assertEquals(parse("2028-03-01"), onzekerheid(t, "A4").alternatieveDatum());
            assertTrue(t.stappen().stream().anyMatch(s -> s.contains("laatste dag van die maand")));
        }

        @Test
        void geenA4BijBestaandeDag() {
            assertNull(onzekerheid(bereken(Aanvraag.van(Procedure.UITGEBREID, parse("2026-10-27"))), "A4"));
        }

        @Test
        void zomertijdweekendMaaktGeenVerschil() {
            // 8 weeks across the DST change of 2026-03-29: calendar dates, not instants.
            assertEquals(parse("2026-04-30"), bereken(regulier("2026-03-05")).uitersteBeslisdatum());
            assertEquals(parse("2026-12-21"), bereken(regulier("2026-10-26")).uitersteBeslisdatum());
        }
    }

    @Nested
    @DisplayName("opschorting")
    class Opschortingen {

        @Test
        void overlappendeOpschortingenTellenElkeDagEenKeer() {
            Aanvraag a = regulier("2025-03-24")
                    .metAanvulling(Aanvulling.afgerond(parse("2025-04-04"), parse("2025-04-14"))) // 05..13 = 9
                    .metAanvulling(Aanvulling.afgerond(parse("2025-04-10"), parse("2025-04-20"))); // 11..19, overlap 11..13
            Beslistermijn t = bereken(a);
            assertEquals(15, t.opgeschorteDagen(), "05..19 April");
            assertEquals(parse("2025-05-19").plusDays(15), t.eindeNaOpschorting());
            assertTrue(t.stappen().stream().anyMatch(s -> s.contains("overlappen")));
        }

        @Test
        void aanvullingOpDeDagVanHetVerzoekSchortNietsOp() {
            Beslistermijn t = bereken(regulier("2025-01-06").metAanvulling(Aanvulling.afgerond(parse("2025-01-10"), parse("2025-01-10"))));
            assertEquals(0, t.opgeschorteDagen());
            assertEquals(parse("2025-03-03"), t.uitersteBeslisdatum());
            // A1 (inclusive of A) counts A−V = 0 days as well: no uncertainty to report
            assertNull(onzekerheid(t, "A1"));
            // supplemented the next day: 0 days, A1 counts 1 day → Tue 03-04
            Beslistermijn volgendeDag = bereken(regulier("2025-01-06").metAanvulling(Aanvulling.afgerond(parse("2025-01-10"), parse("2025-01-11"))));
            assertEquals(parse("2025-03-03"), volgendeDag.uitersteBeslisdatum());
            assertEquals(parse("2025-03-04"), onzekerheid(volgendeDag, "A1").alternatieveDatum());
        }

        @Test
        void instemmingTeltDagenBij() {
            Beslistermijn t = bereken(regulier("2025-01-06").metInstemming(new Instemming(parse("2025-02-01"), 14)));
            assertEquals(14, t.opgeschorteDagen());
            assertEquals(parse("2025-03-17"), t.uitersteBeslisdatum());
        }

        @Test
        void verzoekZonderTermijnSchortNietOp() {
            Beslistermijn t = bereken(regulier("2025-01-06").metAanvulling(Aanvulling.zonderTermijn(parse("2025-01-10"), parse("2025-01-20"))));
            assertEquals(0, t.opgeschorteDagen());
            assertEquals(parse("2025-03-03"), t.uitersteBeslisdatum());
            // had it suspended: 11..19 = 9 days → Wed 03-12
            assertEquals(parse("2025-03-12"), onzekerheid(t, "A6").alternatieveDatum());
            assertTrue(t.stappen().stream().anyMatch(s -> s.contains("ECLI:NL:RVS:2016:2527")));
        }

        @Test
        void lopendeOpschortingMaaktZaakOpgeschort() {
            Aanvraag a = regulier("2025-01-06").metAanvulling(Aanvulling.gevraagd(parse("2025-01-10"), parse("2025-02-10")));
            Beslistermijn t = ENGINE.bereken(a, parse("2025-01-20"));
            assertEquals(Zaakstatus.OPGESCHORT, t.status());
            assertEquals(9, t.opgeschorteDagen(), "11..19 January counted so far");
            assertTrue(Mijlpalen.voor(t, Mijlpalen.STANDAARD_WAARSCHUWINGEN).stream()
                    .allMatch(m -> m.soort() == Mijlpaalsoort.OPSCHORTING_VERLOPEN), "warnings pause");
        }

        @Test
        void ongebruikteAanvultermijnBeeindigtOpschortingVanzelf() {
            Aanvraag a = regulier("2025-01-06").metAanvulling(Aanvulling.gevraagd(parse("2025-01-10"), parse("2025-02-10")));
            Beslistermijn t = ENGINE.bereken(a, parse("2025-02-10"));
            assertEquals(Zaakstatus.OPEN, t.status());
            assertEquals(30, t.opgeschorteDagen(), "11 Jan .. 9 Feb");
            assertEquals(Opschorting.Soort.TERMIJN_VERSTREKEN, t.opschortingen().getFirst().soort());
        }

        @Test
        void lateAanvullingNaAanvultermijnTeltTotDeTermijn() {
            Aanvraag a = regulier("2025-01-06").metAanvulling(new Aanvulling(parse("2025-01-10"), parse("2025-01-20"), parse("2025-01-30"), true));
            assertEquals(9, bereken(a).opgeschorteDagen());
        }
    }

    @Nested
    @DisplayName("opschorting alleen van een lopende termijn (Awb 4:15)")
    class AlleenLopendeTermijn {

        @Test
        void gelijkgesteldeDag2024_regulier15Maart2024EindigtOpMaandag13Mei() {
            // raw end Fri 10 May 2024, the day after Ascension Day, equated with a holiday (Besluit gelijkstelling 2023–2025)
            assertEquals(parse("2024-05-13"), bereken(regulier("2024-03-15")).uitersteBeslisdatum());
        }

        @Test
        void verzoekNaAfloopVanDeTermijnSchortNietsOp() {
            // deadline Mon 2025-03-03; request weeks later, supplemented later still
            Beslistermijn t = bereken(regulier("2025-01-06").metAanvulling(Aanvulling.afgerond(parse("2025-03-20"), parse("2025-04-10")))
                    .metIngebrekestelling(parse("2025-03-25")));
            assertEquals(parse("2025-03-03"), t.uitersteBeslisdatum(), "the deadline does not move (before: moved to before the request)");
            assertEquals(0, t.opgeschorteDagen());
            assertEquals(Opschorting.Soort.NA_TERMIJN, t.opschortingen().getFirst().soort());
            assertNotNull(t.dwangsom(), "the ingebrekestelling after the deadline is valid: a dwangsom runs");
            assertEquals(parse("2025-04-08"), t.dwangsom().eersteDag());
            assertTrue(t.stappen().stream().anyMatch(s -> s.contains("verstreken termijn kan niet meer worden opgeschort")), t.stappen().toString());
            assertNull(onzekerheid(t, "A7"));
        }

        @Test
        void verzoekOpDeLaatsteDagSchortNietOp_deAndereLezingIsA7() {
            Beslistermijn t = bereken(regulier("2025-01-06").metAanvulling(Aanvulling.afgerond(parse("2025-03-03"), parse("2025-03-13"))));
            assertEquals(parse("2025-03-03"), t.uitersteBeslisdatum());
            // had it suspended: 04..12 March = 9 days → Wed 2025-03-12
            assertEquals(parse("2025-03-12"), onzekerheid(t, "A7").alternatieveDatum());
        }

        @Test
        void verzoekDeDagVoorDeLaatsteDagSchortWelOp() {
            Beslistermijn t = bereken(regulier("2025-01-06").metAanvulling(Aanvulling.afgerond(parse("2025-03-02"), parse("2025-03-13"))));
            assertEquals(10, t.opgeschorteDagen());
            assertEquals(parse("2025-03-13"), t.uitersteBeslisdatum());
        }

        @Test
        void deTermijnZoalsDieToenStond_eerdereOpschortingTeltMee() {
            // first request suspends 9 days (deadline → 2025-03-12); a second request on 2025-03-10 is within that term
            Beslistermijn t = bereken(regulier("2025-01-06")
                    .metAanvulling(Aanvulling.afgerond(parse("2025-01-10"), parse("2025-01-20")))
                    .metAanvulling(Aanvulling.afgerond(parse("2025-03-10"), parse("2025-03-15"))));
            assertEquals(9 + 4, t.opgeschorteDagen());
            assertTrue(t.opschortingen().stream().allMatch(Opschorting::schortOp));
        }

        @Test
        void instemmingNaAfloopTeltNiet_opDeLaatsteDagIsA7() {
            Beslistermijn na = bereken(regulier("2025-01-06").metInstemming(new Instemming(parse("2025-03-04"), 14)));
            assertEquals(parse("2025-03-03"), na.uitersteBeslisdatum());
            assertEquals(0, na.instemmingDagen());
            assertEquals(1, na.instemmingenNaTermijn().size());
            assertTrue(na.stappen().stream().anyMatch(s -> s.contains("telt niet mee")));
            Beslistermijn op = bereken(regulier("2025-01-06").metInstemming(new Instemming(parse("2025-03-03"), 14)));
            assertEquals(parse("2025-03-17"), onzekerheid(op, "A7").alternatieveDatum());
            Beslistermijn binnen = bereken(regulier("2025-01-06").metInstemming(new Instemming(parse("2025-02-03"), 14)));
            assertEquals(parse("2025-03-17"), binnen.uitersteBeslisdatum());
        }

        @Test
        void eenVerzoekNaAfloopWachtNietOpAanvulling_geenOpgeschorteStatusEnGeenMijlpaal() {
            Beslistermijn t = ENGINE.bereken(regulier("2025-01-06").metAanvulling(Aanvulling.gevraagd(parse("2025-03-20"), parse("2025-04-20"))),
                    parse("2025-03-25"));
            assertEquals(Zaakstatus.VERSTREKEN, t.status());
            assertTrue(Mijlpalen.voor(t, Mijlpalen.STANDAARD_WAARSCHUWINGEN).stream().noneMatch(m -> m.soort() == Mijlpaalsoort.OPSCHORTING_VERLOPEN));
        }
    }

    @Nested
    @DisplayName("peildatum en grenzen")
    class PeildatumEnGrenzen {

        @Test
        void peildatumVoorEenGegevenFeitIsEenFout() {
            OngeldigeInvoer e = assertThrows(OngeldigeInvoer.class,
                    () -> ENGINE.bereken(regulier("2026-01-05").metBesluit(parse("2027-03-23")), parse("2026-11-28")));
            assertEquals("peildatum", e.veld());
            assertTrue(e.reden().contains("2026-11-28") && e.reden().contains("2027-03-23"), e.reden());
        }

        @Test
        void metBesluitTeltDeDwangsomTotDeDagErvoor() {
            Beslistermijn t = ENGINE.bereken(regulier("2025-01-06").metIngebrekestelling(parse("2025-03-04")).metBesluit(parse("2025-03-25")),
                    parse("2025-06-01"));
            assertEquals(7, t.dwangsom().dagen(), "18..24 March");
        }

        @Test
        void instemmingsdagenZijnBegrensd_geenOverloop() {
            OngeldigeInvoer e = assertThrows(OngeldigeInvoer.class, () -> bereken(regulier("2025-01-06")
                    .metInstemming(new Instemming(null, Integer.MAX_VALUE)).metInstemming(new Instemming(null, Integer.MAX_VALUE))));
            assertEquals("instemming-dagen", e.veld());
        }

        @Test
        void verlengingMetOverlopendeDuurIsEenFoutGeenCrash() {
            OngeldigeInvoer e = assertThrows(OngeldigeInvoer.class, () -> Verlenging.van("P306783379W", parse("2026-02-01")));
            assertEquals("duur", e.veld());
            assertTrue(e.reden().length() < 200, e.reden());
        }

        @Test
        void datumsBuitenHetBereikOfMetTeveelCijfers() {
            for (String d : List.of("+999999999-12-31", "9999-01-01", "1970-01-01", "2100-01-01", "-001-01-01", "20260-01-01")) {
                assertThrows(OngeldigeInvoer.class, () -> Datums.invoer("ontvangen", d), d);
            }
            assertEquals(parse("2099-12-31"), Datums.invoer("ontvangen", "2099-12-31"));
        }

        @Test
        void eenRedenCiteertHoogstensEenKortSchoonFragment() {
            String lang = "\u202Ex".repeat(100_000) + "\u0000";
            OngeldigeInvoer e = assertThrows(OngeldigeInvoer.class, () -> Datums.invoer("datum", lang));
            assertTrue(e.reden().length() < 160, e.reden());
            assertTrue(e.reden().chars().noneMatch(c -> c < 32 || c == 0x202E), e.reden());
        }
    }

    @Nested
    @DisplayName("verlenging")
    class Verlengingen {

        @Test
        void verlengingNaOpschortingEnA2() {
            // raw 2026-03-16, +9 suspended = 03-25, +42 = 05-06
            Aanvraag a = regulier("2026-01-19")
                    .metAanvulling(Aanvulling.afgerond(parse("2026-01-20"), parse("2026-01-30")))
                    .metVerlenging(Verlenging.van("P6W", parse("2026-03-20")));
            Beslistermijn t = bereken(a);
            assertEquals(parse("2026-05-06"), t.uitersteBeslisdatum());
            assertEquals(9, t.opgeschorteDagen());
        }

        @Test
        void a2WanneerHetEindeVoorVerlengingOpEenFeestdagValt() {
            // raw Fri 2025-04-18 (Good Friday) → shifted Tue 04-22; +42 from raw = Fri 05-30, +42 from shifted = Tue 06-03
            Beslistermijn t = bereken(regulier("2025-02-21").metVerlenging(Verlenging.van("P6W", parse("2025-04-01"))));
            assertEquals(parse("2025-05-30"), t.uitersteBeslisdatum());
            assertEquals(parse("2025-06-03"), onzekerheid(t, "A2").alternatieveDatum());
            assertEquals(parse("2025-06-02"), onzekerheid(t, "A3").alternatieveDatum());
        }

        @Test
        void verlengingOpDeUitersteDagIsTijdig() {
            assertEquals(parse("2025-04-14"), bereken(regulier("2025-01-06").metVerlenging(Verlenging.van("P6W", parse("2025-03-03")))).uitersteBeslisdatum());
        }

        @Test
        void uitgebreidVerlengingBinnenAchtWeken() {
            Beslistermijn t = bereken(Aanvraag.van(Procedure.UITGEBREID, parse("2026-10-27")).metVerlenging(Verlenging.van("P6W", parse("2026-12-22"))));
            assertEquals(parse("2027-06-08"), t.uitersteBeslisdatum());
            assertTrue(t.onzekerheden().isEmpty());
        }

        @Test
        void ookEenKorteVerlengingValtBuitenDeAtw() {
            // docs/termijnregels.md, Pipeline step 4: no Atw for a term with a verlenging (earliest reading); A3 gives the shifted date.
            Beslistermijn t = bereken(regulier("2025-01-11").metVerlenging(Verlenging.van("P4W", parse("2025-02-01"))));
            assertFalse(t.atwVanToepassing());
            assertEquals(parse("2025-04-05"), t.uitersteBeslisdatum(), "Saturday, not moved");
            assertEquals(parse("2025-04-07"), onzekerheid(t, "A3").alternatieveDatum());
        }

        @Test
        void kortereVerlengingInDagen() {
            assertEquals(parse("2025-03-13"), bereken(regulier("2025-01-06").metVerlenging(Verlenging.van("P10D", parse("2025-02-01")))).uitersteBeslisdatum());
        }
    }

    @Nested
    @DisplayName("dwangsom")
    class Dwangsommen {

        @Test
        void voorbarigeIngebrekestellingGeeftGeenDwangsom() {
            Beslistermijn t = bereken(regulier("2025-01-06").metIngebrekestelling(parse("2025-03-03")));
            assertNull(t.dwangsom());
            assertEquals(parse("2025-03-03"), t.voorbarigeIngebrekestelling());
            assertTrue(t.stappen().stream().anyMatch(s -> s.contains("voorbarig")));
        }

        @ParameterizedTest(name = "peildatum {0} → {1} dagen, € {2}")
        @CsvSource({
                "2025-03-17, 0, 0",
                "2025-03-18, 1, 23",
                "2025-03-31, 14, 322",
                "2025-04-01, 15, 357",
                "2025-04-14, 28, 812",
                "2025-04-15, 29, 857",
                "2025-04-28, 42, 1442",
                "2025-12-31, 42, 1442",
        })
        void getrapteBedragen(LocalDate peildatum, int dagen, int bedrag) {
            Dwangsom d = ENGINE.bereken(regulier("2025-01-06").metIngebrekestelling(parse("2025-03-04")), peildatum).dwangsom();
            assertEquals(dagen, d.dagen());
            assertEquals(bedrag, d.bedrag());
        }

        @Test
        void besluitStoptDeDwangsomDeDagErvoor() {
            Dwangsom d = bereken(regulier("2025-01-06").metIngebrekestelling(parse("2025-03-04")).metBesluit(parse("2025-03-25"))).dwangsom();
            assertEquals(7, d.dagen(), "18..24 March");
            assertEquals(161, d.bedrag());
        }

        @Test
        void tijdigBesluitGeenDwangsom() {
            Beslistermijn t = bereken(regulier("2025-01-06").metBesluit(parse("2025-03-03")).metIngebrekestelling(parse("2025-03-04")));
            assertNull(t.dwangsom());
            assertEquals(Zaakstatus.BESLOTEN, t.status());
            assertTrue(t.tijdigBesloten());
        }

        @Test
        void dwangsomNaVerlengdeTermijn() {
            Beslistermijn t = bereken(regulier("2025-01-06").metVerlenging(Verlenging.van("P6W", parse("2025-02-01")))
                    .metIngebrekestelling(parse("2025-04-14")));
            assertNull(t.dwangsom(), "2025-04-14 is the extended deadline itself: premature");
            assertEquals(parse("2025-04-29"), bereken(regulier("2025-01-06").metVerlenging(Verlenging.van("P6W", parse("2025-02-01")))
                    .metIngebrekestelling(parse("2025-04-15"))).dwangsom().eersteDag());
        }

        @Test
        void bedragTabel() {
            assertEquals(0, Dwangsom.bedragVoor(0));
            assertEquals(1442, Dwangsom.bedragVoor(100));
        }
    }

    @Nested
    @DisplayName("ongeldige invoer")
    class OngeldigeInvoerTest {

        private OngeldigeInvoer fout(Aanvraag a) {
            return assertThrows(OngeldigeInvoer.class, () -> bereken(a));
        }

        @Test
        void onbekendeProcedure() {
            OngeldigeInvoer e = assertThrows(OngeldigeInvoer.class, () -> Procedure.vanCode("versneld"));
            assertEquals("procedure", e.veld());
            assertTrue(e.reden().contains("versneld") && e.reden().contains("regulier-instemming"), e.reden());
        }

        @Test
        void waboAanvraag() {
            OngeldigeInvoer e = fout(regulier("2023-12-31"));
            assertEquals("ontvangen", e.veld());
            assertTrue(e.reden().contains("Wabo"), e.reden());
            bereken(regulier("2024-01-01")); // the first day of the Omgevingswet is accepted
        }

        @Test
        void aanvullingVoorVerzoek() {
            OngeldigeInvoer e = fout(regulier("2025-01-06").metAanvulling(Aanvulling.afgerond(parse("2025-02-10"), parse("2025-02-01"))));
            assertEquals("aanvulling", e.veld());
            assertTrue(e.reden().contains("2025-02-01") && e.reden().contains("2025-02-10"), e.reden());
        }

        @Test
        void verzoekVoorOntvangst() {
            assertEquals("aanvulling", fout(regulier("2025-01-06").metAanvulling(Aanvulling.afgerond(parse("2025-01-01"), parse("2025-01-10")))).veld());
        }

        @Test
        void verlengingTeLang() {
            // the form and the maximum are checked in one place, where the duration is read
            OngeldigeInvoer e = assertThrows(OngeldigeInvoer.class, () -> Verlenging.van("P7W", parse("2025-02-01")));
            assertEquals("duur", e.veld());
            assertTrue(e.reden().contains("6 weken"), e.reden());
        }

        @Test
        void tweedeVerlenging() {
            OngeldigeInvoer e = fout(regulier("2025-01-06").metVerlenging(Verlenging.van("P2W", parse("2025-02-01")))
                    .metVerlenging(Verlenging.van("P2W", parse("2025-02-02"))));
            assertTrue(e.reden().contains("één keer"), e.reden());
        }

        @Test
        void verlengingTeLaat() {
            OngeldigeInvoer e = fout(regulier("2025-01-06").metVerlenging(Verlenging.van("P6W", parse("2025-03-04"))));
            assertEquals("verlenging-bekendgemaakt", e.veld());
            assertTrue(e.reden().contains("te laat") && e.reden().contains("2025-03-03"), e.reden());
        }

        @Test
        void uitgebreidVerlengingNaAchtWekenTeLaat() {
            OngeldigeInvoer e = fout(Aanvraag.van(Procedure.UITGEBREID, parse("2026-10-27")).metVerlenging(Verlenging.van("P6W", parse("2026-12-23"))));
            assertTrue(e.reden().contains("8 weken"), e.reden());
        }

        @Test
        void verlengingDuurInMaanden() {
            OngeldigeInvoer e = assertThrows(OngeldigeInvoer.class, () -> Verlenging.van("P1M", parse("2025-01-10")));
            assertTrue(e.reden().contains("weken of dagen"), e.reden());
            assertThrows(OngeldigeInvoer.class, () -> Verlenging.van("zes weken", parse("2025-01-10")));
            assertThrows(OngeldigeInvoer.class, () -> Verlenging.van("P0D", parse("2025-01-10")));
        }

        @Test
        void besluitOfIngebrekestellingVoorOntvangst() {
            assertEquals("besluit", fout(regulier("2025-01-06").metBesluit(parse("2025-01-05"))).veld());
            assertEquals("ingebrekestelling", fout(regulier("2025-01-06").metIngebrekestelling(parse("2025-01-05"))).veld());
        }

        @Test
        void onmogelijkeDatum() {
            assertThrows(java.time.format.DateTimeParseException.class, () -> Datums.parse("2026-02-30"));
            assertEquals(parse("2028-02-29"), Datums.parse("2028-02-29"));
        }
    }

    @Test
    void stappenVormenEenLeesbareAfleiding() {
        List<String> stappen = bereken(regulier("2025-02-21")).stappen();
        assertTrue(stappen.getFirst().startsWith("Aanvraag ontvangen op vrijdag 21 februari 2025"), stappen.getFirst());
        assertTrue(stappen.stream().anyMatch(s -> s.startsWith("Uiterste beslisdatum: dinsdag 22 april 2025")), stappen.toString());
    }
}

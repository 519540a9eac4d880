package nl.termijnwacht.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Atw calendar (docs/termijnregels.md). */
class KalenderTest {

    private static final Kalender K = Kalender.standaard();
    private static final String KB = "bij koninklijk besluit gelijkgestelde dag";

    /*
     * Every Atw holiday 2025–2030, written out by hand. Easter Sundays from the published table
     * (2025-04-20, 2026-04-05, 2027-03-28, 2028-04-16, 2029-04-01, 2030-04-21); Good Friday = −2,
     * Easter Monday = +1, Ascension = +39, Whit Monday = +50 days. King's Day 2025 is 26 April because
     * 27 April 2025 is a Sunday; in 2030 the 27th is a Saturday and stays.
     */
    static final String[][] FEESTDAGEN = {
            {"2025-01-01", "Nieuwjaarsdag"},
            {"2025-04-18", "Goede Vrijdag"},
            {"2025-04-21", "Tweede Paasdag"},
            {"2025-04-26", "Koningsdag"},
            {"2025-05-05", "Bevrijdingsdag"},
            {"2025-05-29", "Hemelvaartsdag"},
            {"2025-05-30", KB},
            {"2025-06-09", "Tweede Pinksterdag"},
            {"2025-12-25", "Eerste Kerstdag"},
            {"2025-12-26", "Tweede Kerstdag"},

            {"2026-01-01", "Nieuwjaarsdag"},
            {"2026-01-02", KB},
            {"2026-04-03", "Goede Vrijdag"},
            {"2026-04-06", "Tweede Paasdag"},
            {"2026-04-27", "Koningsdag"},
            {"2026-05-05", "Bevrijdingsdag"},
            {"2026-05-14", "Hemelvaartsdag"},
            {"2026-05-15", KB},
            {"2026-05-25", "Tweede Pinksterdag"},
            {"2026-12-25", "Eerste Kerstdag"},
            {"2026-12-26", "Tweede Kerstdag"},

            {"2027-01-01", "Nieuwjaarsdag"},
            {"2027-03-26", "Goede Vrijdag"},
            {"2027-03-29", "Tweede Paasdag"},
            {"2027-04-27", "Koningsdag"},
            {"2027-05-05", "Bevrijdingsdag"},
            {"2027-05-06", "Hemelvaartsdag"},
            {"2027-05-07", KB},
            {"2027-05-17", "Tweede Pinksterdag"},
            {"2027-12-25", "Eerste Kerstdag"},
            {"2027-12-26", "Tweede Kerstdag"},

            {"2028-01-01", "Nieuwjaarsdag"},
            {"2028-04-14", "Goede Vrijdag"},
            {"2028-04-17", "Tweede Paasdag"},
            {"2028-04-27", "Koningsdag"},
            {"2028-04-28", KB},
            {"2028-05-05", "Bevrijdingsdag"},
            {"2028-05-25", "Hemelvaartsdag"},
            {"2028-05-26", KB},
            {"2028-06-05", "Tweede Pinksterdag"},
            {"2028-12-25", "Eerste Kerstdag"},
            {"2028-12-26", "Tweede Kerstdag"},

            {"2029-01-01", "Nieuwjaarsdag"},
            {"2029-03-30", "Goede Vrijdag"},
            {"2029-04-02", "Tweede Paasdag"},
            {"2029-04-27", "Koningsdag"},
            {"2029-05-05", "Bevrijdingsdag"},
            {"2029-05-10", "Hemelvaartsdag"},
            {"2029-05-21", "Tweede Pinksterdag"},
            {"2029-12-25", "Eerste Kerstdag"},
            {"2029-12-26", "Tweede Kerstdag"},

            {"2030-01-01", "Nieuwjaarsdag"},
            {"2030-04-19", "Goede Vrijdag"},
            {"2030-04-22", "Tweede Paasdag"},
            {"2030-04-27", "Koningsdag"},
            {"2030-05-05", "Bevrijdingsdag"},
            {"2030-05-30", "Hemelvaartsdag"},
            {"2030-06-10", "Tweede Pinksterdag"},
            {"2030-12-25", "Eerste Kerstdag"},
            {"2030-12-26", "Tweede Kerstdag"},
    };

    static Stream<Arguments> feestdagen() {
        return Stream.of(FEESTDAGEN).map(f -> Arguments.of(LocalDate.parse(f[0]), f[1]));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("feestdagen")
    @DisplayName("elke Atw-feestdag 2025–2030 heeft de juiste naam en is een vrije dag")
    void feestdag(LocalDate datum, String naam) {
        assertEquals(Optional.of(naam), K.feestdag(datum));
        assertTrue(K.isVrijeDag(datum));
        assertFalse(K.isWerkdag(datum));
    }

    @Test
    @DisplayName("2025–2030 kent precies de opgesomde feestdagen, niet meer")
    void geenAndereFeestdagen() {
        Map<LocalDate, String> verwacht = new TreeMap<>();
        for (String[] f : FEESTDAGEN) {
            verwacht.put(LocalDate.parse(f[0]), f[1]);
        }
        Map<LocalDate, String> gevonden = new TreeMap<>();
        for (LocalDate d = LocalDate.of(2025, 1, 1); d.getYear() <= 2030; d = d.plusDays(1)) {
            LocalDate dag = d;
            K.feestdag(d).ifPresent(naam -> gevonden.put(dag, naam));
        }
        assertEquals(verwacht, gevonden);
    }

    @Test
    @DisplayName("de tabel (1990–2200, per regel gevuld) en de vrije-dagregel zelf zijn het over elke dag eens")
    void tabelVolgtDeRegel() {
        Kalender metExtra = Kalender.metExtraGelijkgesteldeDagen(List.of(LocalDate.of(2031, 6, 3), LocalDate.of(1989, 12, 29)));
        for (Kalender k : List.of(K, metExtra)) {
            int verschillen = 0;
            for (LocalDate d = LocalDate.of(1989, 12, 1); d.getYear() <= 2201; d = d.plusDays(1)) {
                if (k.isVrijeDag(d) != k.berekenVrij(d)) {
                    verschillen++;
                }
            }
            assertEquals(0, verschillen);
        }
        assertTrue(metExtra.isVrijeDag(LocalDate.of(2031, 6, 3)));
        assertFalse(K.isVrijeDag(LocalDate.of(2031, 6, 3)));
    }

    @ParameterizedTest(name = "Pasen {0} = {1}")
    @CsvSource({
            "2024, 2024-03-31", "2025, 2025-04-20", "2026, 2026-04-05", "2027, 2027-03-28", "2028, 2028-04-16",
            "2029, 2029-04-01", "2030, 2030-04-21", "2031, 2031-04-13", "2035, 2035-03-25", "2038, 2038-04-25",
            "2285, 2285-03-22", "2008, 2008-03-23", "1943, 1943-04-25"})
    @DisplayName("paaszondag volgt de gepubliceerde tabel (incl. vroegste en laatste Pasen)")
    void paaszondag(int jaar, LocalDate pasen) {
        assertEquals(pasen, Kalender.paaszondag(jaar));
    }

    @ParameterizedTest(name = "Koningsdag {0} = {1}")
    @CsvSource({"2025, 2025-04-26", "2026, 2026-04-27", "2030, 2030-04-27", "2031, 2031-04-26", "2036, 2036-04-26"})
    @DisplayName("Koningsdag is 27 april, 26 april als de 27e op zondag valt")
    void koningsdag(int jaar, LocalDate dag) {
        assertEquals(dag, Kalender.koningsdag(jaar));
        assertEquals(Optional.of("Koningsdag"), K.feestdag(dag));
    }

    @Test
    @DisplayName("27 april 2025 (zondag) is geen Koningsdag maar wel vrij")
    void zondag27April() {
        LocalDate d = LocalDate.of(2025, 4, 27);
        assertEquals(DayOfWeek.SUNDAY, d.getDayOfWeek());
        assertEquals(Optional.empty(), K.feestdag(d));
        assertTrue(K.isVrijeDag(d));
    }

    @Test
    @DisplayName("de meegeleverde gelijkgestelde dagen zijn precies die van de besluiten 2023–2025 en 2026–2028")
    void meegeleverdeGelijkgesteldeDagen() {
        assertEquals(List.of(LocalDate.of(2023, 4, 28), LocalDate.of(2023, 5, 19), LocalDate.of(2024, 5, 10),
                        LocalDate.of(2024, 12, 27), LocalDate.of(2025, 5, 30), LocalDate.of(2026, 1, 2), LocalDate.of(2026, 5, 15),
                        LocalDate.of(2027, 5, 7), LocalDate.of(2028, 4, 28), LocalDate.of(2028, 5, 26)),
                List.copyOf(K.gelijkgesteldeDagen()));
    }

    @ParameterizedTest(name = "{0} is een werkdag")
    @ValueSource(strings = {"2025-01-02", "2025-04-17", "2025-04-22", "2025-04-25", "2025-04-28", "2025-05-06",
            "2025-05-28", "2025-06-02", "2025-06-10", "2025-12-24", "2025-12-29", "2026-01-05", "2026-04-02",
            "2026-04-28", "2026-05-13", "2026-05-18", "2027-05-04", "2028-04-26", "2028-05-24", "2029-05-11",
            "2030-04-26", "2030-12-31", "2024-12-31", "2026-02-27"})
    @DisplayName("weekdagen die geen feestdag zijn, zijn werkdagen")
    void werkdagen(LocalDate datum) {
        assertTrue(K.isWerkdag(datum));
        assertFalse(K.isVrijeDag(datum));
        assertEquals(Optional.empty(), K.feestdag(datum));
    }

    @ParameterizedTest(name = "{0} is vrij")
    @ValueSource(strings = {"2025-03-01", "2025-03-02", "2026-06-13", "2026-06-14", "2031-11-08", "1985-06-01", "2250-06-01"})
    @DisplayName("zaterdag en zondag zijn vrij, ook buiten de voorberekende jaren, maar hebben geen feestdagnaam")
    void weekend(LocalDate datum) {
        assertTrue(K.isVrijeDag(datum));
        assertEquals(Optional.empty(), K.feestdag(datum));
    }

    @Test
    @DisplayName("buiten de voorberekende jaren worden feestdagen ook herkend")
    void buitenTabel() {
        assertEquals(Optional.of("Goede Vrijdag"), K.feestdag(LocalDate.of(1985, 4, 5)));
        assertTrue(K.isVrijeDag(LocalDate.of(1985, 4, 5)));
        assertEquals(Optional.of("Nieuwjaarsdag"), K.feestdag(LocalDate.of(2300, 1, 1)));
        assertTrue(K.isWerkdag(LocalDate.of(2300, 1, 2))); // a Tuesday
    }

    @Nested
    class Verschuif {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
                "2025-03-01, 2025-03-03", // Saturday -> Monday
                "2025-03-02, 2025-03-03", // Sunday -> Monday
                "2025-04-18, 2025-04-22", // Good Friday, weekend, Easter Monday -> Tuesday
                "2025-04-26, 2025-04-28", // King's Day on Saturday -> Monday
                "2025-05-29, 2025-06-02", // Ascension, decree day, weekend -> Monday
                "2025-12-25, 2025-12-29", // Christmas days, weekend -> Monday
                "2026-01-01, 2026-01-05", // New Year, decree day, weekend -> Monday
                "2026-04-27, 2026-04-28", // King's Day on Monday
                "2028-04-27, 2028-05-01", // King's Day, decree day, weekend
                "2030-05-05, 2030-05-06", // 5 May on Sunday
                "2025-03-03, 2025-03-03", // working day stays
                "2026-05-13, 2026-05-13"})
        void verschuif(LocalDate einde, LocalDate verwacht) {
            assertEquals(verwacht, K.verschuif(einde));
        }
    }

    @Nested
    class Werkdagen {

        @Test
        @DisplayName("docs/termijnregels.md, Milestones: 2 werkdagen vóór di 2026-04-28 is do 2026-04-23 (ma 27-04 is Koningsdag)")
        void voorbeeldUitDocsEscalatie() {
            assertEquals(LocalDate.of(2026, 4, 23), K.werkdagenVoor(LocalDate.of(2026, 4, 28), 2));
        }

        @ParameterizedTest(name = "{1} werkdagen vóór {0} = {2}")
        @CsvSource({
                "2026-04-28, 1, 2026-04-24",
                "2026-04-28, 10, 2026-04-13",
                "2025-04-22, 1, 2025-04-17", // over Easter
                "2025-06-02, 1, 2025-05-28", // over Ascension and decree day
                "2025-06-02, 5, 2025-05-22",
                "2025-03-03, 1, 2025-02-28", // datum itself excluded
                "2025-03-02, 1, 2025-02-28", // from a Sunday
                "2026-01-05, 2, 2025-12-30"})  // over New Year, decree day and Christmas
        void werkdagenVoor(LocalDate datum, int n, LocalDate verwacht) {
            assertEquals(verwacht, K.werkdagenVoor(datum, n));
        }

        @ParameterizedTest(name = "{1} werkdagen na {0} = {2}")
        @CsvSource({
                "2025-04-17, 1, 2025-04-22",
                "2025-04-17, 2, 2025-04-23",
                "2025-05-28, 1, 2025-06-02",
                "2025-12-24, 1, 2025-12-29",
                "2025-12-31, 1, 2026-01-05",
                "2025-03-01, 1, 2025-03-03", // from a Saturday
                "2025-03-03, 5, 2025-03-10"})
        void werkdagenNa(LocalDate datum, int n, LocalDate verwacht) {
            assertEquals(verwacht, K.werkdagenNa(datum, n));
        }

        @ParameterizedTest(name = "tussen {0} en {1}: {2}")
        @CsvSource({
                "2026-04-23, 2026-04-28, 2",  // Fri 24, Tue 28 (Mon 27 is King's Day)
                "2026-04-28, 2026-04-23, -2",
                "2025-03-03, 2025-03-03, 0",
                "2025-03-01, 2025-03-02, 0",  // Saturday to Sunday
                "2025-04-17, 2025-04-22, 1",  // only Tuesday 22
                "2025-02-28, 2025-03-03, 1",  // 'tot' counts, 'van' does not
                "2025-01-01, 2025-12-31, 252"}) // 261 weekdays minus 9 weekday holidays incl. decree day
        void werkdagenTussen(LocalDate van, LocalDate tot, int verwacht) {
            assertEquals(verwacht, K.werkdagenTussen(van, tot));
        }

        @ParameterizedTest(name = "n = {0}")
        @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
        @DisplayName("niet-positief aantal werkdagen wordt geweigerd")
        void nietPositief(int n) {
            LocalDate d = LocalDate.of(2026, 4, 28);
            assertThrows(IllegalArgumentException.class, () -> K.werkdagenVoor(d, n));
            assertThrows(IllegalArgumentException.class, () -> K.werkdagenNa(d, n));
        }
    }

    @Nested
    class Gelijkgesteld {

        @Test
        @DisplayName("metExtraGelijkgesteldeDagen voegt een dag toe en laat de standaardkalender ongemoeid")
        void extraDag() {
            LocalDate extra = LocalDate.of(2029, 5, 11); // Friday after Ascension 2029
            assertTrue(K.isWerkdag(extra));
            Kalender k = Kalender.metExtraGelijkgesteldeDagen(List.of(extra));
            assertTrue(k.isVrijeDag(extra));
            assertEquals(Optional.of(KB), k.feestdag(extra));
            assertTrue(k.gelijkgesteldeDagen().contains(extra));
            assertTrue(k.gelijkgesteldeDagen().containsAll(K.gelijkgesteldeDagen()));
            assertEquals(K.gelijkgesteldeDagen().size() + 1, k.gelijkgesteldeDagen().size());
            assertEquals(LocalDate.of(2029, 5, 14), k.verschuif(LocalDate.of(2029, 5, 10)));
            assertEquals(LocalDate.of(2029, 5, 9), k.werkdagenVoor(LocalDate.of(2029, 5, 14), 1));
            // the standard calendar is unchanged
            assertTrue(K.isWerkdag(extra));
            assertEquals(LocalDate.of(2029, 5, 11), K.verschuif(LocalDate.of(2029, 5, 10)));
        }

        @Test
        @DisplayName("een extra dag buiten de voorberekende jaren telt ook")
        void extraDagBuitenTabel() {
            LocalDate extra = LocalDate.of(2201, 3, 2); // a Monday
            assertTrue(K.isWerkdag(extra));
            assertTrue(Kalender.metExtraGelijkgesteldeDagen(List.of(extra)).isVrijeDag(extra));
        }

        @Test
        @DisplayName("zonder extra dagen is het de standaardkalender")
        void geenExtra() {
            assertSame(K, Kalender.metExtraGelijkgesteldeDagen(List.of()));
        }

        @Test
        @DisplayName("leesGelijkgesteldeDagen leest datums en slaat commentaar en lege regels over")
        void lezen() {
            List<LocalDate> dagen = Kalender.leesGelijkgesteldeDagen(
                    List.of("# kop", "", "  2029-05-11  # dag na Hemelvaart", "2030-05-31", "   "), "test.txt");
            assertEquals(List.of(LocalDate.of(2029, 5, 11), LocalDate.of(2030, 5, 31)), dagen);
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"2026-02-30", "11-05-2029", "2029-5-11", "morgen", "2029-05-11 extra"})
        @DisplayName("een foute regel wordt geweigerd met bron en regelnummer")
        void fouteRegel(String fout) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Kalender.leesGelijkgesteldeDagen(List.of("# kop", "2029-05-11", fout), "TERMIJNWACHT_GELIJKGESTELDE_DAGEN"));
            assertTrue(e.getMessage().contains("TERMIJNWACHT_GELIJKGESTELDE_DAGEN"), e.getMessage());
            assertTrue(e.getMessage().contains("regel 3"), e.getMessage());
            assertTrue(e.getMessage().contains(fout.strip()), e.getMessage());
        }
    }

    @Test
    @DisplayName("de gelijkgestelde dagen zijn onwijzigbaar")
    void onwijzigbaar() {
        Set<LocalDate> dagen = K.gelijkgesteldeDagen();
        assertThrows(UnsupportedOperationException.class, () -> dagen.add(LocalDate.of(2030, 1, 2)));
    }
}

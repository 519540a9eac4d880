package nl.termijnwacht.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Cross-check of the Atw holidays against jollyday 2.19.0 (HolidayCalendar.NETHERLANDS), 2024–2040.
 *
 * <p>What jollyday 2.19.0 returns for NL (all types): New Year, Good Friday (type OBSERVANCE), Easter
 * Sunday, Easter Monday, King's Day (already moved to the 26th when the 27th is a Sunday), 5 May every
 * year (since 1990), Ascension, Whit Sunday, Whit Monday, 25 and 26 December. The only differences
 * with the Atw calendar are the two rules below; any other difference fails.
 */
class JollydayVergelijkingTest {

    private static final int VAN = 2024;
    private static final int TOT = 2040;
    private static final Kalender K = Kalender.standaard();

    /** Jollyday key -> Kalender name for the holidays both know. */
    private static final Map<String, String> NAMEN = Map.of(
            "NEW_YEAR", "Nieuwjaarsdag",
            "christian.GOOD_FRIDAY", "Goede Vrijdag",
            "christian.EASTER_MONDAY", "Tweede Paasdag",
            "KINGS_DAY", "Koningsdag",
            "LIBERATION", "Bevrijdingsdag",
            "christian.ASCENSION_DAY", "Hemelvaartsdag",
            "christian.PENTECOST_MONDAY", "Tweede Pinksterdag",
            "FIRST_CHRISTMAS_DAY", "Eerste Kerstdag",
            "SECOND_CHRISTMAS_DAY", "Tweede Kerstdag");

    /*
     * Difference 1 (jollyday only): Easter Sunday and Whit Sunday. Atw art. 3 does not list them;
     * they always fall on a Sunday, which Atw art. 1 already treats as a free day, so no term result
     * can differ. The test checks that each really is a Sunday and free in the Kalender.
     */
    private static final Set<String> ALLEEN_JOLLYDAY_ZONDAGEN = Set.of("christian.EASTER", "christian.PENTECOST");

    /*
     * Difference 2 (Kalender only): days equated by royal decree (Atw art. 3 lid 2). They are Dutch
     * law, not general public holidays, so jollyday cannot know them. Listed explicitly here.
     */
    private static final Set<LocalDate> KONINKLIJK_BESLUIT = Set.of(
            LocalDate.of(2024, 5, 10), LocalDate.of(2024, 12, 27), LocalDate.of(2025, 5, 30), LocalDate.of(2026, 1, 2), LocalDate.of(2026, 5, 15),
            LocalDate.of(2027, 5, 7), LocalDate.of(2028, 4, 28), LocalDate.of(2028, 5, 26));

    private static final Map<LocalDate, List<Holiday>> JOLLYDAY = new TreeMap<>();
    private static final Map<LocalDate, String> KALENDER = new TreeMap<>();

    @BeforeAll
    static void laden() {
        HolidayManager nl = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.NETHERLANDS));
        for (int jaar = VAN; jaar <= TOT; jaar++) {
            for (Holiday h : nl.getHolidays(Year.of(jaar))) {
                JOLLYDAY.computeIfAbsent(h.getDate(), d -> new ArrayList<>()).add(h);
            }
        }
        for (LocalDate d = LocalDate.of(VAN, 1, 1); d.getYear() <= TOT; d = d.plusDays(1)) {
            LocalDate dag = d;
            K.feestdag(d).ifPresent(naam -> KALENDER.put(dag, naam));
        }
    }

    @Test
    @DisplayName("jollyday levert voor 2024–2040 elk jaar 11 feestdagen en Kalender 9 plus de besluitdagen")
    void aantallen() {
        // guards against an empty or broken jollyday configuration making the comparison vacuous
        assertEquals(11 * (TOT - VAN + 1), JOLLYDAY.values().stream().mapToInt(List::size).sum());
        assertEquals(9 * (TOT - VAN + 1) + KONINKLIJK_BESLUIT.size(), KALENDER.size());
    }

    @Test
    @DisplayName("alleen jollyday: precies Eerste Paasdag en Eerste Pinksterdag, altijd op zondag")
    void alleenInJollyday() {
        Set<String> onverklaard = new TreeSet<>();
        int zondagen = 0;
        for (Map.Entry<LocalDate, List<Holiday>> e : JOLLYDAY.entrySet()) {
            LocalDate d = e.getKey();
            for (Holiday h : e.getValue()) {
                if (KALENDER.containsKey(d) && NAMEN.containsKey(h.getPropertiesKey())) {
                    continue; // known to both; names compared in gemeenschappelijk()
                }
                if (ALLEEN_JOLLYDAY_ZONDAGEN.contains(h.getPropertiesKey()) && d.getDayOfWeek() == DayOfWeek.SUNDAY
                        && K.isVrijeDag(d) && !KALENDER.containsKey(d)) {
                    zondagen++;
                    continue;
                }
                onverklaard.add(d + " " + d.getDayOfWeek() + " " + h.getPropertiesKey());
            }
        }
        assertEquals(Set.of(), onverklaard, "verschil met jollyday dat geen bekende regel volgt");
        assertEquals(2 * (TOT - VAN + 1), zondagen);
    }

    @Test
    @DisplayName("alleen Kalender: precies de dagen die bij koninklijk besluit zijn gelijkgesteld")
    void alleenInKalender() {
        Set<LocalDate> alleenKalender = new TreeSet<>();
        for (LocalDate d : KALENDER.keySet()) {
            if (!JOLLYDAY.containsKey(d)) {
                alleenKalender.add(d);
            }
        }
        assertEquals(new TreeSet<>(KONINKLIJK_BESLUIT), alleenKalender);
        for (LocalDate d : KONINKLIJK_BESLUIT) {
            assertEquals("bij koninklijk besluit gelijkgestelde dag", KALENDER.get(d));
        }
    }

    @Test
    @DisplayName("op gemeenschappelijke dagen noemen beide dezelfde feestdag")
    void gemeenschappelijk() {
        List<String> anders = new ArrayList<>();
        int gedeeld = 0;
        for (Map.Entry<LocalDate, String> e : KALENDER.entrySet()) {
            List<Holiday> j = JOLLYDAY.getOrDefault(e.getKey(), List.of());
            if (j.isEmpty()) {
                continue; // royal-decree day, see alleenInKalender()
            }
            gedeeld++;
            List<String> namen = j.stream().map(h -> NAMEN.get(h.getPropertiesKey())).toList();
            if (!namen.contains(e.getValue())) {
                anders.add(e.getKey() + ": Kalender " + e.getValue() + ", jollyday "
                        + j.stream().map(Holiday::getPropertiesKey).toList());
            }
        }
        assertEquals(List.of(), anders);
        assertEquals(9 * (TOT - VAN + 1), gedeeld);
    }

    @Test
    @DisplayName("elke dag 2024–2040: vrij volgens Kalender ⇔ weekend, jollyday-feestdag of besluitdag")
    void vrijeDagen() {
        List<LocalDate> anders = new ArrayList<>();
        for (LocalDate d = LocalDate.of(VAN, 1, 1); d.getYear() <= TOT; d = d.plusDays(1)) {
            boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
            boolean verwacht = weekend || JOLLYDAY.containsKey(d) || KONINKLIJK_BESLUIT.contains(d);
            if (verwacht != K.isVrijeDag(d)) {
                anders.add(d);
            }
        }
        assertEquals(List.of(), anders);
    }

    @Test
    @DisplayName("jollyday kent Goede Vrijdag alleen als OBSERVANCE: filter nooit op PUBLIC_HOLIDAY")
    void goedeVrijdagType() {
        // The Atw counts Good Friday; comparing only PUBLIC_HOLIDAY entries would hide it.
        Set<String> nietPubliek = new TreeSet<>();
        JOLLYDAY.values().stream().flatMap(List::stream)
                .filter(h -> h.getType() != HolidayType.PUBLIC_HOLIDAY)
                .forEach(h -> nietPubliek.add(h.getPropertiesKey() + " " + h.getType()));
        assertEquals(Set.of("christian.GOOD_FRIDAY OBSERVANCE"), nietPubliek);
        for (int jaar = VAN; jaar <= TOT; jaar++) {
            LocalDate goedeVrijdag = Kalender.paaszondag(jaar).minusDays(2);
            assertTrue(K.isVrijeDag(goedeVrijdag), goedeVrijdag::toString);
        }
    }
}

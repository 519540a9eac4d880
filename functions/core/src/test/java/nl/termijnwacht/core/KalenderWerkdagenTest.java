package nl.termijnwacht.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@code werkdagenTussen} counts with the table's prefix counts and, outside the table, whole years by rule.
 * Whatever the range, it must agree with looking at every day in turn.
 */
class KalenderWerkdagenTest {

    private static final Kalender K = Kalender.standaard();

    /** Royal-decree days outside the table: on a weekday, a weekend, a holiday, near year 0 and at the far ends. */
    private static final Kalender MET_EXTRA = Kalender.metExtraGelijkgesteldeDagen(List.of(
            LocalDate.of(1950, 3, 15), LocalDate.of(1950, 3, 18), LocalDate.of(1950, 12, 25), LocalDate.of(1989, 12, 29),
            LocalDate.of(2201, 1, 2), LocalDate.of(2250, 6, 13), LocalDate.of(2250, 4, 27), LocalDate.of(-5, 7, 7),
            LocalDate.of(0, 3, 1), LocalDate.MAX.minusDays(3), LocalDate.MIN.plusDays(5)));

    private static final LocalDate TABEL_BEGIN = LocalDate.of(1990, 1, 1);
    private static final LocalDate TABEL_EINDE = LocalDate.of(2201, 1, 1);

    private static boolean weekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** The reference: every day after {@code van} up to and including {@code tot}, one by one, without the table. */
    static int naief(Kalender k, LocalDate van, LocalDate tot) {
        if (tot.isBefore(van)) {
            return -naief(k, tot, van);
        }
        int aantal = 0;
        // by epoch day: LocalDate.MAX has no next day
        for (long e = van.toEpochDay() + 1; e <= tot.toEpochDay(); e++) {
            LocalDate d = LocalDate.ofEpochDay(e);
            if (!weekend(d) && k.feestdag(d).isEmpty()) {
                aantal++;
            }
        }
        return aantal;
    }

    /** {@code d} plus {@code dagen}, held inside LocalDate's range. */
    private static LocalDate plus(LocalDate d, long dagen) {
        return LocalDate.ofEpochDay(Math.clamp(d.toEpochDay() + dagen, LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay()));
    }

    private static Arbitrary<LocalDate> rond(LocalDate midden, int dagen) {
        return Arbitraries.longs().between(-dagen, dagen).map(d -> plus(midden, d));
    }

    private static Arbitrary<LocalDate> jaren(int van, int tot) {
        return Arbitraries.longs().between(LocalDate.of(van, 1, 1).toEpochDay(), LocalDate.of(tot, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
    }

    @Provide
    Arbitrary<LocalDate> rondDeTabel() {
        return Arbitraries.oneOf(rond(TABEL_BEGIN, 1500), rond(TABEL_EINDE, 1500), jaren(1900, 2300))
                .edgeCases(c -> c.add(TABEL_BEGIN, TABEL_BEGIN.minusDays(1), TABEL_EINDE, TABEL_EINDE.minusDays(1)));
    }

    @Provide
    Arbitrary<LocalDate> verWeg() {
        return Arbitraries.oneOf(jaren(-1_000_000, 1_000_000), rond(LocalDate.of(0, 1, 1), 3000),
                rond(LocalDate.MAX, 3000), rond(LocalDate.MIN, 3000), jaren(2201, 3000), jaren(1000, 1989));
    }

    @Provide
    Arbitrary<Integer> afstanden() {
        return Arbitraries.integers().between(-4000, 4000)
                .edgeCases(c -> c.add(-1, 0, 1, 365, -365, 366, 731, -731));
    }

    @Property(tries = 2000, seed = "20260424")
    @Label("rond en over de tabelgrenzen (1990, 2200), ook omgekeerd: gelijk aan dag voor dag tellen")
    void rondDeTabelgrenzen(@ForAll("rondDeTabel") LocalDate van, @ForAll("afstanden") int afstand) {
        LocalDate tot = plus(van, afstand);
        assertEquals(naief(K, van, tot), K.werkdagenTussen(van, tot), () -> van + " -> " + tot);
    }

    @Property(tries = 1000, seed = "20260424")
    @Label("ver buiten de tabel, rond jaar 0 en bij LocalDate.MIN/MAX: gelijk aan dag voor dag tellen")
    void verBuitenDeTabel(@ForAll("verWeg") LocalDate van, @ForAll("afstanden") int afstand) {
        LocalDate tot = plus(van, afstand);
        assertEquals(naief(K, van, tot), K.werkdagenTussen(van, tot), () -> van + " -> " + tot);
    }

    @Property(tries = 150, seed = "20260424")
    @Label("reeksen van vele jaren door en om de tabel heen: gelijk aan dag voor dag tellen")
    void langeReeksen(@ForAll("rondDeTabel") LocalDate van, @ForAll @IntRange(min = -150 * 366, max = 150 * 366) int afstand) {
        LocalDate tot = plus(van, afstand);
        assertEquals(naief(K, van, tot), K.werkdagenTussen(van, tot), () -> van + " -> " + tot);
    }

    @Provide
    Arbitrary<LocalDate> rondExtraDagen() {
        return Arbitraries.oneOf(rond(LocalDate.of(1950, 6, 1), 800), rond(LocalDate.of(2250, 6, 1), 800),
                rond(LocalDate.of(0, 1, 1), 800), rond(LocalDate.MAX, 800), rond(LocalDate.MIN, 800), rond(TABEL_BEGIN, 800));
    }

    @Property(tries = 500, seed = "20260424")
    @Label("met bij koninklijk besluit gelijkgestelde dagen buiten de tabel: gelijk aan dag voor dag tellen")
    void metGelijkgesteldeDagenBuitenDeTabel(@ForAll("rondExtraDagen") LocalDate van, @ForAll("afstanden") int afstand) {
        LocalDate tot = plus(van, afstand);
        assertEquals(naief(MET_EXTRA, van, tot), MET_EXTRA.werkdagenTussen(van, tot), () -> van + " -> " + tot);
    }

    @Property(tries = 200, seed = "20260424")
    @Label("over tienduizenden jaren: antisymmetrisch en optelbaar")
    void optelbaarOverGroteAfstanden(@ForAll("verWeg") LocalDate a, @ForAll @IntRange(min = -20_000, max = 20_000) int jarenAB,
                                     @ForAll @IntRange(min = -20_000, max = 20_000) int jarenBC) {
        LocalDate b = plus(a, jarenAB * 365L + jarenAB / 7);
        LocalDate c = plus(b, jarenBC * 365L - jarenBC / 3);
        assertEquals(-K.werkdagenTussen(a, c), K.werkdagenTussen(c, a));
        assertEquals(K.werkdagenTussen(a, c), K.werkdagenTussen(a, b) + K.werkdagenTussen(b, c), () -> a + " " + b + " " + c);
    }

    @Test
    void koningsdag2026ScheidtVrijdagEnDinsdagDoorEenWerkdag() {
        LocalDate vrijdag = LocalDate.of(2026, 4, 24);
        LocalDate dinsdag = LocalDate.of(2026, 4, 28);
        // Sat 25, Sun 26, Mon 27 April (King's Day), Tue 28: only the Tuesday is a working day
        assertEquals("Koningsdag", K.feestdag(LocalDate.of(2026, 4, 27)).orElseThrow());
        assertEquals(1, naief(K, vrijdag, dinsdag));
        assertEquals(1, K.werkdagenTussen(vrijdag, dinsdag));
        assertEquals(-1, K.werkdagenTussen(dinsdag, vrijdag));
        assertEquals(0, K.werkdagenTussen(vrijdag, vrijdag));
        assertEquals(0, K.werkdagenTussen(vrijdag, LocalDate.of(2026, 4, 27)));
    }

    @Test
    void heelJaar2026() {
        // 261 weekdays; 8 holidays on a weekday (26 December is a Saturday) and 2 royal-decree days (2 January, 15 May)
        LocalDate oudjaar = LocalDate.of(2025, 12, 31);
        LocalDate eind = LocalDate.of(2026, 12, 31);
        assertEquals(251, naief(K, oudjaar, eind));
        assertEquals(251, K.werkdagenTussen(oudjaar, eind));
    }

    @Test
    void hemelvaartOpBevrijdingsdagBuitenDeTabel() {
        // Easter on 27 March puts Ascension Day on 5 May: one day off, counted once
        int jaar = 2201;
        while (!Kalender.paaszondag(jaar).equals(LocalDate.of(jaar, Month.MARCH, 27))) {
            jaar++;
        }
        LocalDate vijfMei = LocalDate.of(jaar, Month.MAY, 5);
        assertEquals(vijfMei, Kalender.paaszondag(jaar).plusDays(39));
        assertEquals("Bevrijdingsdag", K.feestdag(vijfMei).orElseThrow());
        for (LocalDate van : List.of(LocalDate.of(jaar - 1, 12, 31), LocalDate.of(jaar - 3, 6, 1))) {
            LocalDate tot = LocalDate.of(jaar + 2, 12, 31);
            assertEquals(naief(K, van, tot), K.werkdagenTussen(van, tot), jaar + "");
        }
    }

    @Test
    void paaszondagOokVoorJaar1EnEerder() {
        for (int jaar = -3000; jaar <= 3000; jaar++) {
            LocalDate pasen = Kalender.paaszondag(jaar);
            assertEquals(DayOfWeek.SUNDAY, pasen.getDayOfWeek(), pasen::toString);
            assertTrue(!pasen.isBefore(LocalDate.of(jaar, 3, 22)) && !pasen.isAfter(LocalDate.of(jaar, 4, 25)), pasen::toString);
        }
        // the Gregorian Easter dates repeat every 5,700,000 years, before year 1 too
        for (int jaar = -6_000_000; jaar < 0; jaar += 9_973) {
            LocalDate a = Kalender.paaszondag(jaar);
            LocalDate b = Kalender.paaszondag(jaar + 5_700_000);
            assertEquals(a.withYear(2000), b.withYear(2000), jaar + "");
        }
    }

    @Test
    void randenVanLocalDate() {
        for (LocalDate[] r : new LocalDate[][] {{LocalDate.MAX.minusDays(800), LocalDate.MAX},
                {LocalDate.MIN, LocalDate.MIN.plusDays(800)}, {LocalDate.of(-2, 2, 2), LocalDate.of(2, 2, 2)}}) {
            assertEquals(naief(K, r[0], r[1]), K.werkdagenTussen(r[0], r[1]), r[0] + " -> " + r[1]);
            assertEquals(-naief(K, r[0], r[1]), K.werkdagenTussen(r[1], r[0]));
        }
    }

    @Test
    void verreDatumsSnel() {
        LocalDate nu = LocalDate.of(2026, 4, 24);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 100_000; i++) {
                K.werkdagenTussen(nu, LocalDate.of(2099, 12, 31));
                K.werkdagenTussen(LocalDate.of(2200, 12, 31), nu);
            }
        });
        assertEquals(naief(K, nu, LocalDate.of(2099, 12, 31)), K.werkdagenTussen(nu, LocalDate.of(2099, 12, 31)));
        // about 8.4 million years, the most an int holds: counted by the year, not by the day
        LocalDate van = LocalDate.of(-4_200_000, 1, 1);
        LocalDate tot = LocalDate.of(4_200_000, 1, 1);
        int aantal = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> K.werkdagenTussen(van, tot));
        LocalDate nul = LocalDate.of(0, 1, 1);
        assertEquals(aantal, K.werkdagenTussen(van, nul) + K.werkdagenTussen(nul, tot));
        assertEquals(-aantal, K.werkdagenTussen(tot, van));
        assertTrue(aantal > 2_100_000_000, () -> "" + aantal);
    }

    @Test
    void teVeelWerkdagenVoorEenIntIsEenFout() {
        LocalDate nu = LocalDate.of(2026, 4, 24);
        LocalDate verst = LocalDate.of(+999_999_999, 12, 31);
        for (LocalDate[] r : new LocalDate[][] {{LocalDate.MIN, LocalDate.MAX}, {nu, verst}, {verst, nu},
                {LocalDate.of(-999_999_999, 1, 1), nu},
                // just past an int: the cheap lower bound does not rule it out, the count itself does
                {LocalDate.of(-4_250_000, 1, 1), LocalDate.of(4_250_000, 1, 1)}}) {
            IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(IllegalArgumentException.class, () -> K.werkdagenTussen(r[0], r[1])));
            assertTrue(e.getMessage().startsWith("te veel werkdagen tussen "), e.getMessage());
        }
    }
}

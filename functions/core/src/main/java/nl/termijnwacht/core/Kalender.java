package nl.termijnwacht.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The calendar of the Algemene termijnenwet (Atw): which days are Saturdays, Sundays or recognised
 * holidays (art. 3), and working-day arithmetic on top of that.
 *
 * <p>The holidays of art. 3 lid 1 are computed; days equated with them by royal decree (art. 3 lid 2)
 * are data ({@code gelijkgestelde-dagen.txt} plus whatever an operator adds), so a new decree needs
 * no code change. Lookups are a bit test on a precomputed table, which keeps the engine fast.
 */
public final class Kalender {

    /** Years precomputed into the lookup table; outside it days are computed on demand. */
    private static final int EERSTE_JAAR = 1990;
    private static final int LAATSTE_JAAR = 2200;
    private static final long BASIS = LocalDate.of(EERSTE_JAAR, 1, 1).toEpochDay();
    private static final long EINDE = LocalDate.of(LAATSTE_JAAR + 1, 1, 1).toEpochDay();
    private static final String BRON_GELIJKGESTELD = "gelijkgestelde-dagen.txt";
    private static final int TABELDAGEN = (int) (EINDE - BASIS);
    /** At most this many holidays of art. 3 lid 1 fall on a weekday in one year (all nine, none colliding). */
    private static final int MAX_FEESTDAGEN_PER_JAAR = 9;
    /** Weekdays and the fixed holidays' dates repeat every 400 Gregorian years (146097 days, whole weeks). */
    private static final int CYCLUS = 400;
    /**
     * Working days per year of the 400-year cycle, before the Easter collision ({@link #werkdagenVolgensRegels}).
     * Only counts beyond the table need them, so they are computed on first use, not at every start.
     */
    private static final class Cyclus {
        /** Index: year mod 400. */
        static final int[] WERKDAGEN_IN_JAAR = new int[CYCLUS];
        static final long WERKDAGEN;

        static {
            long som = 0;
            for (int j = 0; j < CYCLUS; j++) {
                WERKDAGEN_IN_JAAR[j] = werkdagenZonderPaasbotsing(2000 + j);
                som += WERKDAGEN_IN_JAAR[j];
            }
            WERKDAGEN = som;
        }
    }

    private static final Kalender STANDAARD = new Kalender(standaardGelijkgesteldeDagen());

    private final Set<LocalDate> gelijkgesteld;
    /**
     * The table: bit {@code i} of the 64-day words is set when table day {@code i} is free. With the free days
     * before each word, counting free days between two table days is two look-ups and a bit count, whatever
     * the distance (a few kB, not an int per day).
     */
    private final long[] vrijeWoorden = new long[(TABELDAGEN + 63) / 64];
    private final int[] vrijVoorWoord = new int[vrijeWoorden.length + 1];

    private Kalender(Collection<LocalDate> gelijkgesteld) {
        this.gelijkgesteld = java.util.Collections.unmodifiableSet(new TreeSet<>(gelijkgesteld));
        // Filled by rule, a word at a time, not by asking berekenVrij for each of the 77,000 days: a cold CLI
        // process pays for every date it builds, and `bereken` starts about 70 ms sooner (docs/metingen.md).
        // KalenderTest holds the table to berekenVrij on every day.
        long[] weekendNaFase = new long[7];
        for (int fase = 0; fase < 7; fase++) {
            for (int bit = 0; bit < 64; bit++) {
                if (isWeekend(fase + bit)) {
                    weekendNaFase[fase] |= 1L << bit;
                }
            }
        }
        for (int w = 0; w < vrijeWoorden.length; w++) {
            // 64 ≡ 1 (mod 7): each word's weekdays are the previous word's shifted by one day
            vrijeWoorden[w] = weekendNaFase[(int) Math.floorMod(BASIS + w, 7)];
        }
        for (int jaar = EERSTE_JAAR; jaar <= LAATSTE_JAAR; jaar++) {
            for (LocalDate feestdag : feestdagen(jaar)) {
                markeerVrij(feestdag.toEpochDay());
            }
        }
        for (LocalDate dag : this.gelijkgesteld) {
            markeerVrij(dag.toEpochDay());
        }
        // the last word reaches past the table's end: those days are not the table's to count
        vrijeWoorden[vrijeWoorden.length - 1] &= -1L >>> (vrijeWoorden.length * 64 - TABELDAGEN);
        for (int w = 0; w < vrijeWoorden.length; w++) {
            vrijVoorWoord[w + 1] = vrijVoorWoord[w] + Long.bitCount(vrijeWoorden[w]);
        }
    }

    private void markeerVrij(long epochDag) {
        if (epochDag >= BASIS && epochDag < EINDE) {
            int i = (int) (epochDag - BASIS);
            vrijeWoorden[i >>> 6] |= 1L << (i & 63);
        }
    }

    /** The calendar with the shipped royal-decree days. */
    public static Kalender standaard() {
        return STANDAARD;
    }

    /** A calendar with the shipped royal-decree days plus {@code extra} (an operator's additions). */
    public static Kalender metExtraGelijkgesteldeDagen(Collection<LocalDate> extra) {
        if (extra.isEmpty()) {
            return STANDAARD;
        }
        List<LocalDate> alle = new ArrayList<>(STANDAARD.gelijkgesteld);
        alle.addAll(extra);
        return new Kalender(alle);
    }

    /** Days equated with a holiday by royal decree (Atw art. 3 lid 2), in date order. */
    public Set<LocalDate> gelijkgesteldeDagen() {
        return gelijkgesteld;
    }

    /** True on a Saturday, Sunday, recognised holiday or equated day: a term cannot end here. */
    public boolean isVrijeDag(LocalDate datum) {
        long dag = datum.toEpochDay();
        if (dag >= BASIS && dag < EINDE) {
            int i = (int) (dag - BASIS);
            return (vrijeWoorden[i >>> 6] >>> (i & 63) & 1) != 0;
        }
        return berekenVrij(datum);
    }

    public boolean isWerkdag(LocalDate datum) {
        return !isVrijeDag(datum);
    }

    /** Atw art. 1: a term ending on a free day runs on to the next day that is not free. */
    public LocalDate verschuif(LocalDate einde) {
        LocalDate dag = einde;
        while (isVrijeDag(dag)) {
            dag = dag.plusDays(1);
        }
        return dag;
    }

    /** The {@code n}-th working day counted backwards from {@code datum}, {@code datum} itself excluded. */
    public LocalDate werkdagenVoor(LocalDate datum, int n) {
        requirePositive(n);
        LocalDate dag = datum;
        for (int geteld = 0; geteld < n; ) {
            dag = dag.minusDays(1);
            if (isWerkdag(dag)) {
                geteld++;
            }
        }
        return dag;
    }

    /** The {@code n}-th working day after {@code datum}, {@code datum} itself excluded. */
    public LocalDate werkdagenNa(LocalDate datum, int n) {
        requirePositive(n);
        LocalDate dag = datum;
        for (int geteld = 0; geteld < n; ) {
            dag = dag.plusDays(1);
            if (isWerkdag(dag)) {
                geteld++;
            }
        }
        return dag;
    }

    /** Working days after {@code van} up to and including {@code tot}; negative when {@code tot} lies before {@code van}. */
    public int werkdagenTussen(LocalDate van, LocalDate tot) {
        if (tot.isBefore(van)) {
            return -werkdagenTussen(tot, van);
        }
        // (van, tot] as the epoch days [vanaf, voorbij); past LocalDate.MAX that end is just a number
        long vanaf = van.toEpochDay() + 1;
        long voorbij = tot.toEpochDay() + 1;
        long dagen = voorbij - vanaf;
        // 5 of every 7 days are weekdays and few are holidays: refuse a span whose count cannot fit before counting it
        long ondergrens = dagen / 7 * 5 - MAX_FEESTDAGEN_PER_JAAR * (dagen / 365 + 2) - gelijkgesteld.size();
        if (ondergrens > Integer.MAX_VALUE) {
            throw teVeelWerkdagen(van, tot);
        }
        long aantal = werkdagenBuitenTabel(vanaf, Math.min(voorbij, BASIS))
                + werkdagenInTabel(Math.max(vanaf, BASIS), Math.min(voorbij, EINDE))
                + werkdagenBuitenTabel(Math.max(vanaf, EINDE), voorbij);
        if (aantal > Integer.MAX_VALUE) {
            throw teVeelWerkdagen(van, tot);
        }
        return (int) aantal;
    }

    private static IllegalArgumentException teVeelWerkdagen(LocalDate van, LocalDate tot) {
        return new IllegalArgumentException("te veel werkdagen tussen " + van + " en " + tot
                + " om te tellen (meer dan " + Integer.MAX_VALUE + ")");
    }

    /** Working days among the table's epoch days [van, tot); 0 when the range is empty. */
    private long werkdagenInTabel(long van, long tot) {
        if (van >= tot) {
            return 0;
        }
        return (tot - van) - (vrijVoor((int) (tot - BASIS)) - vrijVoor((int) (van - BASIS)));
    }

    /** Free days in the table before table index {@code i} (0 ≤ i ≤ TABELDAGEN). */
    private int vrijVoor(int i) {
        int woord = i >>> 6;
        int bits = i & 63;
        return bits == 0 ? vrijVoorWoord[woord] : vrijVoorWoord[woord] + Long.bitCount(vrijeWoorden[woord] & ((1L << bits) - 1));
    }

    /**
     * Working days among the epoch days [van, tot), none in the table; 0 when the range is empty. Whole years
     * are counted by rule (a handful of dates each), only the partial years at the ends day by day.
     */
    private long werkdagenBuitenTabel(long van, long tot) {
        if (van >= tot) {
            return 0;
        }
        LocalDate eerste = LocalDate.ofEpochDay(van);
        LocalDate laatste = LocalDate.ofEpochDay(tot - 1);
        int eersteVolleJaar = eerste.getDayOfYear() == 1 ? eerste.getYear() : eerste.getYear() + 1;
        int laatsteVolleJaar = laatste.getDayOfYear() == laatste.lengthOfYear() ? laatste.getYear() : laatste.getYear() - 1;
        if (eersteVolleJaar > laatsteVolleJaar) {
            return werkdagenDagVoorDag(van, tot);
        }
        long beginVol = LocalDate.of(eersteVolleJaar, 1, 1).toEpochDay();
        // the day after 31 December, as a number: for year 999999999 there is no such LocalDate
        long eindeVol = LocalDate.of(laatsteVolleJaar, 12, 31).toEpochDay() + 1;
        long aantal = werkdagenDagVoorDag(van, beginVol) + werkdagenDagVoorDag(eindeVol, tot)
                + werkdagenVolgensRegels(eersteVolleJaar, laatsteVolleJaar);
        // royal-decree days in those years take a working day only where the rules left one
        for (LocalDate dag : gelijkgesteld) {
            long d = dag.toEpochDay();
            if (d >= beginVol && d < eindeVol && !isWeekend(d) && wettelijkeFeestdag(dag) == null) {
                aantal--;
            }
        }
        return aantal;
    }

    private long werkdagenDagVoorDag(long van, long tot) {
        long aantal = 0;
        for (long d = van; d < tot; d++) {
            if (isWerkdag(LocalDate.ofEpochDay(d))) {
                aantal++;
            }
        }
        return aantal;
    }

    /**
     * Working days in the whole years {@code van}..{@code tot} under art. 3 lid 1 alone (royal-decree days aside):
     * whole 400-year cycles from the table, then only Easter's collision is looked at year by year.
     */
    private static long werkdagenVolgensRegels(int van, int tot) {
        long jaren = (long) tot - van + 1;
        long aantal = jaren / CYCLUS * Cyclus.WERKDAGEN;
        for (long jaar = van + jaren / CYCLUS * CYCLUS; jaar <= tot; jaar++) {
            aantal += Cyclus.WERKDAGEN_IN_JAAR[(int) Math.floorMod(jaar, CYCLUS)];
        }
        for (int jaar = van; jaar <= tot; jaar++) {
            // the only collision of two holidays: with Easter on 27 March, Ascension Day is 5 May (one day off, not two)
            if (dagenNa22Maart(jaar) == 5) {
                aantal++;
            }
        }
        return aantal;
    }

    /** Weekdays in a whole year minus its holidays of art. 3 lid 1 on a weekday, as if none ever coincided. */
    private static int werkdagenZonderPaasbotsing(int jaar) {
        LocalDate nieuwjaar = LocalDate.of(jaar, 1, 1);
        long begin = nieuwjaar.toEpochDay();
        int lengte = nieuwjaar.lengthOfYear();
        int weekdagen = lengte - (int) weekenddagen(begin, begin + lengte);
        int feestdagenOpWeekdag = 0;
        for (LocalDate feestdag : feestdagen(jaar)) {
            // the Easter-bound four always fall on a weekday, the fixed five as the year falls
            if (!isWeekend(feestdag.toEpochDay())) {
                feestdagenOpWeekdag++;
            }
        }
        return weekdagen - feestdagenOpWeekdag;
    }

    /** The nine holidays of art. 3 lid 1 in {@code jaar} (two coincide when Ascension Day falls on 5 May). */
    private static LocalDate[] feestdagen(int jaar) {
        LocalDate pasen = paaszondag(jaar);
        return new LocalDate[] {LocalDate.of(jaar, Month.JANUARY, 1), pasen.minusDays(2), pasen.plusDays(1), koningsdag(jaar),
                LocalDate.of(jaar, Month.MAY, 5), pasen.plusDays(39), pasen.plusDays(50), LocalDate.of(jaar, Month.DECEMBER, 25),
                LocalDate.of(jaar, Month.DECEMBER, 26)};
    }

    /** Saturdays and Sundays among the epoch days [van, tot): two per whole week, the rest looked at. */
    private static long weekenddagen(long van, long tot) {
        long weken = (tot - van) / 7;
        long aantal = 2 * weken;
        for (long d = van + 7 * weken; d < tot; d++) {
            if (isWeekend(d)) {
                aantal++;
            }
        }
        return aantal;
    }

    /** Epoch day 0 (1970-01-01) was a Thursday; shifted by 3, Monday is 0 and Saturday, Sunday are 5 and 6. */
    private static boolean isWeekend(long epochDag) {
        return Math.floorMod(epochDag + 3, 7) >= 5;
    }

    /** The name of the holiday on {@code datum}, if it is one (weekends are not named). */
    public Optional<String> feestdag(LocalDate datum) {
        return Optional.ofNullable(feestdagNaam(datum));
    }

    /**
     * Easter Sunday (Gregorian computus, anonymous algorithm of Meeus/Jones/Butcher). Floor division keeps it
     * right for the proleptic years before 1 (Java's / and % truncate, which gave non-Sundays and 29 February).
     */
    public static LocalDate paaszondag(int jaar) {
        int n = dagenNa22Maart(jaar) + 114;
        return LocalDate.of(jaar, n / 31, n % 31 + 1);
    }

    /** Easter Sunday as days after 22 March (0..34), without building a date: cheap enough to ask for every year. */
    private static int dagenNa22Maart(int jaar) {
        int a = Math.floorMod(jaar, 19);
        int b = Math.floorDiv(jaar, 100);
        int c = Math.floorMod(jaar, 100);
        int d = Math.floorDiv(b, 4);
        int e = Math.floorMod(b, 4);
        int f = Math.floorDiv(b + 8, 25);
        int g = Math.floorDiv(b - f + 1, 3);
        int h = Math.floorMod(19 * a + b - d - g + 15, 30);
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        return h + l - 7 * m;
    }

    /** King's Day: 27 April, or 26 April when the 27th is a Sunday (Wet vaststelling Koningsdag). */
    public static LocalDate koningsdag(int jaar) {
        LocalDate dag = LocalDate.of(jaar, Month.APRIL, 27);
        return dag.getDayOfWeek() == DayOfWeek.SUNDAY ? dag.minusDays(1) : dag;
    }

    /** The free-day rule itself, for days outside the table (package-private: KalenderTest holds the table to it). */
    boolean berekenVrij(LocalDate datum) {
        DayOfWeek weekdag = datum.getDayOfWeek();
        return weekdag == DayOfWeek.SATURDAY || weekdag == DayOfWeek.SUNDAY || feestdagNaam(datum) != null;
    }

    private String feestdagNaam(LocalDate datum) {
        String naam = wettelijkeFeestdag(datum);
        if (naam == null && gelijkgesteld.contains(datum)) {
            return "bij koninklijk besluit gelijkgestelde dag";
        }
        return naam;
    }

    /** The holiday of art. 3 lid 1 on {@code datum}, if any; royal-decree days are not looked at. */
    private static String wettelijkeFeestdag(LocalDate datum) {
        int jaar = datum.getYear();
        int maand = datum.getMonthValue();
        int dag = datum.getDayOfMonth();
        if (maand == 1 && dag == 1) {
            return "Nieuwjaarsdag";
        }
        if (maand == 5 && dag == 5) {
            return "Bevrijdingsdag";
        }
        if (maand == 12 && dag == 25) {
            return "Eerste Kerstdag";
        }
        if (maand == 12 && dag == 26) {
            return "Tweede Kerstdag";
        }
        if (datum.equals(koningsdag(jaar))) {
            return "Koningsdag";
        }
        if (maand >= 3 && maand <= 6) {
            LocalDate pasen = paaszondag(jaar);
            long verschil = datum.toEpochDay() - pasen.toEpochDay();
            if (verschil == -2) {
                return "Goede Vrijdag";
            }
            if (verschil == 1) {
                return "Tweede Paasdag";
            }
            if (verschil == 39) {
                return "Hemelvaartsdag";
            }
            if (verschil == 50) {
                return "Tweede Pinksterdag";
            }
        }
        return null;
    }

    private static void requirePositive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("aantal werkdagen moet positief zijn: " + n);
        }
    }

    /** Reads the shipped royal-decree days: one ISO date per line, {@code #} starts a comment. */
    static List<LocalDate> standaardGelijkgesteldeDagen() {
        try (InputStream in = Kalender.class.getResourceAsStream(BRON_GELIJKGESTELD)) {
            Objects.requireNonNull(in, "resource " + BRON_GELIJKGESTELD + " ontbreekt in de build");
            return leesGelijkgesteldeDagen(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList(),
                    BRON_GELIJKGESTELD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses lines of royal-decree days; {@code bron} names the source in error messages. */
    public static List<LocalDate> leesGelijkgesteldeDagen(List<String> regels, String bron) {
        List<LocalDate> dagen = new ArrayList<>();
        for (int i = 0; i < regels.size(); i++) {
            String regel = regels.get(i);
            int commentaar = regel.indexOf('#');
            String waarde = (commentaar >= 0 ? regel.substring(0, commentaar) : regel).strip();
            if (waarde.isEmpty()) {
                continue;
            }
            try {
                dagen.add(Datums.parse(waarde));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(bron + " regel " + (i + 1) + ": '" + waarde
                        + "' is geen geldige datum (verwacht JJJJ-MM-DD)", e);
            }
        }
        return dagen;
    }
}

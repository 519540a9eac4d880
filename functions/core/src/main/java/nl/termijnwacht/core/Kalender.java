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
import java.util.BitSet;
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

    private static final Kalender STANDAARD = new Kalender(standaardGelijkgesteldeDagen());

    private final Set<LocalDate> gelijkgesteld;
    private final BitSet vrij = new BitSet((int) (EINDE - BASIS));

    private Kalender(Collection<LocalDate> gelijkgesteld) {
        this.gelijkgesteld = java.util.Collections.unmodifiableSet(new TreeSet<>(gelijkgesteld));
        for (long dag = BASIS; dag < EINDE; dag++) {
            if (berekenVrij(LocalDate.ofEpochDay(dag))) {
                vrij.set((int) (dag - BASIS));
            }
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
            return vrij.get((int) (dag - BASIS));
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
        int aantal = 0;
        for (LocalDate dag = van.plusDays(1); !dag.isAfter(tot); dag = dag.plusDays(1)) {
            if (isWerkdag(dag)) {
                aantal++;
            }
        }
        return aantal;
    }

    /** The name of the holiday on {@code datum}, if it is one (weekends are not named). */
    public Optional<String> feestdag(LocalDate datum) {
        return Optional.ofNullable(feestdagNaam(datum));
    }

    /** Easter Sunday (Gregorian computus, anonymous algorithm of Meeus/Jones/Butcher). */
    public static LocalDate paaszondag(int jaar) {
        int a = jaar % 19;
        int b = jaar / 100;
        int c = jaar % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int maand = (h + l - 7 * m + 114) / 31;
        int dag = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(jaar, maand, dag);
    }

    /** King's Day: 27 April, or 26 April when the 27th is a Sunday (Wet vaststelling Koningsdag). */
    public static LocalDate koningsdag(int jaar) {
        LocalDate dag = LocalDate.of(jaar, Month.APRIL, 27);
        return dag.getDayOfWeek() == DayOfWeek.SUNDAY ? dag.minusDays(1) : dag;
    }

    private boolean berekenVrij(LocalDate datum) {
        DayOfWeek weekdag = datum.getDayOfWeek();
        return weekdag == DayOfWeek.SATURDAY || weekdag == DayOfWeek.SUNDAY || feestdagNaam(datum) != null;
    }

    private String feestdagNaam(LocalDate datum) {
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
        if (gelijkgesteld.contains(datum)) {
            return "bij koninklijk besluit gelijkgestelde dag";
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

package nl.termijnwacht.core;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summed {@link Zaaktelling} entries of one gemeente, and what they say about any report week: the stand at the
 * start of the Monday after it (open, suspended, over the deadline, dwangsom accrued) and the flows in it (besluiten,
 * on time). Pure arithmetic: nothing here reads a zaak.
 */
public final class Tellerstand {

    /** A counter entry: kind and ISO week ({@code u2026W17}), or a dwangsom ({@code g20260415_open}). */
    public static final Pattern SLEUTEL = Pattern.compile("[nabtuo]\\d{4}W\\d{2}|g\\d{8}_(?:\\d{8}|open)");
    /** Entries of weeks before the counters' horizon are summed into this week, which sorts before every real one. */
    public static final String OUD = "0000W00";
    private static final Pattern DWANGSOM = Pattern.compile("g(\\d{8})_(\\d{8}|open)");

    private final TreeMap<String, Long> tellers = new TreeMap<>();

    public Tellerstand() {
    }

    public Tellerstand(Map<String, ? extends Number> tellers) {
        tellers.forEach((k, v) -> tel(k, v.longValue()));
    }

    public Tellerstand tel(String sleutel, long aantal) {
        if (!SLEUTEL.matcher(sleutel).matches()) {
            throw new IllegalArgumentException("geen tellersleutel: " + OngeldigeInvoer.citaat(sleutel));
        }
        long som = tellers.getOrDefault(sleutel, 0L) + aantal;
        if (som == 0) {
            tellers.remove(sleutel);
        } else {
            tellers.put(sleutel, som);
        }
        return this;
    }

    public Tellerstand tel(Zaaktelling z) {
        z.bijdrage().forEach(this::tel);
        return this;
    }

    public Tellerstand tel(Tellerstand andere) {
        andere.tellers.forEach(this::tel);
        return this;
    }

    /** Every non-zero entry, in key order. */
    public Map<String, Long> tellers() {
        return java.util.Collections.unmodifiableSortedMap(tellers);
    }

    /**
     * The same stand with every entry of a week before {@code grens} summed into {@link #OUD}, and dwangsommen that
     * ended before it left out: every figure of week {@code grens} and later stays the same.
     */
    public Tellerstand ingedikt(Isoweek grens) {
        Tellerstand s = new Tellerstand();
        LocalDate grensdag = grens.van();
        tellers.forEach((k, v) -> {
            if (k.charAt(0) == 'g') {
                Matcher m = DWANGSOM.matcher(k);
                m.matches();
                LocalDate eerste = dag(m.group(1));
                LocalDate einde = m.group(2).equals(Zaaktelling.OPEN) ? null : dag(m.group(2));
                boolean voorbij = einde != null && einde.isBefore(grensdag) && eerste.plusDays(Dwangsom.MAXIMUM_DAGEN).isBefore(grensdag);
                if (!voorbij) {
                    s.tel(k, v);
                }
            } else if (k.substring(1).compareTo(grens.sleutel()) < 0) {
                s.tel(k.charAt(0) + OUD, v);
            } else {
                s.tel(k, v);
            }
        });
        return s;
    }

    /** The figures of week {@code w}: flows in it, stock at the start of the Monday after it. */
    public Weekcijfers cijfers(Isoweek w) {
        long open = tot('n', w) - tot('a', w);
        long besluiten = in('b', w);
        long tijdig = in('t', w);
        long opgebouwd = 0;
        long inPeriode = 0;
        LocalDate peildatum = w.peildatum();
        for (Map.Entry<String, Long> e : tellers.subMap("g", "h").entrySet()) {
            Matcher m = DWANGSOM.matcher(e.getKey());
            if (!m.matches()) {
                continue;
            }
            LocalDate eerste = dag(m.group(1));
            LocalDate afgesloten = m.group(2).equals(Zaaktelling.OPEN) ? null : dag(m.group(2));
            if (afgesloten == null || !afgesloten.isBefore(peildatum)) {
                opgebouwd += e.getValue() * bedrag(eerste, afgesloten, w.tot());
            }
            inPeriode += e.getValue() * (bedrag(eerste, afgesloten, w.tot()) - bedrag(eerste, afgesloten, w.van().minusDays(1)));
        }
        return new Weekcijfers(w, open, tot('o', w), tot('u', w), besluiten, tijdig, besluiten - tijdig, opgebouwd, inPeriode);
    }

    /** Euros a dwangsom from {@code eerste} accrued up to and including {@code dag}, stopping the day before the zaak closed. */
    static long bedrag(LocalDate eerste, LocalDate afgesloten, LocalDate dag) {
        LocalDate tot = afgesloten != null && afgesloten.minusDays(1).isBefore(dag) ? afgesloten.minusDays(1) : dag;
        long dagen = tot.toEpochDay() - eerste.toEpochDay() + 1;
        return dagen <= 0 ? 0 : Dwangsom.bedragVoor((int) Math.min(dagen, Dwangsom.MAXIMUM_DAGEN));
    }

    private long tot(char soort, Isoweek w) {
        long som = 0;
        for (long v : tellers.subMap(soort + OUD, true, soort + w.sleutel(), true).values()) {
            som += v;
        }
        return som;
    }

    private long in(char soort, Isoweek w) {
        return tellers.getOrDefault(soort + w.sleutel(), 0L);
    }

    private static LocalDate dag(String kort) {
        return LocalDate.of(Integer.parseInt(kort.substring(0, 4)), Integer.parseInt(kort.substring(4, 6)), Integer.parseInt(kort.substring(6)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tellerstand t && t.tellers.equals(tellers);
    }

    @Override
    public int hashCode() {
        return tellers.hashCode();
    }

    @Override
    public String toString() {
        return tellers.toString();
    }

    /**
     * One gemeente's (or the stelsel's) figures of a week: stock at the start of the Monday after it, flows in it.
     *
     * @param dwangsomOpgebouwd euros accrued up to the week's Sunday by dwangsommen of zaken still open on the Monday
     * @param dwangsomInPeriode euros accrued on the week's days, by every zaak
     */
    public record Weekcijfers(Isoweek week, long openZaken, long opgeschort, long verstrekenOpen, long besluiten, long tijdig, long teLaat,
                              long dwangsomOpgebouwd, long dwangsomInPeriode) {

        public Weekcijfers plus(Weekcijfers o) {
            return new Weekcijfers(week, openZaken + o.openZaken, opgeschort + o.opgeschort, verstrekenOpen + o.verstrekenOpen,
                    besluiten + o.besluiten, tijdig + o.tijdig, teLaat + o.teLaat, dwangsomOpgebouwd + o.dwangsomOpgebouwd,
                    dwangsomInPeriode + o.dwangsomInPeriode);
        }

        public static Weekcijfers nul(Isoweek week) {
            return new Weekcijfers(week, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        /** Share of open zaken past the deadline, in percent with one decimal; null without open zaken. */
        public Double aandeelVerstreken() {
            return procent(verstrekenOpen, openZaken);
        }

        /** Share of besluiten on time, in percent with one decimal; null without besluiten. */
        public Double aandeelTijdig() {
            return procent(tijdig, besluiten);
        }

        private static Double procent(long deel, long geheel) {
            return geheel == 0 ? null : Math.round(1000.0 * deel / geheel) / 10.0;
        }
    }
}

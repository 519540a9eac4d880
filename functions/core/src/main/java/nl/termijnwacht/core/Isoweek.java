package nl.termijnwacht.core;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO week (Monday to Sunday; week 1 holds the year's first Thursday, so a year has 52 or 53 weeks). The
 * regietafel's report covers one, and the counters are kept per week: {@link #sleutel()} sorts in time order.
 */
public record Isoweek(int jaar, int week) implements Comparable<Isoweek> {

    private static final Pattern TEKST = Pattern.compile("(\\d{4})-?W(\\d{2})");

    public Isoweek {
        if (week < 1 || week > 53 || week > LocalDate.of(jaar, 12, 28).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)) {
            throw new OngeldigeInvoer("week", jaar + " heeft geen week " + week);
        }
    }

    public static Isoweek van(LocalDate dag) {
        return new Isoweek(dag.get(IsoFields.WEEK_BASED_YEAR), dag.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** {@code 2026-W17} or {@code 2026W17}. */
    public static Isoweek lees(String tekst) {
        Matcher m = TEKST.matcher(tekst == null ? "" : tekst.strip());
        if (!m.matches()) {
            throw new OngeldigeInvoer("week", OngeldigeInvoer.citaat(tekst) + " is geen ISO-week (verwacht bijv. 2026-W17)");
        }
        return new Isoweek(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * The week a report made at {@code nu} covers: the seven days before the Monday on or before {@code nu} (in
     * {@code zone}). Monday 2026-04-27 08:00 reports 2026-04-20 … 2026-04-26, and so does Sunday 2026-05-03.
     */
    public static Isoweek gerapporteerdOp(Instant nu, ZoneId zone) {
        LocalDate maandag = LocalDate.ofInstant(nu, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return van(maandag.minusDays(1));
    }

    public LocalDate van() {
        return LocalDate.of(jaar, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
    }

    public LocalDate tot() {
        return van().plusDays(6);
    }

    /** The Monday after the week: the report's date, on whose start the stock figures stand. */
    public LocalDate peildatum() {
        return van().plusDays(7);
    }

    public Isoweek plus(int weken) {
        return van(van().plusWeeks(weken));
    }

    /** The counters' form, {@code 2026W17}: sorts in time order. */
    public String sleutel() {
        return String.format("%04dW%02d", jaar, week);
    }

    @Override
    public String toString() {
        return String.format("%04d-W%02d", jaar, week);
    }

    @Override
    public int compareTo(Isoweek o) {
        return sleutel().compareTo(o.sleutel());
    }
}

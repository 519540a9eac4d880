package nl.termijnwacht.core;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which milestones of a zaak are to be notified now, and when the next one falls due.
 *
 * <p>Within a chain ({@link Mijlpaalsoort.Keten}) only the latest overdue milestone counts: a zaak
 * registered late or a scanner outage never causes a burst of stale warnings. A milestone is identified
 * by its code and date, so a fact that moves the deadline creates new milestones while one already
 * sent for the same code and date is never repeated.
 *
 * @param nuVersturen milestones due now and not yet sent, in date order
 * @param volgende    the instant the next milestone falls due, or null when none remains
 */
public record Meldingsplanning(List<Mijlpaal> nuVersturen, Instant volgende) {

    /**
     * @param verzonden keys ({@link #sleutel(Mijlpaal)}) of milestones already sent for this zaak
     */
    public static Meldingsplanning plan(List<Mijlpaal> mijlpalen, Set<String> verzonden, Instant nu, LocalTime tijd, ZoneId zone) {
        Map<Mijlpaalsoort.Keten, Mijlpaal> laatsteAchterstallige = new EnumMap<>(Mijlpaalsoort.Keten.class);
        Instant volgende = null;
        for (Mijlpaal m : mijlpalen) { // in date order, so a later one replaces an earlier one
            Instant moment = m.moment(tijd, zone);
            if (moment.isAfter(nu)) {
                if (volgende == null || moment.isBefore(volgende)) {
                    volgende = moment;
                }
            } else {
                laatsteAchterstallige.put(m.soort().keten(), m);
            }
        }
        List<Mijlpaal> nu_ = new ArrayList<>();
        for (Mijlpaal m : laatsteAchterstallige.values()) {
            if (!verzonden.contains(sleutel(m))) {
                nu_.add(m);
            }
        }
        nu_.sort(java.util.Comparator.comparing(Mijlpaal::datum).thenComparing(Mijlpaal::soort));
        return new Meldingsplanning(List.copyOf(nu_), volgende);
    }

    /** The key of a milestone within its zaak: code and date, e.g. {@code VOORWAARSCHUWING-5@2026-04-20}. */
    public static String sleutel(Mijlpaal m) {
        return m.code() + "@" + m.datum();
    }

    /** When the zaak must be looked at again: now if something is due, else the next milestone (null: never). */
    public Instant eerstVolgendMoment(Instant nu) {
        return nuVersturen.isEmpty() ? volgende : nu;
    }
}

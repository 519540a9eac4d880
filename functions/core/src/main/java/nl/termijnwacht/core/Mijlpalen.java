package nl.termijnwacht.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Plans the milestones of a zaak from its {@link Beslistermijn} (docs/termijnregels.md, Milestones). */
public final class Mijlpalen {

    /** Warnings at 10, 5 and 2 working days before the deadline unless a gemeente configures others. */
    public static final List<Integer> STANDAARD_WAARSCHUWINGEN = List.of(10, 5, 2);

    private Mijlpalen() {
    }

    /**
     * All milestones of the zaak, in date order. Decided or withdrawn zaken have none; while a suspension
     * runs, the termijn chain pauses. The day a term for supplementing passes unused is a milestone of its own.
     */
    public static List<Mijlpaal> voor(Beslistermijn termijn, List<Integer> waarschuwingsdagen) {
        if (termijn.status().afgesloten()) {
            return List.of();
        }
        List<Mijlpaal> lijst = new ArrayList<>();
        // A term for supplementing that passes unused ends the suspension by itself: the gemeente is told that day.
        // A request made after the term ran out suspends nothing, so its term for supplementing is no milestone either.
        for (Opschorting o : termijn.opschortingen()) {
            if (o.soort() == Opschorting.Soort.TERMIJN_VERSTREKEN
                    || o.soort() == Opschorting.Soort.LOPEND && o.aanvullenVoor() != null) {
                lijst.add(new Mijlpaal(Mijlpaalsoort.OPSCHORTING_VERLOPEN, o.aanvullenVoor(), 0));
            }
        }
        if (termijn.status() != Zaakstatus.OPGESCHORT) {
            LocalDate uiterste = termijn.uitersteBeslisdatum();
            Kalender kalender = termijn.kalender();
            for (int n : waarschuwingsdagen) {
                lijst.add(new Mijlpaal(Mijlpaalsoort.VOORWAARSCHUWING, kalender.werkdagenVoor(uiterste, n), n));
            }
            lijst.add(new Mijlpaal(Mijlpaalsoort.VERVALDAG, uiterste, 0));
            lijst.add(new Mijlpaal(Mijlpaalsoort.VERSTREKEN, uiterste.plusDays(1), 0));
        }
        Dwangsom dwangsom = termijn.dwangsom();
        if (dwangsom != null) {
            lijst.add(new Mijlpaal(Mijlpaalsoort.DWANGSOM_START, dwangsom.eersteDag(), 0));
            lijst.add(new Mijlpaal(Mijlpaalsoort.DWANGSOM_MAX, dwangsom.laatsteDag(), 0));
        }
        lijst.sort(Comparator.comparing(Mijlpaal::datum).thenComparing(Mijlpaal::soort));
        return List.copyOf(lijst);
    }
}

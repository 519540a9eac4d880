package nl.termijnwacht.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one zaak adds to its gemeente's counters (docs/rapportage.md, "Counters"): a handful of entries
 * {@code kind + ISO week → ±1}, derived from its facts alone. Summed over a gemeente's zaken they give, for any report
 * week W, the stand at the start of the Monday after W by adding the entries of the weeks up to W
 * ({@link Tellerstand}): whatever the date, no zaak is read again. Kinds:
 * <ul>
 *   <li>{@code n} received (week of ontvangst) and {@code a} closed by besluit or intrekking (its week): open = n − a;</li>
 *   <li>{@code u} over the deadline: +1 in the week of the uiterste beslisdatum, −1 in the week it closed (when later);</li>
 *   <li>{@code o} suspended: +1 in the week of the day before a suspension began, −1 in the week of its last day;</li>
 *   <li>{@code b} besluiten and {@code t} of them on time, in the week of the besluit;</li>
 *   <li>{@code g<eerste dag>_<afgesloten of open>} a dwangsom: its first day and when the zaak closed (rare, exact days).</li>
 * </ul>
 * The deadline and suspensions are taken as they end if nothing more happens (a running suspension until its term
 * for supplementing); each new fact changes the entries, and the difference is what the counters get.
 */
public record Zaaktelling(Map<String, Integer> bijdrage) {

    public static final Zaaktelling LEEG = new Zaaktelling(Map.of());
    public static final String OPEN = "open";

    public Zaaktelling {
        TreeMap<String, Integer> zonderNul = new TreeMap<>();
        bijdrage.forEach((k, v) -> {
            if (v != 0) {
                zonderNul.put(k, v);
            }
        });
        bijdrage = java.util.Collections.unmodifiableSortedMap(zonderNul);
    }

    /** A zaak's entries; none while its receipt is unknown, only n, a and b when its facts no longer compute. */
    public static Zaaktelling van(Zaakdossier dossier, Termijnberekening berekening) {
        Optional<Aanvraag> gelezen;
        try {
            gelezen = dossier.aanvraag();
        } catch (OngeldigeInvoer tegenstrijdig) {
            return LEEG;
        }
        if (gelezen.isEmpty()) {
            return LEEG;
        }
        Aanvraag aanvraag = gelezen.get();
        Map<String, Integer> t = new TreeMap<>();
        tel(t, "n", aanvraag.ontvangen(), 1);
        LocalDate afgesloten = afsluiting(aanvraag);
        if (afgesloten != null) {
            tel(t, "a", afgesloten, 1);
        }
        if (aanvraag.besluit() != null) {
            tel(t, "b", aanvraag.besluit(), 1);
        }
        Beslistermijn termijn;
        try {
            termijn = berekening.bereken(aanvraag, eindstand(aanvraag));
        } catch (OngeldigeInvoer onberekenbaar) {
            return new Zaaktelling(t);
        }
        LocalDate uiterste = termijn.uitersteBeslisdatum();
        if (aanvraag.besluit() != null && !aanvraag.besluit().isAfter(uiterste)) {
            tel(t, "t", aanvraag.besluit(), 1);
        }
        tel(t, "u", uiterste, 1);
        if (afgesloten != null) {
            tel(t, "u", afgesloten.isAfter(uiterste) ? afgesloten : uiterste, -1);
        }
        for (LocalDate[] periode : opgeschort(termijn.opschortingen())) {
            LocalDate laatste = periode[1];
            if (afgesloten != null && (laatste == null || afgesloten.isBefore(laatste))) {
                laatste = afgesloten;
            }
            if (laatste != null && laatste.isBefore(periode[0])) {
                continue; // closed before it began
            }
            tel(t, "o", periode[0].minusDays(1), 1);
            if (laatste != null) {
                tel(t, "o", laatste, -1);
            }
        }
        if (termijn.dwangsom() != null && (afgesloten == null || afgesloten.isAfter(termijn.dwangsom().eersteDag()))) {
            t.merge(dwangsomSleutel(termijn.dwangsom().eersteDag(), afgesloten), 1, Integer::sum);
        }
        return new Zaaktelling(t);
    }

    /** What the counters must add when a zaak's entries go from {@code oud} to these: zero entries left out. */
    public Map<String, Integer> verschil(Zaaktelling oud) {
        Map<String, Integer> d = new TreeMap<>(bijdrage);
        oud.bijdrage.forEach((k, v) -> d.merge(k, -v, Integer::sum));
        d.values().removeIf(v -> v == 0);
        return d;
    }

    public boolean isLeeg() {
        return bijdrage.isEmpty();
    }

    public static String dwangsomSleutel(LocalDate eersteDag, LocalDate afgesloten) {
        return "g" + kort(eersteDag) + "_" + (afgesloten == null ? OPEN : kort(afgesloten));
    }

    static String kort(LocalDate dag) {
        return String.format("%04d%02d%02d", dag.getYear(), dag.getMonthValue(), dag.getDayOfMonth());
    }

    private static void tel(Map<String, Integer> t, String soort, LocalDate dag, int aantal) {
        t.merge(soort + Isoweek.van(dag).sleutel(), aantal, Integer::sum);
    }

    private static LocalDate afsluiting(Aanvraag a) {
        if (a.besluit() == null) {
            return a.ingetrokken();
        }
        return a.ingetrokken() == null || a.besluit().isBefore(a.ingetrokken()) ? a.besluit() : a.ingetrokken();
    }

    /** A day after every fact and every term for supplementing: the suspensions then stand as they end if nothing more happens. */
    private static LocalDate eindstand(Aanvraag a) {
        LocalDate dag = a.laatsteFeit().datum();
        for (Aanvulling v : a.aanvullingen()) {
            if (v.aanvullenVoor() != null && v.aanvullenVoor().isAfter(dag)) {
                dag = v.aanvullenVoor();
            }
        }
        return dag.plusDays(1);
    }

    /**
     * The days the zaak is suspended ({@link Zaakstatus#OPGESCHORT}: from the request up to the day before the supplement
     * or the end of its term), overlapping requests merged; {@code [eerste, laatste]}, laatste null while it has no end.
     */
    private static List<LocalDate[]> opgeschort(List<Opschorting> opschortingen) {
        List<LocalDate[]> perioden = new ArrayList<>();
        for (Opschorting o : opschortingen) {
            if (!o.schortOp()) {
                continue;
            }
            LocalDate laatste = o.soort() == Opschorting.Soort.LOPEND ? null : o.einde().minusDays(1);
            if (laatste == null || !laatste.isBefore(o.gevraagd())) {
                perioden.add(new LocalDate[] {o.gevraagd(), laatste});
            }
        }
        perioden.sort(Comparator.comparing(p -> p[0]));
        List<LocalDate[]> samen = new ArrayList<>();
        for (LocalDate[] p : perioden) {
            LocalDate[] vorige = samen.isEmpty() ? null : samen.get(samen.size() - 1);
            if (vorige != null && (vorige[1] == null || !p[0].isAfter(vorige[1].plusDays(1)))) {
                vorige[1] = vorige[1] == null || p[1] == null ? null : (p[1].isAfter(vorige[1]) ? p[1] : vorige[1]);
            } else {
                samen.add(new LocalDate[] {p[0], p[1]});
            }
        }
        return samen;
    }
}

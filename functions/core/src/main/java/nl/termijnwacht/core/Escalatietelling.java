package nl.termijnwacht.core;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one escalation item adds to the counters of its gemeente (or {@link #LANDELIJK} without one): while open, one
 * at {@code ladder#niveau}; while at its ladder's top level, an entry {@code sinds|niveau} so the report can list
 * the items stuck there, and for how long. Stored with the item ({@link #inhoud}) so a change adds the difference.
 */
public record Escalatietelling(String scope, String teller, String bovenaan) {

    public static final String LANDELIJK = "LANDELIJK";

    /** @param topniveau the highest level of the item's ladder */
    public static Escalatietelling van(Escalatie e, int topniveau) {
        String scope = scope(e);
        Escalatie.Stand st = e.stand();
        if (!st.open()) {
            return new Escalatietelling(scope, null, null);
        }
        return new Escalatietelling(scope, e.ladder() + "#" + st.niveau(), st.niveau() >= topniveau ? st.sinds() + "|" + st.niveau() : null);
    }

    /** Nothing counted yet (a new item). */
    public static Escalatietelling geen(Escalatie e) {
        return new Escalatietelling(scope(e), null, null);
    }

    private static String scope(Escalatie e) {
        return e.gemeente() == null ? LANDELIJK : e.gemeente();
    }

    /** The stored form: {@code teller;bovenaan}, either part empty. */
    public String inhoud() {
        return (teller == null ? "" : teller) + ";" + (bovenaan == null ? "" : bovenaan);
    }

    public static Escalatietelling lees(String scope, String inhoud) {
        if (inhoud == null) {
            return new Escalatietelling(scope, null, null);
        }
        int i = inhoud.indexOf(';');
        String teller = inhoud.substring(0, i);
        String boven = inhoud.substring(i + 1);
        return new Escalatietelling(scope, teller.isEmpty() ? null : teller, boven.isEmpty() ? null : boven);
    }

    /** What the counts change by from {@code oud} to this. */
    public Map<String, Integer> verschil(Escalatietelling oud) {
        Map<String, Integer> d = new TreeMap<>();
        if (teller != null) {
            d.merge(teller, 1, Integer::sum);
        }
        if (oud.teller != null) {
            d.merge(oud.teller, -1, Integer::sum);
        }
        d.values().removeIf(v -> v == 0);
        return d;
    }
}

package nl.termijnwacht.functions.stelselrapportage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.termijnwacht.aws.Tellers;
import nl.termijnwacht.core.Datums;
import nl.termijnwacht.core.Isoweek;
import nl.termijnwacht.core.Tellerstand;
import nl.termijnwacht.core.Tellerstand.Weekcijfers;

/**
 * The regietafel's weekly report (docs/rapportage.md) made from the counters alone: the JSON document
 * ({@value #SCHEMA}) and the Dutch summary a bestuurder reads in a minute. Pure: the counters in, the report out.
 */
public final class Stelselrapport {

    public static final String SCHEMA = "termijnwacht.rapportage/1";
    /** Weeks in the trend, the reported one last. */
    public static final int VERLOOP_WEKEN = 12;
    /** Items at a top level listed in the document (the count covers all). */
    static final int MAX_BOVENAAN = 50;
    /** Gemeenten named in the summary text; the document names every one. */
    static final int MAX_AANDACHT_IN_TEKST = 8;

    private final ObjectNode document;
    private final String samenvatting;

    private Stelselrapport(ObjectNode document, String samenvatting) {
        this.document = document;
        this.samenvatting = samenvatting;
    }

    public ObjectNode document() {
        return document;
    }

    public String samenvatting() {
        return samenvatting;
    }

    /** One item at its ladder's top level. */
    record Bovenaan(String escalatie, String ladder, int niveau, String gemeente, LocalDate sinds, long dagen) {
    }

    /**
     * @param standen the counters per gemeente (and {@link Tellers#LANDELIJK} for items without one), as read
     * @throws IllegalArgumentException when the week lies before the counters' horizon (its report is in the archive)
     */
    public static Stelselrapport maak(Isoweek week, Instant gemaakt, Map<String, Tellers.Stand> standen, ObjectMapper json) {
        LocalDate peildatum = week.peildatum();
        for (Tellers.Stand s : standen.values()) {
            if (s.ingedikt() != null && week.plus(-VERLOOP_WEKEN + 1).sleutel().compareTo(s.ingedikt()) < 0) {
                throw new IllegalArgumentException("week " + week + " ligt vóór de bewaarde tellers (ingedikt tot " + s.ingedikt()
                        + "): lees het bewaarde rapport van die week");
            }
        }
        ObjectNode d = json.createObjectNode();
        d.put("schema", SCHEMA);
        d.put("week", week.toString());
        d.putObject("periode").put("van", week.van().toString()).put("tot", week.tot().toString());
        d.put("peildatum", peildatum.toString());
        d.put("gemaakt", gemaakt.toString());

        Tellerstand landelijk = new Tellerstand();
        Map<String, Long> escalatiesTotaal = new TreeMap<>();
        List<Bovenaan> bovenaan = new ArrayList<>();
        List<ObjectNode> gemeenten = new ArrayList<>();
        List<ObjectNode> aandacht = new ArrayList<>();
        for (Tellers.Stand s : standen.values()) {
            landelijk.tel(s.zaken());
            s.escalaties().forEach((k, v) -> escalatiesTotaal.merge(k, v, Long::sum));
            List<Bovenaan> eigen = bovenaan(s, peildatum);
            bovenaan.addAll(eigen);
            if (s.scope().equals(Tellers.LANDELIJK)) {
                continue;
            }
            Weekcijfers c = s.zaken().cijfers(week);
            Weekcijfers v = s.zaken().cijfers(week.plus(-1));
            ObjectNode g = json.createObjectNode().put("gemeente", s.scope());
            cijfers(g, c, v, s.escalaties(), eigen.size());
            gemeenten.add(g);
            List<String> redenen = redenen(c, v, eigen);
            if (!redenen.isEmpty()) {
                ObjectNode a = json.createObjectNode().put("gemeente", s.scope());
                redenen.forEach(a.putArray("redenen")::add);
                a.put("gewicht", gewicht(c, eigen));
                aandacht.add(a);
            }
        }
        bovenaan.sort(Comparator.comparingLong(Bovenaan::dagen).reversed().thenComparing(Bovenaan::escalatie));
        aandacht.sort(Comparator.comparingLong((ObjectNode a) -> a.get("gewicht").asLong()).reversed()
                .thenComparing(a -> a.get("gemeente").asText()));
        aandacht.forEach(a -> a.remove("gewicht"));

        Weekcijfers totaal = landelijk.cijfers(week);
        ObjectNode t = d.putObject("totaal");
        cijfers(t, totaal, landelijk.cijfers(week.plus(-1)), escalatiesTotaal, bovenaan.size());
        t.put("gemeenten", gemeenten.size());
        ArrayNode gs = d.putArray("gemeenten");
        gemeenten.forEach(gs::add);
        ArrayNode verloop = d.putArray("verloop");
        for (int i = VERLOOP_WEKEN - 1; i >= 0; i--) {
            Weekcijfers w = landelijk.cijfers(week.plus(-i));
            verloop.addObject().put("week", w.week().toString()).put("van", w.week().van().toString()).put("tot", w.week().tot().toString())
                    .put("openZaken", w.openZaken()).put("opgeschort", w.opgeschort()).put("verstrekenOpen", w.verstrekenOpen())
                    .put("besluiten", w.besluiten()).put("tijdig", w.tijdig()).put("teLaat", w.teLaat());
        }
        ArrayNode b = d.putArray("bovenaan");
        for (Bovenaan x : bovenaan.subList(0, Math.min(MAX_BOVENAAN, bovenaan.size()))) {
            ObjectNode o = b.addObject().put("escalatie", x.escalatie()).put("ladder", x.ladder()).put("niveau", x.niveau());
            if (x.gemeente() == null) {
                o.putNull("gemeente");
            } else {
                o.put("gemeente", x.gemeente());
            }
            o.put("sinds", x.sinds().toString()).put("dagen", x.dagen());
        }
        ArrayNode a = d.putArray("aandacht");
        aandacht.forEach(a::add);
        return new Stelselrapport(d, tekst(week, totaal, landelijk.cijfers(week.plus(-1)), escalatiesTotaal, gemeenten.size(), aandacht, bovenaan));
    }

    private static void cijfers(ObjectNode o, Weekcijfers c, Weekcijfers vorige, Map<String, Long> escalaties, int bovenaan) {
        o.put("openZaken", c.openZaken()).put("opgeschort", c.opgeschort()).put("verstrekenOpen", c.verstrekenOpen());
        procent(o, "aandeelVerstreken", c.aandeelVerstreken());
        o.put("besluitenInPeriode", c.besluiten()).put("tijdigInPeriode", c.tijdig()).put("teLaatInPeriode", c.teLaat());
        procent(o, "aandeelTijdig", c.aandeelTijdig());
        o.put("dwangsomOpgebouwd", c.dwangsomOpgebouwd()).put("dwangsomInPeriode", c.dwangsomInPeriode());
        ObjectNode e = o.putObject("escalatiesOpen");
        escalaties.forEach((k, v) -> {
            int i = k.lastIndexOf('#');
            ObjectNode ladder = e.has(k.substring(0, i)) ? (ObjectNode) e.get(k.substring(0, i)) : e.putObject(k.substring(0, i));
            ladder.put(k.substring(i + 1), v);
        });
        o.putObject("signalenInPeriode");
        o.put("bovenaan", bovenaan);
        ObjectNode v = o.putObject("vorigeWeek").put("openZaken", vorige.openZaken()).put("verstrekenOpen", vorige.verstrekenOpen());
        procent(v, "aandeelTijdig", vorige.aandeelTijdig());
    }

    private static void procent(ObjectNode o, String veld, Double waarde) {
        if (waarde == null) {
            o.putNull(veld);
        } else {
            o.put(veld, waarde);
        }
    }

    private static List<Bovenaan> bovenaan(Tellers.Stand s, LocalDate peildatum) {
        List<Bovenaan> lijst = new ArrayList<>();
        s.bovenaan().forEach((id, waarde) -> {
            String[] delen = waarde.split("\\|");
            LocalDate sinds = LocalDate.parse(delen[0]);
            int i = id.indexOf(':');
            lijst.add(new Bovenaan(id, i < 0 ? id : id.substring(0, i), Integer.parseInt(delen[1]),
                    s.scope().equals(Tellers.LANDELIJK) ? null : s.scope(), sinds, Math.max(0, ChronoUnit.DAYS.between(sinds, peildatum))));
        });
        return lijst;
    }

    /** Why a gemeente needs the regietafel's attention; empty when it does not. */
    static List<String> redenen(Weekcijfers c, Weekcijfers vorige, List<Bovenaan> bovenaan) {
        List<String> r = new ArrayList<>();
        if (c.verstrekenOpen() > 0) {
            long erbij = c.verstrekenOpen() - vorige.verstrekenOpen();
            r.add(getal(c.verstrekenOpen()) + (c.verstrekenOpen() == 1 ? " open zaak" : " open zaken") + " over de termijn ("
                    + procent(c.aandeelVerstreken()) + ")" + (erbij > 0 ? ", " + getal(erbij) + " meer dan vorige week" : ""));
        }
        if (c.teLaat() > 0) {
            r.add(getal(c.teLaat()) + " van " + getal(c.besluiten()) + " besluiten te laat");
        }
        if (c.dwangsomOpgebouwd() > 0) {
            r.add("dwangsom opgebouwd op lopende zaken: " + euro(c.dwangsomOpgebouwd()));
        }
        if (!bovenaan.isEmpty()) {
            long langst = bovenaan.stream().mapToLong(Bovenaan::dagen).max().orElse(0);
            r.add(bovenaan.size() + (bovenaan.size() == 1 ? " escalatie" : " escalaties") + " bovenaan de ladder (langst " + langst + " dagen)");
        }
        return r;
    }

    private static long gewicht(Weekcijfers c, List<Bovenaan> bovenaan) {
        return 1_000_000L * bovenaan.size() + 1_000L * c.verstrekenOpen() + c.teLaat();
    }

    private static String tekst(Isoweek week, Weekcijfers c, Weekcijfers vorige, Map<String, Long> escalaties, int gemeenten,
                                List<ObjectNode> aandacht, List<Bovenaan> bovenaan) {
        StringBuilder s = new StringBuilder();
        s.append("Stelselrapportage week ").append(week.week()).append(" (").append(Datums.lang(week.van()).replaceFirst(" \\d{4}$", ""))
                .append(" t/m ").append(Datums.lang(week.tot())).append("), stand op ").append(Datums.lang(week.peildatum())).append(".\n\n");
        s.append(gemeenten == 1 ? "1 gemeente: " : getal(gemeenten) + " gemeenten: ").append(getal(c.openZaken()))
                .append(c.openZaken() == 1 ? " open zaak, waarvan " : " open zaken, waarvan ")
                .append(getal(c.verstrekenOpen())).append(" over de termijn");
        if (c.aandeelVerstreken() != null) {
            s.append(" (").append(procent(c.aandeelVerstreken())).append(")");
        }
        s.append("; vorige week ").append(getal(vorige.verstrekenOpen())).append(". Opgeschort: ").append(getal(c.opgeschort())).append(".\n");
        s.append("Besluiten in de week: ").append(getal(c.besluiten()));
        if (c.besluiten() > 0) {
            s.append(", waarvan ").append(procent(c.aandeelTijdig())).append(" tijdig (").append(getal(c.teLaat())).append(" te laat)");
        }
        s.append(".\n");
        s.append("Dwangsom: ").append(euro(c.dwangsomOpgebouwd())).append(" opgebouwd op lopende zaken, ").append(euro(c.dwangsomInPeriode()))
                .append(" in deze week.\n");
        long open = escalaties.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> perLadder = new TreeMap<>();
        escalaties.forEach((k, v) -> perLadder.merge(k.substring(0, k.lastIndexOf('#')), v, Long::sum));
        s.append("Escalaties open: ").append(getal(open));
        if (!perLadder.isEmpty()) {
            List<String> delen = new ArrayList<>();
            perLadder.forEach((l, v) -> delen.add(l + " " + getal(v)));
            s.append(" (").append(String.join(", ", delen)).append(")");
        }
        s.append(bovenaan.isEmpty() ? "; geen enkele ligt bovenaan de ladder.\n" : "; " + bovenaan.size() + " bovenaan de ladder, de langste "
                + bovenaan.get(0).dagen() + " dagen.\n");
        s.append("\nAandacht nodig:");
        if (aandacht.isEmpty()) {
            s.append(" geen gemeente.\n");
        } else {
            s.append('\n');
            for (ObjectNode a : aandacht.subList(0, Math.min(MAX_AANDACHT_IN_TEKST, aandacht.size()))) {
                List<String> r = new ArrayList<>();
                a.get("redenen").forEach(x -> r.add(x.asText()));
                s.append("- ").append(a.get("gemeente").asText()).append(": ").append(String.join("; ", r)).append('\n');
            }
            if (aandacht.size() > MAX_AANDACHT_IN_TEKST) {
                s.append("- en ").append(aandacht.size() - MAX_AANDACHT_IN_TEKST).append(" andere gemeenten (zie het rapport).\n");
            }
        }
        if (!bovenaan.isEmpty()) {
            s.append("\nBovenaan de ladder:\n");
            for (Bovenaan b : bovenaan.subList(0, Math.min(5, bovenaan.size()))) {
                s.append("- ").append(b.escalatie()).append(", niveau ").append(b.niveau()).append(" sinds ").append(Datums.lang(b.sinds()))
                        .append(" (").append(b.dagen()).append(" dagen)\n");
            }
        }
        return s.toString();
    }

    // Dutch numbers as the page writes them (Rapportpagina: one place, whatever the JVM's locale)

    static String getal(long n) {
        return Rapportpagina.getal(n);
    }

    static String euro(long n) {
        return "€\u00a0" + getal(n); // a text mail: never wrapped between the sign and the amount
    }

    static String procent(Double p) {
        return p == null ? "–" : Rapportpagina.procent(p);
    }
}

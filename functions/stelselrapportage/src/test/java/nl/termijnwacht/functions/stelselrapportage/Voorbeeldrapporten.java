package nl.termijnwacht.functions.stelselrapportage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The shared sample of the report page tests ({@code RapportpaginaTest} here, {@code RapportpaginaBrowserTest} in
 * infra/cli, which gets it from this module's test-jar): the fixture {@code rapport-landelijk.json} (3 gemeenten), the
 * same spread over n gemeenten, an empty week and a week with hostile text. Each call returns a fresh document.
 */
public final class Voorbeeldrapporten {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Hostile text: markup, an SVG end tag and a bidi override, as a gemeente, ladder, item or reason could bring. */
    public static final List<String> VIJANDIG = List.of("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "</svg><script>", "GM\u202E6630");

    private Voorbeeldrapporten() {
    }

    /** The fixture: week 17 of 2026, three gemeenten. */
    public static ObjectNode fixture() throws IOException {
        try (InputStream in = Voorbeeldrapporten.class.getResourceAsStream("/rapport-landelijk.json")) {
            return (ObjectNode) JSON.readTree(Objects.requireNonNull(in, "rapport-landelijk.json is not on the classpath"));
        }
    }

    /**
     * The fixture over {@code n} gemeenten: its own first, then generated GM0001, GM0002, … with varied figures (one
     * in 97 without zaken); totaal, verloop, bovenaan and aandacht follow, so the page is consistent and its lists
     * reach their caps.
     */
    public static ObjectNode landelijk(int n) throws IOException {
        ObjectNode d = fixture();
        ArrayNode eigen = (ArrayNode) d.get("gemeenten");
        ArrayNode gemeenten = JSON.createArrayNode();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < Math.min(n, eigen.size()); i++) {
            gemeenten.add(eigen.get(i));
            codes.add(eigen.get(i).get("gemeente").asText());
        }
        for (int i = 1; gemeenten.size() < n; i++) {
            String code = String.format("GM%04d", i);
            if (codes.add(code)) {
                gemeenten.add(gemeente(code, i));
            }
        }
        d.set("gemeenten", gemeenten);
        ObjectNode t = (ObjectNode) d.get("totaal");
        t.put("gemeenten", n);
        for (String veld : List.of("openZaken", "opgeschort", "verstrekenOpen", "besluitenInPeriode", "tijdigInPeriode", "teLaatInPeriode",
                "dwangsomOpgebouwd", "dwangsomInPeriode")) {
            long som = 0;
            for (JsonNode g : gemeenten) {
                som += g.path(veld).asLong();
            }
            t.put(veld, som);
        }
        aandelen(t);
        ObjectNode vorig = t.putObject("vorigeWeek");
        vorig.put("openZaken", t.get("openZaken").asLong() * 98 / 100).put("verstrekenOpen", t.get("verstrekenOpen").asLong() * 91 / 100);
        if (t.get("aandeelTijdig").isNumber()) {
            vorig.put("aandeelTijdig", Math.min(100, t.get("aandeelTijdig").asDouble() + 1.4));
        }
        if (n <= eigen.size()) {
            // only these gemeenten: their escalations, items and attention
            ObjectNode esc = JSON.createObjectNode();
            for (JsonNode g : gemeenten) {
                g.path("escalatiesOpen").properties().forEach(l -> l.getValue().properties().forEach(nv -> {
                    ObjectNode ladder = esc.has(l.getKey()) ? (ObjectNode) esc.get(l.getKey()) : esc.putObject(l.getKey());
                    ladder.put(nv.getKey(), ladder.path(nv.getKey()).asLong() + nv.getValue().asLong());
                }));
            }
            t.set("escalatiesOpen", esc);
            d.set("bovenaan", filter((ArrayNode) d.get("bovenaan"), codes));
            d.set("aandacht", filter((ArrayNode) d.get("aandacht"), codes));
            t.put("bovenaan", d.get("bovenaan").size());
        } else {
            int factor = Math.max(1, n / 40);
            ObjectNode esc = (ObjectNode) t.get("escalatiesOpen");
            esc.properties().forEach(l -> l.getValue().properties().forEach(nv -> ((ObjectNode) l.getValue()).put(nv.getKey(), nv.getValue().asLong() * factor)));
            t.put("bovenaan", t.get("bovenaan").asLong() * factor);
            ArrayNode aandacht = (ArrayNode) d.get("aandacht");
            Set<String> eigenCodes = new HashSet<>();
            eigen.forEach(g -> eigenCodes.add(g.get("gemeente").asText()));
            List<JsonNode> meest = new ArrayList<>();
            gemeenten.forEach(meest::add);
            meest.sort(Comparator.comparing((JsonNode g) -> -g.path("verstrekenOpen").asLong()));
            ArrayNode bovenaan = (ArrayNode) d.get("bovenaan");
            int dagen = 24;
            for (JsonNode g : meest.subList(0, Math.min(10, meest.size()))) {
                String code = g.get("gemeente").asText();
                if (!eigenCodes.contains(code)) {
                    // the four reasons Stelselrapport gives, in its words: the longest an entry can be
                    aandacht.addObject().put("gemeente", code).putArray("redenen")
                            .add(Rapportpagina.getal(g.get("verstrekenOpen").asLong()) + " open zaken over de termijn ("
                                    + Rapportpagina.procent(g.get("aandeelVerstreken").asDouble()) + "), 7 meer dan vorige week")
                            .add(g.get("teLaatInPeriode").asLong() + " van " + g.get("besluitenInPeriode").asLong() + " besluiten te laat")
                            .add("dwangsom opgebouwd op lopende zaken: " + Rapportpagina.euro(g.get("dwangsomOpgebouwd").asLong()))
                            .add("1 escalatie bovenaan de ladder (langst " + dagen + " dagen)");
                    bovenaan.addObject().put("escalatie", "termijnoverschrijding#" + code + "#ZAAK-2026-0" + (300 + dagen)).put("ladder", "termijnoverschrijding")
                            .put("niveau", 3).put("gemeente", code).put("sinds", LocalDate.of(2026, 4, 27).minusDays(dagen).toString()).put("dagen", dagen);
                    dagen -= 2;
                }
            }
            // the fixture's own gemeenten last, so that the page names the generated ones with all four reasons: its fullest list
            for (int i = 0; i < eigen.size(); i++) {
                aandacht.add(aandacht.remove(0));
            }
            List<JsonNode> items = new ArrayList<>();
            bovenaan.forEach(items::add);
            items.sort(Comparator.comparing((JsonNode b) -> -b.get("dagen").asLong()));
            bovenaan.removeAll();
            bovenaan.addAll(items);
        }
        // the trend, scaled so that its last week is this week's totaal
        ArrayNode verloop = (ArrayNode) d.get("verloop");
        JsonNode laatste = verloop.get(verloop.size() - 1);
        for (JsonNode w : verloop) {
            ObjectNode week = (ObjectNode) w;
            schaal(week, "openZaken", laatste, t.get("openZaken").asLong());
            schaal(week, "opgeschort", laatste, t.get("opgeschort").asLong());
            schaal(week, "verstrekenOpen", laatste, t.get("verstrekenOpen").asLong());
            schaal(week, "tijdig", laatste, t.get("tijdigInPeriode").asLong());
            schaal(week, "teLaat", laatste, t.get("teLaatInPeriode").asLong());
        }
        for (JsonNode w : verloop) {
            ((ObjectNode) w).put("besluiten", w.get("tijdig").asLong() + w.get("teLaat").asLong());
        }
        return d;
    }

    private static void schaal(ObjectNode week, String veld, JsonNode laatste, long doel) {
        long basis = laatste.get(veld).asLong();
        week.put(veld, basis == 0 ? 0 : Math.round((double) week.get(veld).asLong() * doel / basis));
    }

    private static ArrayNode filter(ArrayNode lijst, Set<String> codes) {
        ArrayNode uit = JSON.createArrayNode();
        lijst.forEach(i -> {
            if (codes.contains(i.path("gemeente").asText())) {
                uit.add(i);
            }
        });
        return uit;
    }

    public static ObjectNode gemeente(String code, int i) {
        ObjectNode g = JSON.createObjectNode().put("gemeente", code);
        long open = i % 97 == 0 ? 0 : 15 + (i * 37L) % 290;
        long verstreken = i % 11 == 0 ? 0 : open * ((i * 13L) % 17) * (i % 5 + 1) / 300;
        long besluiten = i % 97 == 0 ? 0 : 3 + (i * 11L) % 37;
        long laat = besluiten * ((i * 5L) % 13) * 2 / 100;
        long dwangsom = verstreken * ((i * 3L) % 7) * 47;
        g.put("openZaken", open).put("opgeschort", open * ((i * 7L) % 9) / 100).put("verstrekenOpen", verstreken)
                .put("besluitenInPeriode", besluiten).put("tijdigInPeriode", besluiten - laat).put("teLaatInPeriode", laat)
                .put("dwangsomOpgebouwd", dwangsom).put("dwangsomInPeriode", dwangsom / 6);
        aandelen(g);
        g.putObject("escalatiesOpen");
        g.putObject("signalenInPeriode");
        g.put("bovenaan", 0);
        return g;
    }

    private static void aandelen(ObjectNode f) {
        long open = f.get("openZaken").asLong();
        long besluiten = f.get("besluitenInPeriode").asLong();
        if (open == 0) {
            f.putNull("aandeelVerstreken");
        } else {
            f.put("aandeelVerstreken", Math.round(1000.0 * f.get("verstrekenOpen").asLong() / open) / 10.0);
        }
        if (besluiten == 0) {
            f.putNull("aandeelTijdig");
        } else {
            f.put("aandeelTijdig", Math.round(1000.0 * f.get("tijdigInPeriode").asLong() / besluiten) / 10.0);
        }
    }

    /** A week without anything: 0 gemeenten, zeros, empty lists, null shares, 12 empty weeks. */
    public static ObjectNode leeg() throws IOException {
        ObjectNode d = fixture();
        ObjectNode t = JSON.createObjectNode().put("gemeenten", 0);
        for (String veld : List.of("openZaken", "opgeschort", "verstrekenOpen", "besluitenInPeriode", "tijdigInPeriode", "teLaatInPeriode",
                "dwangsomOpgebouwd", "dwangsomInPeriode", "bovenaan")) {
            t.put(veld, 0);
        }
        t.putNull("aandeelVerstreken").putNull("aandeelTijdig");
        t.putObject("escalatiesOpen");
        t.putObject("signalenInPeriode");
        d.set("totaal", t);
        d.putArray("gemeenten");
        d.putArray("bovenaan");
        d.putArray("aandacht");
        for (JsonNode w : d.get("verloop")) {
            for (String veld : List.of("openZaken", "opgeschort", "verstrekenOpen", "besluiten", "tijdig", "teLaat")) {
                ((ObjectNode) w).put(veld, 0);
            }
        }
        return d;
    }

    /** The national sample with hostile text in every place a name, id or reason can come from. */
    public static ObjectNode vijandig() throws IOException {
        ObjectNode d = landelijk(342);
        ArrayNode gemeenten = (ArrayNode) d.get("gemeenten");
        for (int i = 0; i < VIJANDIG.size(); i++) {
            ObjectNode g = (ObjectNode) gemeenten.get(i);
            g.put("gemeente", VIJANDIG.get(i)).put("verstrekenOpen", 900 + i).put("openZaken", 1000).put("aandeelVerstreken", 90.0 + i);
        }
        ObjectNode esc = (ObjectNode) d.get("totaal").get("escalatiesOpen");
        for (String v : VIJANDIG) {
            esc.putObject(v).put("1", 3).put(v, 2);
        }
        ArrayNode bovenaan = (ArrayNode) d.get("bovenaan");
        for (String v : VIJANDIG) {
            bovenaan.insertObject(0).put("escalatie", "termijnoverschrijding#" + v + "#ZAAK-1").put("ladder", v).put("niveau", v).put("gemeente", v)
                    .put("sinds", v).put("dagen", 40);
        }
        ArrayNode aandacht = (ArrayNode) d.get("aandacht");
        for (String v : VIJANDIG) {
            aandacht.insertObject(0).put("gemeente", v).putArray("redenen").add(v).add("12 zaken " + v);
        }
        ((ObjectNode) d.get("verloop").get(11)).put("week", "</svg><script>");
        return d;
    }
}

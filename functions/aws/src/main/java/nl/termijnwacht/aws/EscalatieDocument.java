package nl.termijnwacht.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.core.Escalatiemelding;

/** The JSON document and message attributes of an escalation notice (docs/escalatie.md, "Notices"). */
public final class EscalatieDocument {

    private EscalatieDocument() {
    }

    public static ObjectNode document(ObjectMapper json, Escalatiemelding m) {
        return document(json, m, Map.of());
    }

    /** @param antwoorden the signed answer links of a notice that invites its level to answer ({@link Antwoordlinks}) */
    public static ObjectNode document(ObjectMapper json, Escalatiemelding m, Map<Escalatie.Antwoordsoort, String> antwoorden) {
        Escalatie e = m.escalatie();
        ObjectNode d = json.createObjectNode();
        d.put("schema", Escalatiemelding.SCHEMA);
        d.put("soort", m.soort().name());
        d.put("escalatie", e.id());
        d.put("ladder", m.ladder().id());
        d.put("ladderVersie", m.ladder().versie());
        d.put("niveau", m.niveau().niveau());
        d.put("rol", m.niveau().rol());
        d.put("naam", m.niveau().naam());
        d.put("regietafel", m.regietafel());
        putOfNull(d, "gemeente", e.gemeente());
        putOfNull(d, "zaak", e.zaak());
        d.put("onderwerp", e.onderwerp());
        ArrayNode geschiedenis = d.putArray("geschiedenis");
        for (Escalatie.Stap s : e.geschiedenis()) {
            ObjectNode stap = geschiedenis.addObject().put("datum", s.datum().toString()).put("gebeurtenis", s.gebeurtenis().name()).put("niveau", s.niveau());
            putOfNull(stap, "toelichting", Escalatiemelding.kort(s.toelichtingInMelding()));
            if (s.door() != null) {
                stap.put("door", s.door().startsWith("link:") ? "antwoordlink" : "gekoppeld systeem");
                putOfNull(stap, "verwerkt", s.verwerkt() == null ? null : s.verwerkt().toString());
            }
        }
        putOfNull(d, "reactieUiterlijk", m.reactieUiterlijk() == null ? null : m.reactieUiterlijk().toString());
        if (m.volgende() != null) {
            d.putObject("volgendeStap").put("gebeurtenis", m.volgende().gebeurtenis().name()).put("datum", m.volgende().dag().toString())
                    .put("niveau", m.volgende().naarNiveau());
        } else {
            d.putNull("volgendeStap");
        }
        if (m.soort() == Escalatiemelding.Soort.OPGELOST) {
            d.put("zonderBesluit", e.opgelostZonderBesluit());
        }
        ArrayNode links = d.putArray("antwoorden");
        antwoorden.forEach((soort, url) -> links.addObject().put("antwoord", soort.detailType()).put("url", url));
        d.put("tekst", m.tekst(antwoorden));
        d.put("idempotencyKey", m.idempotencyKey());
        d.put("aangemaakt", m.aangemaakt().toString());
        return d;
    }

    /** For subscription filter policies: a bestuurder subscribes to its {@code rol}, a gemeente to its code. */
    public static Map<String, String> attributen(Escalatiemelding m) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("soort", m.soort().name());
        if (m.escalatie().gemeente() != null) {
            a.put("gemeente", m.escalatie().gemeente());
        }
        a.put("ladder", m.ladder().id());
        a.put("niveau", Integer.toString(m.niveau().niveau()));
        a.put("rol", m.niveau().rol());
        a.put("idempotencyKey", m.idempotencyKey());
        return a;
    }

    private static void putOfNull(ObjectNode d, String veld, String waarde) {
        if (waarde == null) {
            d.putNull(veld);
        } else {
            d.put(veld, waarde);
        }
    }
}

package nl.termijnwacht.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.termijnwacht.core.Zaakmelding;

/** The JSON document and message attributes of a zaak notification (docs/termijnregels.md, Milestones). */
public final class MeldingDocument {

    private MeldingDocument() {
    }

    public static ObjectNode document(ObjectMapper json, Zaakmelding m) {
        ObjectNode d = json.createObjectNode();
        d.put("schema", Zaakmelding.SCHEMA);
        d.put("soort", m.soort().name());
        d.put("mijlpaal", m.mijlpaal().code());
        d.put("gemeente", m.gemeente());
        d.put("zaak", m.zaak());
        d.put("mijlpaalDatum", m.mijlpaal().datum().toString());
        d.put("uitersteBeslisdatum", m.uitersteBeslisdatum().toString());
        d.put("werkdagenResterend", m.werkdagenResterend());
        if (m.verlengingMogelijkTot() == null) {
            d.putNull("verlengingMogelijkTot");
        } else {
            d.put("verlengingMogelijkTot", m.verlengingMogelijkTot().toString());
        }
        if (m.dwangsom() != null) {
            d.putObject("dwangsom")
                    .put("eersteDag", m.dwangsom().eersteDag().toString())
                    .put("laatsteDag", m.dwangsom().laatsteDag().toString())
                    .put("vaststellenUiterlijk", m.dwangsom().vaststellenUiterlijk().toString());
        }
        d.put("tekst", m.tekst());
        d.put("idempotencyKey", m.idempotencyKey());
        d.put("aangemaakt", m.aangemaakt().toString());
        return d;
    }

    public static Map<String, String> attributen(Zaakmelding m) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("soort", m.soort().name());
        a.put("gemeente", m.gemeente());
        a.put("idempotencyKey", m.idempotencyKey());
        return a;
    }
}

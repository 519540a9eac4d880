package nl.termijnwacht.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;
import nl.termijnwacht.core.OngeldigeInvoer;

/**
 * The EventBridge envelope as every event function reads it: a JSON object with an id of the expected shape, the
 * expected source, a known detail-type and an object as detail. What the detail holds is the caller's.
 */
record Envelop(String id, String detailType, JsonNode detail) {

    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    /**
     * @param bron   the source the bus rule admits, e.g. {@code termijnwacht.zaken}
     * @param soort  what such a source is called in a reason, e.g. {@code zaakbron}
     * @param types  the detail-types the rule admits
     * @param typeWoord what a detail-type is called in a reason, e.g. {@code type}
     * @throws OngeldigeInvoer naming the field and the problem
     */
    static Envelop lees(JsonNode envelope, String bron, String soort, List<String> types, String typeWoord) {
        if (envelope == null || !envelope.isObject()) {
            throw new OngeldigeInvoer("event", "geen EventBridge-event (verwacht een JSON-object)");
        }
        String id = tekst(envelope, "id", "event");
        if (!EVENT_ID.matcher(id).matches()) {
            throw new OngeldigeInvoer("id", "event-id moet 1–128 tekens zijn: letters, cijfers en . _ : -");
        }
        String source = tekst(envelope, "source", "event");
        if (!bron.equals(source)) {
            throw new OngeldigeInvoer("source", "bron " + OngeldigeInvoer.citaat(source) + " is geen " + soort + " (verwacht " + bron + ")");
        }
        String type = tekst(envelope, "detail-type", "event");
        if (!types.contains(type)) {
            throw new OngeldigeInvoer("detail-type", "onbekend " + typeWoord + " " + OngeldigeInvoer.citaat(type) + "; bekend zijn " + String.join(", ", types));
        }
        JsonNode detail = envelope.get("detail");
        if (detail == null || !detail.isObject()) {
            throw new OngeldigeInvoer("detail", "detail ontbreekt of is geen JSON-object");
        }
        return new Envelop(id, type, detail);
    }

    /** A required, non-blank text field of {@code node} ({@code waar} names the node in the reason). */
    static String tekst(JsonNode node, String veld, String waar) {
        JsonNode n = node.get(veld);
        if (n == null || n.isNull()) {
            throw new OngeldigeInvoer(veld, "veld '" + veld + "' ontbreekt in " + waar);
        }
        if (!n.isTextual() || n.textValue().isBlank()) {
            throw new OngeldigeInvoer(veld, "veld '" + veld + "' moet een niet-lege tekst zijn");
        }
        return n.textValue();
    }
}

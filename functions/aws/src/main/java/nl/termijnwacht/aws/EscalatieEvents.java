package nl.termijnwacht.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import nl.termijnwacht.core.Datums;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.core.Escalatie.Antwoordsoort;
import nl.termijnwacht.core.OngeldigeInvoer;
import nl.termijnwacht.core.Vrijetekst;

/**
 * The one place that reads a level's reply to an escalation (docs/escalatie.md, "Replies"): source
 * {@code termijnwacht.escalaties}, detail-type {@code Opgepakt}, {@code Opgelost} or {@code Teruggelegd}, detail
 * {@code escalatie}, {@code niveau}, {@code datum} and optional {@code toelichting}. The toelichting is free text
 * and is cleaned ({@link Vrijetekst}) before it is stored or sent on.
 */
public final class EscalatieEvents {

    public static final String SOURCE = "termijnwacht.escalaties";
    public static final List<String> DETAIL_TYPES = Arrays.stream(Antwoordsoort.values()).map(Antwoordsoort::detailType).toList();
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    /** A checked reply to item {@code escalatie}. */
    public record Antwoord(String escalatie, Escalatie.Antwoord antwoord) {
    }

    /** @throws OngeldigeInvoer naming the field and the problem */
    public static Antwoord lees(JsonNode envelope, LocalDate vandaag) {
        if (envelope == null || !envelope.isObject()) {
            throw new OngeldigeInvoer("event", "geen EventBridge-event (verwacht een JSON-object)");
        }
        String id = tekst(envelope, "id", "event");
        if (!EVENT_ID.matcher(id).matches()) {
            throw new OngeldigeInvoer("id", "event-id moet 1–128 tekens zijn: letters, cijfers en . _ : -");
        }
        String source = tekst(envelope, "source", "event");
        if (!SOURCE.equals(source)) {
            throw new OngeldigeInvoer("source", "bron " + OngeldigeInvoer.citaat(source) + " is geen escalatiebron (verwacht " + SOURCE + ")");
        }
        String type = tekst(envelope, "detail-type", "event");
        Antwoordsoort soort = Antwoordsoort.vanDetailType(type).orElseThrow(() -> new OngeldigeInvoer("detail-type",
                "onbekend antwoord " + OngeldigeInvoer.citaat(type) + "; bekend zijn " + String.join(", ", DETAIL_TYPES)));
        JsonNode detail = envelope.get("detail");
        if (detail == null || !detail.isObject()) {
            throw new OngeldigeInvoer("detail", "detail ontbreekt of is geen JSON-object");
        }
        String escalatie = tekst(detail, "escalatie", "detail");
        if (!Escalatie.ID.matcher(escalatie).matches()) {
            throw new OngeldigeInvoer("escalatie", OngeldigeInvoer.citaat(escalatie) + " is geen escalatie-id (zoals in de melding, bijv. termijnoverschrijding:GM0363:Z-2026-001)");
        }
        JsonNode n = detail.get("niveau");
        if (n == null || n.isNull()) {
            throw new OngeldigeInvoer("niveau", "veld 'niveau' ontbreekt in detail: het niveau dat antwoordt");
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 1 || n.intValue() > 99) {
            throw new OngeldigeInvoer("niveau", "niveau moet een geheel getal van 1 tot en met 99 zijn, niet " + OngeldigeInvoer.citaat(n.asText()));
        }
        LocalDate datum = Datums.invoer("datum", tekst(detail, "datum", "detail"));
        if (datum.isAfter(vandaag)) {
            throw new OngeldigeInvoer("datum", "datum " + datum + " ligt na vandaag (" + vandaag + ")");
        }
        JsonNode t = detail.get("toelichting");
        if (t != null && !t.isNull() && !t.isTextual()) {
            throw new OngeldigeInvoer("toelichting", "toelichting moet tekst zijn");
        }
        String toelichting = t == null || t.isNull() ? null : Vrijetekst.schoon(t.textValue());
        return new Antwoord(escalatie, new Escalatie.Antwoord(id, soort, n.intValue(), datum, toelichting));
    }

    private static String tekst(JsonNode node, String veld, String waar) {
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

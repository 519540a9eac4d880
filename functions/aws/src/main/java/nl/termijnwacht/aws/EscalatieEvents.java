package nl.termijnwacht.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
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

    /** A checked reply to item {@code escalatie}. */
    public record Antwoord(String escalatie, Escalatie.Antwoord antwoord) {
    }

    /** @throws OngeldigeInvoer naming the field and the problem */
    public static Antwoord lees(JsonNode envelope, LocalDate vandaag) {
        Envelop e = Envelop.lees(envelope, SOURCE, "escalatiebron", DETAIL_TYPES, "antwoord");
        String id = e.id();
        Antwoordsoort soort = Antwoordsoort.vanDetailType(e.detailType()).orElseThrow();
        JsonNode detail = e.detail();
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
        // who answers: the account EventBridge itself filled in, never a value of the detail
        String account = envelope.path("account").textValue();
        String door = "bus:" + (account != null && account.matches("\\d{12}") ? account : "onbekend");
        return new Antwoord(escalatie, new Escalatie.Antwoord(id, soort, n.intValue(), datum, toelichting, door, null));
    }

    private static String tekst(JsonNode node, String veld, String waar) {
        return Envelop.tekst(node, veld, waar);
    }
}

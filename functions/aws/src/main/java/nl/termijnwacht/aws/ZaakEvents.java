package nl.termijnwacht.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import nl.termijnwacht.core.Datums;
import nl.termijnwacht.core.Feit;
import nl.termijnwacht.core.OngeldigeInvoer;
import nl.termijnwacht.core.Procedure;
import nl.termijnwacht.core.Verlenging;
import nl.termijnwacht.core.Zaakdossier;

/**
 * The one place that reads and writes case events (DESIGN.md §7): an EventBridge envelope in, a
 * checked {@link Feit} out, and back to the detail JSON a fact is stored as. Only the fields the
 * law needs are kept, so anything else an event carries (personal data included) is never stored.
 */
public final class ZaakEvents {

    public static final String SOURCE = "termijnwacht.zaken";
    public static final Set<String> DETAIL_TYPES = Set.of("AanvraagOntvangen", "AanvullingGevraagd", "AanvullingOntvangen",
            "OpschortingMetInstemming", "TermijnVerlengd", "IngebrekestellingOntvangen", "BesluitBekendgemaakt", "AanvraagIngetrokken");
    private static final int MAX_ID = 128;

    private final ObjectMapper json;

    public ZaakEvents(ObjectMapper json) {
        this.json = json;
    }

    /** A checked case event. */
    public record ZaakEvent(String gemeente, String zaak, Feit feit) {
    }

    /** @throws OngeldigeInvoer naming the field and the problem */
    public ZaakEvent lees(JsonNode envelope) {
        if (envelope == null || !envelope.isObject()) {
            throw new OngeldigeInvoer("event", "geen EventBridge-event (verwacht een JSON-object)");
        }
        String id = tekst(envelope, "id", "event");
        if (id.length() > MAX_ID) {
            throw new OngeldigeInvoer("id", "event-id langer dan " + MAX_ID + " tekens");
        }
        String source = tekst(envelope, "source", "event");
        if (!SOURCE.equals(source)) {
            throw new OngeldigeInvoer("source", "bron '" + source + "' is geen zaakbron (verwacht " + SOURCE + ")");
        }
        String soort = tekst(envelope, "detail-type", "event");
        JsonNode detail = envelope.get("detail");
        if (detail == null || !detail.isObject()) {
            throw new OngeldigeInvoer("detail", "detail ontbreekt of is geen JSON-object");
        }
        String gemeente = tekst(detail, "gemeente", "detail");
        String zaak = tekst(detail, "zaak", "detail");
        Zaakdossier.leeg(gemeente, zaak); // checks the gemeente code and the zaak reference
        return new ZaakEvent(gemeente, zaak, feit(soort, id, detail));
    }

    /** A fact from its detail-type and detail; used for incoming events and for stored facts alike. */
    public Feit feit(String soort, String id, JsonNode detail) {
        return switch (soort) {
            case "AanvraagOntvangen" -> new Feit.AanvraagOntvangen(id, procedure(detail), datum(detail, "ontvangen"));
            case "AanvullingGevraagd" -> {
                LocalDate datum = datum(detail, "datum");
                LocalDate voor = optioneleDatum(detail, "aanvullenVoor");
                if (voor != null && voor.isBefore(datum)) {
                    throw new OngeldigeInvoer("aanvullenVoor", "aanvullenVoor " + voor + " ligt vóór het verzoek (" + datum + ")");
                }
                yield new Feit.AanvullingGevraagd(id, datum, voor);
            }
            case "AanvullingOntvangen" -> new Feit.AanvullingOntvangen(id, datum(detail, "datum"));
            case "OpschortingMetInstemming" -> new Feit.OpschortingMetInstemming(id, datum(detail, "datum"), dagen(detail));
            case "TermijnVerlengd" -> {
                Verlenging v = Verlenging.van(tekst(detail, "duur", "detail"), datum(detail, "bekendgemaakt"));
                if (v.dagen() > Verlenging.MAXIMUM_DAGEN) {
                    throw new OngeldigeInvoer("duur", "verlenging van " + v.dagen() + " dagen is langer dan de toegestane 6 weken (42 dagen)");
                }
                yield new Feit.TermijnVerlengd(id, v);
            }
            case "IngebrekestellingOntvangen" -> new Feit.IngebrekestellingOntvangen(id, datum(detail, "datum"));
            case "BesluitBekendgemaakt" -> new Feit.BesluitBekendgemaakt(id, datum(detail, "datum"));
            case "AanvraagIngetrokken" -> new Feit.AanvraagIngetrokken(id, datum(detail, "datum"));
            default -> throw new OngeldigeInvoer("detail-type", "onbekend type '" + soort + "'; bekend zijn " + String.join(", ", DETAIL_TYPES.stream().sorted().toList()));
        };
    }

    /** The detail a fact is stored as: exactly the fields {@link #feit} reads back. */
    public ObjectNode detail(Feit feit) {
        ObjectNode d = json.createObjectNode();
        switch (feit) {
            case Feit.AanvraagOntvangen o -> d.put("procedure", o.procedure().code()).put("ontvangen", o.datum().toString());
            case Feit.AanvullingGevraagd g -> {
                d.put("datum", g.datum().toString());
                if (g.aanvullenVoor() != null) {
                    d.put("aanvullenVoor", g.aanvullenVoor().toString());
                }
            }
            case Feit.AanvullingOntvangen o -> d.put("datum", o.datum().toString());
            case Feit.OpschortingMetInstemming i -> d.put("datum", i.datum().toString()).put("dagen", i.dagen());
            case Feit.TermijnVerlengd v -> d.put("duur", "P" + v.verlenging().dagen() + "D").put("bekendgemaakt", v.verlenging().bekendgemaakt().toString());
            case Feit.IngebrekestellingOntvangen i -> d.put("datum", i.datum().toString());
            case Feit.BesluitBekendgemaakt b -> d.put("datum", b.datum().toString());
            case Feit.AanvraagIngetrokken i -> d.put("datum", i.datum().toString());
        }
        return d;
    }

    private static Procedure procedure(JsonNode detail) {
        return Procedure.vanCode(tekst(detail, "procedure", "detail"));
    }

    private static int dagen(JsonNode detail) {
        JsonNode n = detail.get("dagen");
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() < 1 || n.intValue() > 366) {
            throw new OngeldigeInvoer("dagen", "dagen moet een geheel getal van 1 tot en met 366 zijn");
        }
        return n.intValue();
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

    private static LocalDate datum(JsonNode detail, String veld) {
        String waarde = tekst(detail, veld, "detail");
        try {
            return Datums.parse(waarde);
        } catch (DateTimeParseException e) {
            throw new OngeldigeInvoer(veld, "'" + waarde + "' is geen bestaande datum (verwacht JJJJ-MM-DD)");
        }
    }

    private static LocalDate optioneleDatum(JsonNode detail, String veld) {
        JsonNode n = detail.get(veld);
        return n == null || n.isNull() ? null : datum(detail, veld);
    }
}

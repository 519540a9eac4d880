package nl.termijnwacht.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import nl.termijnwacht.core.Datums;
import nl.termijnwacht.core.Feit;
import nl.termijnwacht.core.Feitsoort;
import nl.termijnwacht.core.OngeldigeInvoer;
import nl.termijnwacht.core.Procedure;
import nl.termijnwacht.core.Verlenging;
import nl.termijnwacht.core.Zaakdossier;

/**
 * The one place that reads case events (docs/architectuur.md): an EventBridge envelope in, a checked
 * {@link Feit} out, and back to the detail JSON of an event. Only the fields the law needs are kept,
 * so anything else an event carries (personal data included) is never stored. Reasons quote at most a
 * short, cleaned excerpt of a value ({@link OngeldigeInvoer#citaat}).
 */
public final class ZaakEvents {

    public static final String SOURCE = "termijnwacht.zaken";
    /** The detail-types the bus rule admits: derived from {@link Feitsoort}, like the parser and the stored form. */
    public static final List<String> DETAIL_TYPES = Feitsoort.detailTypes();
    /** EventBridge's limit for one event; anything larger is refused by size before it is read. */
    public static final int MAX_EVENT_BYTES = Eventinvoer.MAX_EVENT_BYTES;
    /** The shape of an id EventBridge assigns: only such an id may appear in a log line. */

    private final ObjectMapper json;

    public ZaakEvents(ObjectMapper json) {
        this.json = json;
    }

    /** A checked case event. */
    public record ZaakEvent(String gemeente, String zaak, Feit feit) {
    }

    /**
     * @param vandaag the day the event is processed: no fact may lie after it (docs/termijnregels.md, "Grenzen")
     * @throws OngeldigeInvoer naming the field and the problem
     */
    public ZaakEvent lees(JsonNode envelope, LocalDate vandaag) {
        Envelop e = Envelop.lees(envelope, SOURCE, "zaakbron", DETAIL_TYPES, "type");
        String id = e.id();
        Feitsoort soort = Feitsoort.vanDetailType(e.detailType()).orElseThrow();
        JsonNode detail = e.detail();
        String gemeente = tekst(detail, "gemeente", "detail");
        String zaak = tekst(detail, "zaak", "detail");
        Zaakdossier.toetsSleutel(gemeente, zaak);
        Feit feit = feit(soort, id, detail);
        feit.toetsMelding(vandaag);
        return new ZaakEvent(gemeente, zaak, feit);
    }

    private static Feit feit(Feitsoort soort, String id, JsonNode detail) {
        return switch (soort) {
            case AANVRAAG_ONTVANGEN -> new Feit.AanvraagOntvangen(id, procedure(detail), datum(detail, "ontvangen"));
            case AANVULLING_GEVRAAGD -> new Feit.AanvullingGevraagd(id, datum(detail, "datum"), optioneleDatum(detail, "aanvullenVoor"));
            case AANVULLING_ONTVANGEN -> new Feit.AanvullingOntvangen(id, datum(detail, "datum"));
            case OPSCHORTING_MET_INSTEMMING -> new Feit.OpschortingMetInstemming(id, datum(detail, "datum"), dagen(detail));
            case TERMIJN_VERLENGD -> new Feit.TermijnVerlengd(id, Verlenging.van(tekst(detail, "duur", "detail"), datum(detail, "bekendgemaakt")));
            case INGEBREKESTELLING_ONTVANGEN -> new Feit.IngebrekestellingOntvangen(id, datum(detail, "datum"));
            case BESLUIT_BEKENDGEMAAKT -> new Feit.BesluitBekendgemaakt(id, datum(detail, "datum"));
            case AANVRAAG_INGETROKKEN -> new Feit.AanvraagIngetrokken(id, datum(detail, "datum"));
        };
    }

    /** The detail of the event that told {@code feit}: exactly the fields the parser reads. */
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
            case Feit.OpschortingMetInstemming i -> d.put("datum", i.datum().toString()).put("dagen", i.dagen());
            case Feit.TermijnVerlengd v -> d.put("duur", "P" + v.verlenging().dagen() + "D").put("bekendgemaakt", v.verlenging().bekendgemaakt().toString());
            default -> d.put("datum", feit.datum().toString());
        }
        return d;
    }

    private static Procedure procedure(JsonNode detail) {
        return Procedure.vanCode(tekst(detail, "procedure", "detail"));
    }

    private static int dagen(JsonNode detail) {
        JsonNode n = detail.get("dagen");
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new OngeldigeInvoer("dagen", "dagen moet een geheel getal zijn");
        }
        // the bound itself is the fact's own rule (Feit.toetsMelding); a long never overflows into it
        long dagen = n.longValue();
        return dagen < Integer.MIN_VALUE || dagen > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) dagen;
    }

    private static String tekst(JsonNode node, String veld, String waar) {
        return Envelop.tekst(node, veld, waar);
    }

    private static LocalDate datum(JsonNode detail, String veld) {
        return Datums.invoer(veld, tekst(detail, veld, "detail"));
    }

    private static LocalDate optioneleDatum(JsonNode detail, String veld) {
        JsonNode n = detail.get(veld);
        return n == null || n.isNull() ? null : datum(detail, veld);
    }
}

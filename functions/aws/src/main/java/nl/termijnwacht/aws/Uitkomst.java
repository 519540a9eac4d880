package nl.termijnwacht.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import nl.termijnwacht.core.OngeldigeInvoer;

/**
 * What an event function did with one event: the function's answer, its log line and its metric
 * ({@link Metrieken#event}).
 *
 * @param veld       the field that was wrong, when rejected
 * @param reden      why it was rejected (may quote the event's values: for the sender, never for the log)
 * @param kenmerken  what the log may carry of an accepted event: keys that passed the reference rules (a gemeente
 *                   code, a zaak reference, an escalation id), never free text
 */
public record Uitkomst(Resultaat resultaat, String veld, String reden, Map<String, String> kenmerken) {

    public enum Resultaat { VERWERKT, AL_VERWERKT, AFGEWEZEN }

    public Uitkomst {
        kenmerken = Map.copyOf(kenmerken);
    }

    public static Uitkomst verwerkt(Map<String, String> kenmerken) {
        return new Uitkomst(Resultaat.VERWERKT, null, null, kenmerken);
    }

    /** The same event (or fact) came before: nothing changed. */
    public static Uitkomst alVerwerkt(Map<String, String> kenmerken) {
        return new Uitkomst(Resultaat.AL_VERWERKT, null, null, kenmerken);
    }

    public static Uitkomst afgewezen(OngeldigeInvoer fout) {
        return new Uitkomst(Resultaat.AFGEWEZEN, fout.veld(), fout.veld() + ": " + fout.reden(), Map.of());
    }

    /** What the function answers its caller: {@code {"resultaat": …, "reden": …}}. */
    public ObjectNode uitvoer(ObjectMapper json) {
        return json.createObjectNode().put("resultaat", resultaat.name()).put("reden", reden);
    }
}

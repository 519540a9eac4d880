package nl.termijnwacht.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One log line per run or event in CloudWatch embedded metric format (EMF): a JSON object that is the structured
 * log record (its fields are searchable in Logs Insights) and, through {@code _aws.CloudWatchMetrics}, the counts
 * CloudWatch turns into metrics (namespace {@value #NAMESPACE}, dimension {@value #DIMENSIE} = the function) —
 * no PutMetricData call, so no permission and no latency. The fields are the caller's: keys and counts only,
 * never a value from an event (docs/architectuur.md, "Reasons and logs"; docs/runbook.md).
 *
 * <p>Write the line with {@code context.getLogger().log(byte[])}: the runtime leaves bytes as they are, while
 * {@code log(String)} with the functions' {@code LogFormat: JSON} wraps the text in a {@code message} string,
 * and CloudWatch extracts metrics only from a top-level {@code _aws}.
 */
public final class Metrieken {

    public static final String NAMESPACE = "Termijnwacht";
    public static final String DIMENSIE = "Functie";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Metrieken() {
    }

    /** The EMF object: {@code velden} plus the function, each count as a metric (unit Count), at {@code tijd}. */
    public static ObjectNode regel(String functie, Instant tijd, Map<String, Long> tellingen, ObjectNode velden) {
        ObjectNode regel = JSON.createObjectNode();
        ObjectNode aws = regel.putObject("_aws").put("Timestamp", tijd.toEpochMilli());
        ObjectNode directief = aws.putArray("CloudWatchMetrics").addObject().put("Namespace", NAMESPACE);
        directief.putArray("Dimensions").addArray().add(DIMENSIE);
        ArrayNode metrieken = directief.putArray("Metrics");
        regel.put(DIMENSIE, functie);
        tellingen.forEach((naam, waarde) -> {
            metrieken.addObject().put("Name", naam).put("Unit", "Count");
            regel.put(naam, waarde);
        });
        if (velden != null) {
            velden.fields().forEachRemaining(v -> {
                if (!regel.has(v.getKey())) {
                    regel.set(v.getKey(), v.getValue());
                }
            });
        }
        return regel;
    }

    /**
     * A scanner run (DueScan.Verslag): {@code Due} items found, {@code Verzonden}, {@code Overgeslagen} (SENT
     * already or claimed by another run), {@code Mislukt} (notifications released to the next run), {@code Fouten}
     * (items, shard queries and batches that failed) and {@code GeslaagdeRun} (1 for a run without errors: the
     * "scanner stopped" alarm counts these).
     */
    public static ObjectNode run(String functie, Instant tijd, DueScan.Verslag v, ObjectNode velden) {
        Map<String, Long> t = new LinkedHashMap<>();
        t.put("Due", (long) v.bekeken());
        t.put("Verzonden", (long) v.verzonden());
        t.put("Overgeslagen", (long) v.alVerzonden() + v.bezet());
        t.put("Mislukt", (long) v.mislukt());
        t.put("Fouten", (long) v.itemFouten().size() + v.overig().size());
        t.put("GeslaagdeRun", v.geslaagd() ? 1L : 0L);
        return regel(functie, tijd, t, velden);
    }

    /** One event: {@code Verwerkt}, {@code Overgeslagen} (AL_VERWERKT) or {@code Afgewezen}, the others 0. */
    public static ObjectNode event(String functie, Instant tijd, Uitkomst.Resultaat resultaat, ObjectNode velden) {
        Map<String, Long> t = new LinkedHashMap<>();
        t.put("Verwerkt", resultaat == Uitkomst.Resultaat.VERWERKT ? 1L : 0L);
        t.put("Overgeslagen", resultaat == Uitkomst.Resultaat.AL_VERWERKT ? 1L : 0L);
        t.put("Afgewezen", resultaat == Uitkomst.Resultaat.AFGEWEZEN ? 1L : 0L);
        return regel(functie, tijd, t, velden);
    }

    /** The line as the runtime's logger takes it unchanged: UTF-8, one line, ending in a newline. */
    public static byte[] bytes(ObjectNode regel) {
        return (regel.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    }
}

package nl.termijnwacht.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.function.Consumer;

/** What a scanner answers after a {@link DueScan} run, the same for every scanner: its output, its log line, and failing when something was left. */
public final class Scanverslag {

    private Scanverslag() {
    }

    /**
     * The run's output (counts and the items that failed) as JSON bytes; with {@code log} (null outside Lambda) also
     * the one JSON log line that carries the counts as EMF metrics, GeslaagdeRun included (docs/runbook.md).
     *
     * @param items what the scanner looks at, e.g. {@code zaken} (fields {@code zakenBekeken}, {@code zaakFouten})
     * @param item  one of them, e.g. {@code zaak}
     */
    public static byte[] uitvoer(String functie, String items, String item, DueScan.Verslag v, Instant nu, ObjectMapper json, Consumer<byte[]> log) {
        ObjectNode verslag = json.createObjectNode()
                .put(items + "Bekeken", v.bekeken())
                .put("verzonden", v.verzonden())
                .put("alVerzonden", v.alVerzonden())
                .put("bezet", v.bezet())
                .put("mislukt", v.mislukt());
        v.itemFouten().forEach(verslag.putArray(item + "Fouten")::add);
        v.overig().forEach(verslag.putArray("overigeFouten")::add);
        if (log != null) {
            log.accept(Metrieken.bytes(Metrieken.run(functie, nu, v, verslag)));
        }
        try {
            return json.writeValueAsBytes(verslag);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The others were handled; failing the run makes the Errors alarm tell a beheerder about what was left. */
    public static void faalBijFouten(String items, DueScan.Verslag v) {
        if (!v.geslaagd()) {
            throw new IllegalStateException(v.itemFouten().size() + " " + items + " konden niet worden verwerkt: " + v.itemFouten()
                    + (v.overig().isEmpty() ? "" : "; overige fouten: " + v.overig()));
        }
    }
}

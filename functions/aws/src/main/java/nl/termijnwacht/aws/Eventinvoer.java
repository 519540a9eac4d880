package nl.termijnwacht.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import nl.termijnwacht.core.OngeldigeInvoer;

/**
 * An event as a handler receives it: read with EventBridge's size limit first, then as JSON. What cannot be
 * read is kept as raw text, so its rejection loses nothing. Shared by every event-driven function.
 *
 * @param event the JSON, or null when {@code fout} says why it could not be read
 * @param ruw   the raw text when it could not be read
 */
public record Eventinvoer(JsonNode event, OngeldigeInvoer fout, String ruw) {

    /** EventBridge's limit for one event; anything larger is refused by size before it is read. */
    public static final int MAX_EVENT_BYTES = 256 * 1024;

    public static Eventinvoer lees(InputStream input, ObjectMapper json) throws IOException {
        byte[] bytes = input.readNBytes(MAX_EVENT_BYTES + 1);
        if (bytes.length > MAX_EVENT_BYTES) {
            byte[] rest = input.readAllBytes(); // kept whole for the rejection, never parsed
            byte[] alles = java.util.Arrays.copyOf(bytes, bytes.length + rest.length);
            System.arraycopy(rest, 0, alles, bytes.length, rest.length);
            return new Eventinvoer(null, new OngeldigeInvoer("event", "event van " + alles.length + " bytes is groter dan EventBridge toestaat ("
                    + MAX_EVENT_BYTES + " bytes)"), new String(alles, StandardCharsets.UTF_8));
        }
        try {
            return new Eventinvoer(json.readTree(bytes), null, null);
        } catch (JsonProcessingException e) {
            var plek = e.getLocation();
            return new Eventinvoer(null, new OngeldigeInvoer("event", "geen geldige JSON"
                    + (plek == null ? "" : " (regel " + plek.getLineNr() + ", kolom " + plek.getColumnNr() + ")")), new String(bytes, StandardCharsets.UTF_8));
        }
    }
}

package nl.termijnwacht.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A function behind a Lambda Function URL (payload format 2.0): it answers HTTP requests with a page. The kit owns
 * reading the request within a bounded size, form and query decoding, the answer's shape, and the one log line,
 * which carries method, status and duration only: a query string or form may hold a signed token or free text,
 * and neither is ever logged. The function adds only {@link #behandel}.
 */
public abstract non-sealed class UrlFunctie extends Functie {

    /** A page's form is small; anything larger is refused before it is read into memory. */
    public static final int MAX_VERZOEK = 64 * 1024;

    /** One request: lower-case header names, decoded query and form fields (the first of a repeated name). */
    public record Verzoek(String methode, String pad, Map<String, String> query, Map<String, String> headers, Map<String, String> formulier) {
        public String header(String naam) {
            return headers.get(naam.toLowerCase(Locale.ROOT));
        }
    }

    public record Antwoord(int status, Map<String, String> headers, String body) {
    }

    protected UrlFunctie(String naam, AwsClients aws, Clock klok, List<Priming.Stap> priming) {
        super(naam, aws, klok, priming);
    }

    protected abstract Antwoord behandel(Verzoek verzoek, Instant nu);

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Instant start = klok().instant();
        byte[] ruw = input.readNBytes(MAX_VERZOEK + 1);
        Antwoord a;
        if (ruw.length > MAX_VERZOEK) {
            a = new Antwoord(413, Map.of("Content-Type", "text/plain; charset=utf-8"), "Verzoek te groot.");
        } else {
            Verzoek v;
            try {
                v = lees(JSON.readTree(ruw));
            } catch (IOException | IllegalArgumentException e) {
                v = null;
            }
            a = v == null ? new Antwoord(400, Map.of("Content-Type", "text/plain; charset=utf-8"), "Onleesbaar verzoek.") : behandel(v, start);
        }
        if (context != null) {
            ObjectNode velden = JSON.createObjectNode().put("status", a.status()).put("ms", klok().millis() - start.toEpochMilli());
            context.getLogger().log(Metrieken.bytes(Metrieken.regel(naam(), klok().instant(), Map.of("Verzoeken", 1L), velden)));
        }
        ObjectNode uit = JSON.createObjectNode().put("statusCode", a.status());
        ObjectNode headers = uit.putObject("headers");
        a.headers().forEach(headers::put);
        uit.put("body", a.body()).put("isBase64Encoded", false);
        output.write(JSON.writeValueAsBytes(uit));
    }

    /** @throws IllegalArgumentException when the event is not a Function URL request */
    static Verzoek lees(JsonNode event) {
        String methode = event.path("requestContext").path("http").path("method").asText("");
        if (methode.isEmpty()) {
            throw new IllegalArgumentException("geen Function URL-verzoek");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        event.path("headers").properties().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().asText()));
        String body = event.path("body").asText("");
        if (event.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        String type = headers.getOrDefault("content-type", "");
        Map<String, String> formulier = type.startsWith("application/x-www-form-urlencoded") ? velden(body) : Map.of();
        return new Verzoek(methode.toUpperCase(Locale.ROOT), event.path("rawPath").asText("/"), velden(event.path("rawQueryString").asText("")),
                headers, formulier);
    }

    /** {@code a=1&b=x%20y}: decoded, the first of a repeated name kept. */
    static Map<String, String> velden(String tekst) {
        Map<String, String> v = new LinkedHashMap<>();
        if (tekst == null || tekst.isEmpty()) {
            return v;
        }
        for (String paar : tekst.split("&")) {
            int is = paar.indexOf('=');
            String naam = URLDecoder.decode(is < 0 ? paar : paar.substring(0, is), StandardCharsets.UTF_8);
            String waarde = is < 0 ? "" : URLDecoder.decode(paar.substring(is + 1), StandardCharsets.UTF_8);
            v.putIfAbsent(naam, waarde);
        }
        return v;
    }
}

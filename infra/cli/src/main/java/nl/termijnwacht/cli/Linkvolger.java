package nl.termijnwacht.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's bestuurder: takes the answer link from the latest notice its level got about an item, opens it (GET, which
 * only shows) and gives the answer with the page's form (POST), over HTTP against {@link Urlserver}, as a browser would.
 */
final class Linkvolger {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BERICHT = Pattern.compile("<p class=\"(klaar|fout)\"[^>]*>(.*?)</p>", Pattern.DOTALL);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param link {@code {escalatie, niveau, antwoord, toelichting}} */
    JsonNode volg(JsonNode link, List<ObjectNode> meldingen) {
        String escalatie = link.path("escalatie").asText();
        int niveau = link.path("niveau").asInt();
        String antwoord = link.path("antwoord").asText();
        String url = null;
        for (ObjectNode m : meldingen.stream().sorted(java.util.Comparator.comparing(m -> m.path("aangemaakt").asText())).toList()) {
            if (m.path("escalatie").asText().equals(escalatie) && m.path("niveau").asInt() == niveau) {
                for (JsonNode a : m.path("antwoorden")) {
                    if (a.path("antwoord").asText().equals(antwoord)) {
                        url = a.path("url").asText();
                    }
                }
            }
        }
        ObjectNode uit = JSON.createObjectNode();
        ArrayNode stappen = uit.putArray("stappen");
        if (url == null) {
            stappen.add("geen melding met een link voor " + antwoord + " aan niveau " + niveau);
            return uit.put("resultaat", "AFGEWEZEN");
        }
        try {
            HttpResponse<String> open = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
            stappen.add("GET " + url + " → " + open.statusCode() + (open.body().contains("<form method=\"post\">") ? " (pagina met formulier; openen doet niets)" : ""));
            String token = url.substring(url.indexOf("?t=") + 3, url.indexOf('&', url.indexOf("?t=")));
            String formulier = "t=" + token + "&antwoord=" + enc(antwoord) + "&toelichting=" + enc(link.path("toelichting").asText(""));
            HttpResponse<String> geef = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(formulier)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = BERICHT.matcher(geef.body());
            boolean gevonden = m.find();
            boolean gelukt = gevonden && m.group(1).equals("klaar");
            stappen.add("POST antwoord=" + antwoord + " → " + geef.statusCode() + (gevonden ? ": " + tekst(m.group(2)) : ""));
            return uit.put("resultaat", gelukt ? "VERWERKT" : "AFGEWEZEN");
        } catch (IOException e) {
            stappen.add("de pagina antwoordde niet: " + e.getMessage());
            return uit.put("resultaat", "AFGEWEZEN");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The page's message as text: its entities back to characters (the OWASP encoder writes a few numeric ones). */
    private static String tekst(String html) {
        return html.replace("&#39;", "'").replace("&#34;", "\"").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}

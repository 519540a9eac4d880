package nl.termijnwacht.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import nl.termijnwacht.local.Functiecatalogus;

/**
 * What {@code termijnwacht serve} runs (like {@code sam local start-api}): each Function URL function of template.yaml at
 * {@code http://127.0.0.1:PORT/<function name>/}, every request turned into Lambda's Function URL event (payload
 * format 2.0) and run in this process against the local stack; its answer becomes the HTTP response. Loopback only.
 */
final class Urlserver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** As Lambda's Function URL: a larger body is refused before it reaches the function. */
    private static final int MAX_BODY = 6 * 1024 * 1024;

    private final HttpServer server;

    /** @param klok the instant each request runs at (the real time, or a simulated one) */
    Urlserver(Functies functies, int poort, Supplier<Instant> klok) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), poort), 0);
        for (Functiecatalogus.Functie f : functies()) {
            server.createContext("/" + f.naam() + "/", x -> behandel(x, f.naam(), functies, klok));
        }
        server.start();
    }

    static List<Functiecatalogus.Functie> functies() {
        return Functies.CATALOGUS.functies().stream().filter(Functiecatalogus.Functie::functionUrl).toList();
    }

    int poort() {
        return server.getAddress().getPort();
    }

    private static void behandel(HttpExchange x, String functie, Functies functies, Supplier<Instant> klok) throws IOException {
        try (x) {
            byte[] body;
            try (InputStream in = x.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                x.sendResponseHeaders(413, -1);
                return;
            }
            JsonNode antwoord;
            synchronized (functies) { // one invocation at a time, as one Lambda execution environment
                antwoord = functies.invoke(functie, event(x, functie, body).toString(), klok.get());
            }
            antwoord.path("headers").properties().forEach(h -> x.getResponseHeaders().add(h.getKey(), h.getValue().asText()));
            byte[] uit = antwoord.path("body").asText("").getBytes(StandardCharsets.UTF_8);
            int status = antwoord.path("statusCode").asInt(200);
            x.sendResponseHeaders(status, uit.length == 0 ? -1 : uit.length);
            if (uit.length > 0) {
                try (OutputStream out = x.getResponseBody()) {
                    out.write(uit);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("serve: " + functie + " faalde: " + e);
        }
    }

    /** The Function URL event (payload format 2.0) of this request, as Lambda builds it. */
    static ObjectNode event(HttpExchange x, String functie, byte[] body) {
        String pad = x.getRequestURI().getRawPath().substring(functie.length() + 1);
        String query = x.getRequestURI().getRawQuery();
        ObjectNode e = JSON.createObjectNode().put("version", "2.0").put("routeKey", "$default").put("rawPath", pad.isEmpty() ? "/" : pad)
                .put("rawQueryString", query == null ? "" : query);
        ObjectNode headers = e.putObject("headers");
        for (Map.Entry<String, List<String>> h : x.getRequestHeaders().entrySet()) {
            headers.put(h.getKey().toLowerCase(), String.join(",", h.getValue()));
        }
        ObjectNode http = e.putObject("requestContext").put("accountId", "anonymous").put("domainName", x.getRequestHeaders().getFirst("Host"))
                .putObject("http");
        http.put("method", x.getRequestMethod()).put("path", pad).put("protocol", "HTTP/1.1").put("sourceIp", x.getRemoteAddress().getAddress().getHostAddress())
                .put("userAgent", x.getRequestHeaders().getFirst("User-Agent"));
        if (body.length > 0) {
            e.put("body", new String(body, StandardCharsets.UTF_8)).put("isBase64Encoded", false);
        }
        return e;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

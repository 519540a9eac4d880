package nl.termijnwacht.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fault-injecting HTTP proxy in front of an AWS-protocol emulator, for the fault suite: the functions'
 * clients talk to {@link #uri()}, and a seeded share of their requests meets a fault instead of (or after)
 * the emulator. Only loopback: it listens on 127.0.0.1 and forwards to the emulator it was given.
 *
 * <p>Faults, drawn evenly: a 500, a 503, a throttling answer (as the service would give it), a dropped
 * connection, and a request that is forwarded — so the emulator carries it out — and then answered with a
 * 500, the case that makes a retry ambiguous.
 */
public final class Storingsproxy implements AutoCloseable {

    public enum Storing { FOUT_500, FOUT_503, THROTTLING, VERBROKEN, NA_DOORSTUREN }

    /** One request as the proxy sees it: the service (from the signature) and the operation. */
    public record Verzoek(String dienst, String operatie) {
    }

    private static final Pattern DIENST = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request");
    private static final Pattern ACTIE = Pattern.compile("(?:^|&)Action=([A-Za-z]+)");
    private static final Set<String> NIET_DOORGEVEN = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings");

    private final HttpServer server;
    private final URI doel;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Random kans;
    private final Predicate<Verzoek> storen;
    private volatile double storingskans;
    private final Map<Storing, AtomicLong> tellingen = new EnumMap<>(Storing.class);
    private final AtomicLong verzoeken = new AtomicLong();
    private final Map<String, AtomicLong> perOperatie = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<java.util.function.Consumer<Verzoek>> waarnemers = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Storingsproxy(URI doel, double storingskans, long zaad, Predicate<Verzoek> storen) throws IOException {
        this.doel = doel;
        this.storingskans = storingskans;
        this.kans = new Random(zaad);
        this.storen = storen;
        for (Storing s : Storing.values()) {
            tellingen.put(s, new AtomicLong());
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::behandel);
        server.start();
    }

    /**
     * @param storingskans share of the selected requests that meets a fault (0.05 = 5 %)
     * @param zaad         seed: the same run meets the same faults
     * @param storen       which requests may be disturbed (e.g. only SNS)
     */
    public static Storingsproxy start(URI doel, double storingskans, long zaad, Predicate<Verzoek> storen) {
        try {
            return new Storingsproxy(doel, storingskans, zaad, storen);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Changes the fault rate, e.g. to 0 for the run that checks the outcome. */
    public void zetStoringskans(double kans) {
        this.storingskans = kans;
    }

    /** Called for each request before it is forwarded (a test kills the scanner after the n-th publish). */
    public void bijVerzoek(java.util.function.Consumer<Verzoek> waarnemer) {
        waarnemers.add(waarnemer);
    }

    public long aantal(Storing storing) {
        return tellingen.get(storing).get();
    }

    public long verzoeken() {
        return verzoeken.get();
    }

    /** Faults of one kind injected into one operation, e.g. {@code aantal("PublishBatch", NA_DOORSTUREN)}. */
    public long aantal(String operatie, Storing storing) {
        AtomicLong n = perOperatie.get(operatie + ":" + storing);
        return n == null ? 0 : n.get();
    }

    /** Faults injected so far, per kind. */
    public Map<Storing, Long> tellingen() {
        Map<Storing, Long> uit = new EnumMap<>(Storing.class);
        tellingen.forEach((k, v) -> uit.put(k, v.get()));
        return uit;
    }

    private void behandel(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        Verzoek verzoek = herken(ex, body);
        verzoeken.incrementAndGet();
        waarnemers.forEach(w -> w.accept(verzoek));
        Storing storing = null;
        if (storen.test(verzoek)) {
            synchronized (kans) {
                if (kans.nextDouble() < storingskans) {
                    storing = Storing.values()[kans.nextInt(Storing.values().length)];
                }
            }
        }
        if (storing != null) {
            tellingen.get(storing).incrementAndGet();
            perOperatie.computeIfAbsent(verzoek.operatie() + ":" + storing, k -> new AtomicLong()).incrementAndGet();
        }
        if (storing == Storing.VERBROKEN) {
            // An exception from the handler makes the server close the connection without an answer.
            throw new IOException("storing: verbinding verbroken");
        }
        if (storing == Storing.FOUT_500 || storing == Storing.FOUT_503 || storing == Storing.THROTTLING) {
            antwoordFout(ex, verzoek, storing);
            return;
        }
        HttpResponse<byte[]> antwoord;
        try {
            antwoord = http.send(doorgestuurd(ex, body), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (storing == Storing.NA_DOORSTUREN) {
            antwoordFout(ex, verzoek, Storing.FOUT_500); // carried out, but the caller hears it failed
            return;
        }
        antwoord.headers().map().forEach((naam, waarden) -> {
            if (!NIET_DOORGEVEN.contains(naam.toLowerCase(java.util.Locale.ROOT)) && !naam.startsWith(":")) {
                ex.getResponseHeaders().put(naam, waarden);
            }
        });
        ex.sendResponseHeaders(antwoord.statusCode(), antwoord.body().length == 0 ? -1 : antwoord.body().length);
        if (antwoord.body().length > 0) {
            ex.getResponseBody().write(antwoord.body());
        }
        ex.close();
    }

    private HttpRequest doorgestuurd(HttpExchange ex, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(doel.resolve(ex.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(30))
                .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        ex.getRequestHeaders().forEach((naam, waarden) -> {
            if (!NIET_DOORGEVEN.contains(naam.toLowerCase(java.util.Locale.ROOT))) {
                waarden.forEach(w -> b.header(naam, w));
            }
        });
        return b.build();
    }

    private static Verzoek herken(HttpExchange ex, byte[] body) {
        String autorisatie = ex.getRequestHeaders().getFirst("Authorization");
        Matcher d = DIENST.matcher(autorisatie == null ? "" : autorisatie);
        String dienst = d.find() ? d.group(1) : "?";
        String doelKop = ex.getRequestHeaders().getFirst("X-Amz-Target");
        String operatie;
        if (doelKop != null) {
            operatie = doelKop.substring(doelKop.indexOf('.') + 1);
        } else {
            Matcher a = ACTIE.matcher(new String(body, StandardCharsets.UTF_8));
            operatie = a.find() ? a.group(1) : "?";
        }
        return new Verzoek(dienst, operatie);
    }

    /** The error as the service would give it: JSON for DynamoDB and SQS, XML for SNS (query protocol). */
    private static void antwoordFout(HttpExchange ex, Verzoek verzoek, Storing storing) throws IOException {
        boolean json = ex.getRequestHeaders().getFirst("X-Amz-Target") != null;
        int status = switch (storing) {
            case FOUT_503 -> 503;
            case THROTTLING -> 400;
            default -> 500;
        };
        String code = switch (storing) {
            case FOUT_503 -> "ServiceUnavailable";
            case THROTTLING -> "dynamodb".equals(verzoek.dienst()) ? "ThrottlingException" : "Throttling";
            default -> "InternalFailure";
        };
        byte[] tekst;
        if (json) {
            ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            ex.getResponseHeaders().set("x-amzn-query-error", code + ";Sender");
            tekst = ("{\"__type\":\"" + code + "\",\"message\":\"storing van de storingsproxy\"}").getBytes(StandardCharsets.UTF_8);
        } else {
            ex.getResponseHeaders().set("Content-Type", "text/xml");
            tekst = ("<ErrorResponse><Error><Type>" + (status == 400 ? "Sender" : "Receiver") + "</Type><Code>" + code
                    + "</Code><Message>storing van de storingsproxy</Message></Error><RequestId>storing</RequestId></ErrorResponse>")
                    .getBytes(StandardCharsets.UTF_8);
        }
        ex.sendResponseHeaders(status, tekst.length);
        ex.getResponseBody().write(tekst);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

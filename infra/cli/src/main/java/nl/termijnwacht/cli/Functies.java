package nl.termijnwacht.cli;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.DueIndex;
import nl.termijnwacht.local.Functiecatalogus;
import nl.termijnwacht.local.LokaleStack;
import nl.termijnwacht.local.Simulatieklok;

/**
 * The Lambda functions of template.yaml ({@link Functiecatalogus}), in-process against the local stack at a
 * simulated instant (as {@code sam local invoke} would). Each handler is built through its
 * {@code static bouw(AwsClients, Clock)}, so a new function needs no change here.
 */
final class Functies {

    static final Functiecatalogus CATALOGUS = Functiecatalogus.standaard();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Simulatieklok klok = new Simulatieklok(Instant.now());
    private final Map<String, RequestStreamHandler> handlers = new LinkedHashMap<>();
    private final Map<String, DueIndex> dueIndexen = new LinkedHashMap<>();
    /** The earliest due instant per table, as last read; dropped when a function that writes the table runs. */
    private final Map<String, Optional<Instant>> duePerTabel = new java.util.HashMap<>();

    Functies(LokaleStack stack) {
        AwsClients aws = stack.clients();
        for (Functiecatalogus.Functie f : CATALOGUS.functies()) {
            handlers.put(f.naam(), bouw(f, aws));
            for (String tabel : f.dueTabellen()) {
                dueIndexen.computeIfAbsent(tabel, t -> new DueIndex(aws.dynamoDb(), t, stack.omgeving().dueShards()));
            }
        }
    }

    private RequestStreamHandler bouw(Functiecatalogus.Functie f, AwsClients aws) {
        try {
            return (RequestStreamHandler) Class.forName(f.handlerKlasse()).getMethod("bouw", AwsClients.class, Clock.class).invoke(null, aws, klok);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("functie " + f.naam() + ": " + f.handlerKlasse() + ".bouw(AwsClients, Clock) ontbreekt op het classpath", e);
        }
    }

    static List<String> namen() {
        return CATALOGUS.namen();
    }

    /** The function name if template.yaml declares it. */
    static String controleer(String functie) {
        if (CATALOGUS.functie(functie).isEmpty()) {
            throw new FouteInvoer("FUNCTION", "onbekende functie '" + functie + "'; kies uit " + String.join(", ", namen()));
        }
        return functie;
    }

    /** The function the bus would route {@code event} to, by its {@code source} (template.yaml's rule patterns). */
    String voorEvent(String event) {
        String bron;
        try {
            bron = JSON.readTree(event).path("source").asText();
        } catch (IOException e) {
            throw new FouteInvoer("event", "geen geldige JSON");
        }
        return CATALOGUS.voorBron(bron).orElseThrow(() -> new FouteInvoer("source", "geen functie ontvangt events met source '" + bron + "'")).naam();
    }

    /** Runs one function with {@code event} at {@code nu}; returns what the handler wrote. */
    JsonNode invoke(String functie, String event, Instant nu) {
        klok.zet(nu);
        gewijzigd(controleer(functie)); // also when it fails: it may have written part of its work
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handlers.get(controleer(functie)).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** When a scheduled function has work next in one of its due tables (null: none pending); lets a simulation skip idle steps. */
    Instant eersteDue(Functiecatalogus.Functie functie) {
        Instant eerste = null;
        for (String tabel : functie.dueTabellen()) {
            Instant due = duePerTabel.computeIfAbsent(tabel, t -> Optional.ofNullable(dueIndexen.get(t).eerste())).orElse(null);
            eerste = due != null && (eerste == null || due.isBefore(eerste)) ? due : eerste;
        }
        return eerste;
    }

    /** After {@code functie} ran: the due work of the tables it writes may have changed (the others' cannot). */
    void gewijzigd(String functie) {
        CATALOGUS.functie(functie).orElseThrow().schrijfTabellen().forEach(duePerTabel::remove);
    }
}

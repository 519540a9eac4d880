package nl.termijnwacht.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.termijnwacht.core.Isoweek;
import nl.termijnwacht.functions.stelselrapportage.Rapportarchief;
import nl.termijnwacht.functions.stelselrapportage.Rapportpagina;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Callable;
import nl.termijnwacht.emulator.Emulator;
import nl.termijnwacht.local.LokaleStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code termijnwacht demo}: the whole chain at the smallest real scale — one gemeente, ten zaken,
 * a quarter — on a fresh embedded emulator, printing each notification as the gemeente reads it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Het hele verhaal voor één gemeente en tien zaken over een kwartaal, met de escalatieladder, op een eigen ingebouwde emulator.")
final class DemoCommand implements Callable<Integer> {

    private static final String DRAAIBOEK = "demo/draaiboek.json";
    private static final DateTimeFormatter WANNEER = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu HH:mm", Locale.forLanguageTag("nl-NL"));

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JsonNode demo;
        try (InputStream in = DemoCommand.class.getResourceAsStream(DRAAIBOEK)) {
            demo = new ObjectMapper().readTree(in);
        }
        List<Simulator.Gebeurtenis> draaiboek = new ArrayList<>();
        for (JsonNode g : demo.get("draaiboek")) {
            // an event for the bus, or an answer given by following the link in a notice
            JsonNode wat = g.has("link") ? new ObjectMapper().createObjectNode().set("link", g.get("link")) : g.get("event");
            draaiboek.add(new Simulator.Gebeurtenis(Invoer.moment("draaiboek", g.get("op").asText()), wat.toString(), g.path("toelichting").asText()));
        }
        long start = System.nanoTime();
        // A fresh emulator of its own (or AWS_ENDPOINT_URL), so the demo never touches the state of other commands.
        try (Emulator emulator = Emulator.forTests()) {
            err.println("demo: emulator " + emulator.endpoint() + (emulator.embedded() ? " (ingebouwd, alleen voor deze demo)" : ""));
            // One due-index shard: the demo's emulator is its own and holds ten zaken, and moto answers each shard's
            // query one at a time; sharding spreads writes in DynamoDB, which the tests exercise with the 8 of template.yaml.
            // The answer page on a free port of its own; the links in the demo's notices point there.
            int poort;
            try (java.net.ServerSocket vrij = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                poort = vrij.getLocalPort();
            }
            LokaleStack stack = LokaleStack.op(emulator.endpoint(), Map.of("DUE_SHARDS", "1",
                    "ANTWOORD_URL", "http://127.0.0.1:" + poort + "/escalatie-antwoord/"));
            AtomicReference<Instant> paginaKlok = new AtomicReference<>(Instant.now());
            Linkvolger volger = new Linkvolger();
            try (Urlserver pagina = new Urlserver(new Functies(stack), poort, paginaKlok::get)) {
            out.println("Termijnwacht demo — " + demo.get("beschrijving").asText());
            out.println();
            Map<String, Integer> perSoort = new TreeMap<>();
            // Events and notifications in time order: at one instant the event first, then what it caused.
            record Regel(Instant op, int volgorde, int nr, String tekst) {
            }
            List<Regel> regels = new ArrayList<>();
            List<String> topics = List.of("termijnmeldingen", "escalaties", "regietafel");
            Simulator.Verslag v = new Simulator(stack, err, true).draai(Invoer.moment("van", demo.get("van").asText()),
                    Invoer.moment("tot", demo.get("tot").asText()), Invoer.stap("stap", demo.get("stap").asText()), draaiboek,
                    new Simulator.Waarnemer() {
                        @Override
                        public JsonNode volgLink(Simulator.Gebeurtenis g, List<ObjectNode> meldingen) {
                            paginaKlok.set(g.op());
                            return volger.volg(readTree(g.event()).get("link"), meldingen);
                        }

                        @Override
                        public void event(Simulator.Gebeurtenis g, JsonNode uitkomst) {
                            JsonNode e = readTree(g.event());
                            if (g.link()) {
                                JsonNode l = e.get("link");
                                StringBuilder r = new StringBuilder(String.format("  ▸ %s  %s  %s via de link — %s%s%n", kort(g.op()), l.path("escalatie").asText(),
                                        l.path("antwoord").asText(), g.toelichting(), uitkomst.path("resultaat").asText().equals("VERWERKT") ? "" : "  [" + uitkomst.path("resultaat").asText() + "]"));
                                uitkomst.path("stappen").forEach(st -> r.append("      ↗ ").append(st.asText()).append('\n'));
                                regels.add(new Regel(g.op(), 0, regels.size(), r.toString()));
                                return;
                            }
                            regels.add(new Regel(g.op(), 0, regels.size(), String.format("  ▸ %s  %s  %s — %s%s%n", kort(g.op()), e.at("/detail/zaak").asText(e.at("/detail/escalatie").asText()), e.get("detail-type").asText(),
                                    g.toelichting(), uitkomst.path("resultaat").asText().equals("VERWERKT") ? "" : "  [" + uitkomst.path("resultaat").asText() + "]")));
                        }

                        @Override
                        public void melding(ObjectNode m) {
                            perSoort.merge(m.path("soort").asText(), 1, Integer::sum);
                            String wanneer = wanneer(m.path("aangemaakt").asText());
                            String regel;
                            if (m.path("soort").asText().equals("RAPPORTAGE")) {
                                JsonNode t = m.path("totaal");
                                regel = String.format("  ✉ %s · regietafel · stelselrapportage %s: %d open zaken, %d over de termijn, %d besluiten in de week%s%n",
                                        wanneer, m.path("week").asText(), t.path("openZaken").asLong(), t.path("verstrekenOpen").asLong(),
                                        t.path("besluitenInPeriode").asLong(), t.path("teLaatInPeriode").asLong() > 0 ? " (" + t.path("teLaatInPeriode").asLong() + " te laat)" : "");
                            } else if (m.path("topic").asText().equals("regietafel")) {
                                // the regietafel's copy says the same as the notice just printed: one line
                                regel = String.format("  ✉ %s · regietafel · kopie van %s aan niveau %s · %s%n", wanneer, m.path("soort").asText(),
                                        m.path("niveau").asText(), m.path("zaak").asText());
                            } else if (m.has("escalatie")) {
                                regel = String.format("  ✉ %s · escalaties aan %s (niveau %s) · %s · %s%n      %s%n", wanneer, m.path("rol").asText(), m.path("niveau").asText(),
                                        m.path("zaak").asText(), m.path("soort").asText(), m.path("tekst").asText().replace("\n", "\n      "));
                            } else {
                                regel = String.format("  ✉ %s · %s aan %s · %s · %s%n      %s%n", wanneer, m.path("topic").asText(),
                                        m.path("gemeente").asText(), m.path("zaak").asText(), m.path("mijlpaal").asText(), m.path("tekst").asText());
                            }
                            regels.add(new Regel(Instant.parse(m.path("aangemaakt").asText()), 1 + topics.indexOf(m.path("topic").asText()), regels.size(), regel));
                        }
                    });
            regels.stream().sorted(java.util.Comparator.comparing(Regel::op).thenComparingInt(Regel::volgorde).thenComparingInt(Regel::nr))
                    .forEach(r -> out.print(r.tekst()));
            out.println("Samenvatting: " + v.meldingen() + " meldingen " + perSoort + ", " + v.events() + " events, "
                    + v.scannerRuns() + " scannerruns in " + v.stappen() + " stappen van 15 minuten, in "
                    + Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0 + " s.");
            // the regietafel's last weekly report of the quarter, as it got it, and its page
            Isoweek week = Isoweek.gerapporteerdOp(Invoer.moment("tot", demo.get("tot").asText()), Invoer.NEDERLAND);
            Rapportarchief.Bewaard rapport = new Rapportarchief(stack.clients().dynamoDb(), stack.omgeving().rapportagesTabel(), new ObjectMapper())
                    .lees(week).orElseThrow(() -> new IllegalStateException("de stelselrapportage van " + week + " ontbreekt"));
            Path bestand = Lokaal.stateDir().getParent().resolve("demo").resolve("stelselrapportage-" + week + ".html").toAbsolutePath();
            Files.createDirectories(bestand.getParent());
            Files.writeString(bestand, Rapportpagina.html(rapport.document()), java.nio.charset.StandardCharsets.UTF_8);
            out.println();
            out.println("De regietafel kreeg op maandag om 08:00 deze stelselrapportage:");
            out.println();
            rapport.samenvatting().strip().lines().forEach(regel -> out.println(regel.isBlank() ? "" : "  " + regel));
            out.println();
            out.println("Pagina met grafieken: " + bestand);
            if (!v.mislukteRuns().isEmpty()) {
                out.flush();
                err.println("demo: " + v.mislukteRuns().size() + " scannerruns mislukt: " + v.mislukteRuns());
                return 1;
            }
            }
        }
        out.flush();
        return 0;
    }

    private static JsonNode readTree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String kort(Instant moment) {
        return ZonedDateTime.ofInstant(moment, Invoer.NEDERLAND).format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm"));
    }

    private static String wanneer(String instant) {
        return ZonedDateTime.ofInstant(Instant.parse(instant), Invoer.NEDERLAND).format(WANNEER);
    }
}

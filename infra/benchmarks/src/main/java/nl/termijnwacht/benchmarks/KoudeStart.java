package nl.termijnwacht.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.emulator.Emulator;
import nl.termijnwacht.functions.zaakevents.ZaakEventsHandler;
import nl.termijnwacht.local.Inbox;
import nl.termijnwacht.local.LokaleStack;

/**
 * Cold-start harness for the Lambda functions: one emulator ({@code moto_server}), then per function N fresh
 * JVMs, each running {@link KoudeStartDriver} against the function's shaded jar with the stack's environment
 * variables, as the Lambda {@code java25} runtime would (C1 only: {@code -XX:TieredStopAtLevel=1}).
 *
 * <pre>
 * java -cp infra/benchmarks/target/benchmarks.jar nl.termijnwacht.benchmarks.KoudeStart [options]
 *   --runs N              timed JVMs per function and variant (default 10)
 *   --controle            only the untimed check run of each function and variant, no timings: the smoke test of
 *                         the deployed jars that `mvn verify` runs (infra/benchmarks/pom.xml)
 *   --repo DIR            repository root: events and, by default, the jars (default: found from the working dir)
 *   --variant LABEL=DIR   measure the jars in DIR (a repository root with functions/&lt;f&gt;/target/&lt;f&gt;.jar,
 *                         or a directory with &lt;f&gt;.jar or one alle.jar); repeatable, variants are interleaved run by run
 *                         (default: one variant "huidig", the jars of --repo)
 *   --aot LABEL=DIR       like --variant, but each function JVM runs with a JDK 25 AOT cache that is first trained
 *                         on one real invocation against the emulator (repeatable)
 *   --referentie LABEL    the variant the others are divided by in the "×" column (default naief)
 *   --functie NAME        only this function (repeatable; default every function of template.yaml)
 *   --java PATH           java executable for the function JVMs (default: the one running this harness)
 *   --jvm-arg ARG         extra option for the function JVMs (repeatable)
 *   --csv FILE            also write every run (default infra/benchmarks/target/koude-start/runs.csv)
 * </pre>
 *
 * <p>Before every timed run the emulator is reset and the stack provisioned afresh, so each run does the same
 * work: zaak-events stores a new zaak; termijn-scanner finds one zaak (seeded in this JVM) whose notifications
 * are due and publishes them; escalatie-events records level 1's reply to an item opened today, and
 * escalatie-scanner finds that item due and notifies level 1 (the item seeded in this JVM). Before the timed runs,
 * one untimed check run per function and variant exercises the other client (the event functions: a rejected
 * event goes to the SQS queue; the scanners: the SNS notifications must reach the inbox queue), so a jar that
 * lacks a class the SDK needs fails here, not in AWS.
 *
 * <p>Reported per function: jar size; init (handler class loading and construction, SDK clients included) and the
 * first invocation, both timed inside the function JVM with {@link System#nanoTime()}; and the wall time from
 * starting the JVM until it exited, timed here. Medians and minima over the runs.
 */
public final class KoudeStart {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DRIVER = KoudeStartDriver.class.getName();
    private static final long TIMEOUT_SECONDS = 120;

    private static final String OPGEPAKT_VANDAAG = "infra/benchmarks/target/koude-start/opgepakt-vandaag.json";
    private static final String ESCALATIE = "termijnoverschrijding:GM0363:ZAAK-2026-0001";

    /**
     * One function: its handler, the timed event, the event of its check run, and whether it is scheduled (a scan
     * over due work) or takes events.
     */
    private record Functie(String naam, String handler, String event, String controleEvent, boolean gepland, boolean url) {
    }

    /**
     * The functions of template.yaml. A scheduled one runs on {@code events/NAME/schedule.json}; an event-driven one on
     * its first sample in {@code events/NAME/}, unless named here with a timed event and a rejected one for its check.
     */
    private static final Map<String, String[]> EVENTS = Map.of(
            "zaak-events", new String[] {"events/zaak-events/AanvraagOntvangen.json", "events/afgewezen/gemeentecode-ongeldig.json"},
            // a reply of today's level 1 to the item voorbereiden opens today (written by the harness)
            "escalatie-events", new String[] {OPGEPAKT_VANDAAG, "events/afgewezen/antwoord-niveau-ontbreekt.json"});
    private static final List<Functie> FUNCTIES = nl.termijnwacht.local.Functiecatalogus.standaard().functies().stream().map(f -> {
        String standaard = f.planning().isPresent() ? "events/" + f.naam() + "/schedule.json" : eersteVoorbeeld(f.naam());
        String[] paar = EVENTS.getOrDefault(f.naam(), new String[] {standaard, standaard});
        return new Functie(f.naam(), f.handlerKlasse(), paar[0], paar[1], f.planning().isPresent(), f.functionUrl());
    }).toList();

    /** The first sample event of a function (by name), relative to the repository. */
    private static String eersteVoorbeeld(String functie) {
        Path map = Emulator.repoRoot(Path.of("")).orElse(Path.of("")).resolve("events").resolve(functie);
        try (var bestanden = Files.list(map)) {
            return bestanden.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().findFirst()
                    .map(n -> "events/" + functie + "/" + n).orElseThrow(() -> new IllegalStateException("geen voorbeeld-event in " + map));
        } catch (IOException e) {
            throw new UncheckedIOException("geen voorbeeld-events voor " + functie + " in " + map, e);
        }
    }

    /** @param aot run with a JDK 25 AOT cache trained for it on one real invocation against the emulator */
    private record Variant(String label, Path dir, boolean aot) {
        Path jar(Functie f) {
            Path inRepo = dir.resolve("functions").resolve(f.naam()).resolve("target").resolve(f.naam() + ".jar");
            if (Files.isRegularFile(inRepo)) {
                return inRepo;
            }
            Path eigen = dir.resolve(f.naam() + ".jar");
            return Files.isRegularFile(eigen) ? eigen : dir.resolve("alle.jar"); // one jar for every function (infra/naief)
        }
    }

    /** One JVM: nanoseconds. */
    private record Meting(long initNs, long invokeNs, long wallNs) {
    }

    private record Opties(int runs, boolean alleenControle, Path repo, List<Variant> varianten, List<Functie> functies, String java,
                          List<String> jvmArgs, Path csv, String referentie) {
    }

    private KoudeStart() {
    }

    public static void main(String[] args) {
        Opties opties;
        try {
            opties = opties(args);
        } catch (IllegalArgumentException e) {
            System.err.println("koude-start: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            System.exit(voerUit(opties));
        } catch (RuntimeException e) {
            System.err.println("koude-start: MISLUKT: " + e.getMessage());
            System.exit(1);
        }
    }

    private static int voerUit(Opties o) {
        for (Variant v : o.varianten()) {
            for (Functie f : o.functies()) {
                if (!Files.isRegularFile(v.jar(f))) {
                    throw new IllegalStateException("jar van " + f.naam() + " voor variant " + v.label() + " niet gevonden: " + v.jar(f)
                            + " (eerst bouwen: mvn -q -B install -DskipTests)");
                }
            }
        }
        Path werk = o.repo().resolve("infra/benchmarks/target/koude-start");
        Path driverDir = schrijfDriver(werk.resolve("driver"));
        schrijf(o.repo().resolve(OPGEPAKT_VANDAAG), """
                {"version": "0", "id": "koude-start-opgepakt", "source": "termijnwacht.escalaties", "detail-type": "Opgepakt",
                 "detail": {"escalatie": "%s", "niveau": 1, "datum": "%s"}}
                """.formatted(ESCALATIE, java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam"))));

        Emulator emulator;
        try {
            emulator = Emulator.forTests();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("geen emulator: " + e.getMessage(), e);
        }
        try (emulator) {
            System.err.printf(Locale.ROOT, "koude-start: emulator %s (%s), %d run(s) per functie en variant, java %s %s%n",
                    emulator.endpoint(), emulator.embedded() ? "moto_server, eigen proces" : "extern", o.runs(), o.java(), String.join(" ", jvmOpties(o)));
            Map<String, List<Meting>> metingen = new LinkedHashMap<>();
            List<String> csv = new ArrayList<>();
            csv.add("variant,functie,run,jar_bytes,init_ms,eerste_aanroep_ms,wall_ms");

            // AOT variants: the cache is trained on one real invocation of the timed event (as `make` would at build time).
            for (Variant v : o.varianten()) {
                if (v.aot()) {
                    for (Functie f : o.functies()) {
                        LokaleStack stack = verseStack(emulator);
                        voorbereiden(stack, f, o.repo());
                        verwijder(aotCache(werk, v, f));
                        start(o, v, f, driverDir, werk, stack, f.event(), List.of("-XX:AOTCacheOutput=" + aotCache(werk, v, f)));
                        System.err.printf(Locale.ROOT, "  AOT-cache %-12s %-16s %.1f MB%n", v.label(), f.naam(), grootte(aotCache(werk, v, f)) / 1e6);
                    }
                }
            }
            // Untimed check runs: every client of every function once, and the jars' pages into the cache.
            for (Variant v : o.varianten()) {
                for (Functie f : o.functies()) {
                    controle(o, emulator, v, f, driverDir, werk);
                }
            }
            if (o.alleenControle()) {
                return 0; // mvn verify: each deployed jar ran once, through its real handler, in a JVM of its own
            }
            for (int run = 1; run <= o.runs(); run++) {
                for (Variant v : o.varianten()) {
                    for (Functie f : o.functies()) {
                        LokaleStack stack = verseStack(emulator);
                        voorbereiden(stack, f, o.repo());
                        Uitkomst u = start(o, v, f, driverDir, werk, stack, f.event(), List.of());
                        controleerUitvoer(f, u.uitvoer(), v);
                        metingen.computeIfAbsent(v.label() + "\u0000" + f.naam(), k -> new ArrayList<>()).add(u.meting());
                        csv.add(String.join(",", v.label(), f.naam(), Integer.toString(run), Long.toString(grootte(v.jar(f))),
                                ms(u.meting().initNs()), ms(u.meting().invokeNs()), ms(u.meting().wallNs())));
                        System.err.printf(Locale.ROOT, "  run %2d %-12s %-16s init %7s ms  1e aanroep %7s ms  JVM %7s ms%n", run, v.label(), f.naam(),
                                ms(u.meting().initNs()), ms(u.meting().invokeNs()), ms(u.meting().wallNs()));
                    }
                }
            }
            schrijf(o.csv(), String.join("\n", csv) + "\n");
            System.out.println(tabel(o, metingen));
            System.err.println("koude-start: alle runs in " + o.csv());
        }
        return 0;
    }

    // ---------------------------------------------------------------------------------------- runs

    private record Uitkomst(Meting meting, String uitvoer) {
    }

    private static LokaleStack verseStack(Emulator emulator) {
        if (!emulator.reset()) {
            throw new IllegalStateException("de emulator op " + emulator.endpoint() + " kan niet worden leeggemaakt (geen moto_server?)");
        }
        return LokaleStack.op(emulator.endpoint());
    }

    private static void verwijder(Path p) {
        try {
            Files.deleteIfExists(p);
            Files.createDirectories(p.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path aotCache(Path werk, Variant v, Functie f) {
        return werk.resolve("aot").resolve(v.label().replaceAll("[^A-Za-z0-9-]", "_") + "-" + f.naam() + ".aot").toAbsolutePath();
    }

    /**
     * termijn-scanner needs a zaak with due notifications: stored through zaak-events, in this JVM (untimed); the
     * escalation functions an item opened today at level 1, due at once.
     *
     * @return whether due work was prepared (a scheduled function must then send something)
     */
    private static boolean voorbereiden(LokaleStack stack, Functie f, Path repo) {
        if (f.naam().startsWith("escalatie-")) {
            java.time.Instant nu = java.time.Instant.now();
            java.time.LocalDate vandaag = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam"));
            var item = nl.termijnwacht.core.Escalatie.voorVerstrekenZaak("GM0363", "ZAAK-2026-0001", vandaag.minusDays(1), vandaag);
            // for the scanner its notice is still to send; a reply (escalatie-events) comes after level 1 was told
            var gemeld = f.naam().equals("escalatie-events") ? item.metVerzonden(java.util.Set.of("escalatie#" + item.id() + "#1#ESCALATIE#1")) : item;
            nl.termijnwacht.aws.EscalatieRepository.van(stack.clients()).open(gemeld, nu, null, nu);
            return true;
        }
        if (!f.naam().equals("termijn-scanner") && !f.naam().equals("stelselrapportage")) {
            return false;
        }
        AwsClients aws = stack.clients();
        // for the weekly report: a zaak told three weeks ago, so the run reads its counters and folds that week
        Clock klok = f.naam().equals("stelselrapportage") ? Clock.offset(Clock.systemUTC(), java.time.Duration.ofDays(-21)) : Clock.systemUTC();
        ZaakEventsHandler zaakEvents = ZaakEventsHandler.bouw(aws, klok);
        ByteArrayOutputStream uit = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(repo.resolve("events/zaak-events/AanvraagOntvangen.json"))) {
            zaakEvents.handleRequest(in, uit, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode r = json(uit.toString(StandardCharsets.UTF_8));
        if (!r.path("resultaat").asText().equals("VERWERKT")) {
            throw new IllegalStateException("voorbereiding " + f.naam() + ": zaak niet opgeslagen: " + r);
        }
        return true;
    }

    /**
     * The check run (and the smoke test of `mvn verify`): by the kind of function, not its name, so a new function is
     * checked without an edit here. An event function answers a {@code resultaat}; when its check event is a rejected
     * one, it is AFGEWEZEN and exactly one message reached the rejection queue (SQS). A scheduled one fails nothing,
     * and every notification it counts reached the inbox through SNS; when due work was prepared, it sent some.
     */
    private static void controle(Opties o, Emulator emulator, Variant v, Functie f, Path driverDir, Path werk) {
        LokaleStack stack = verseStack(emulator);
        boolean voorbereid = voorbereiden(stack, f, o.repo());
        Uitkomst u = start(o, v, f, driverDir, werk, stack, f.controleEvent(), List.of());
        JsonNode r = json(u.uitvoer());
        AwsClients aws = stack.clients();
        String fout;
        if (f.url()) {
            // a page behind a Function URL: a link that is no link is refused (403) without showing anything
            fout = r.path("statusCode").asInt() == 403 && r.path("headers").path("Content-Security-Policy").asText().startsWith("default-src 'none'")
                    ? null : "verwacht 403 met een Content-Security-Policy, kreeg " + r.path("statusCode") + " " + r.path("headers");
        } else if (!f.gepland()) {
            boolean afwijzing = f.controleEvent().startsWith("events/afgewezen/");
            List<JsonNode> afgewezen = Inbox.leesQueue(aws.sqs(), stack.voorzieningen().afgewezenQueueUrl());
            fout = !r.hasNonNull("resultaat") ? "verwacht een resultaat, kreeg " + r
                    : afwijzing && !(r.path("resultaat").asText().equals("AFGEWEZEN") && afgewezen.size() == 1)
                    ? "verwacht AFGEWEZEN en 1 bericht in de afwijzingsqueue (SQS), kreeg " + r + " en " + afgewezen.size() + " bericht(en)" : null;
        } else {
            int meldingen = new Inbox(aws.sqs(), stack.voorzieningen()).leeg().size();
            fout = r.path("mislukt").asInt(-1) == 0 && meldingen == r.path("verzonden").asInt(-1) && (!voorbereid || meldingen > 0)
                    ? null : "verwacht mislukt 0, evenveel meldingen via SNS in de inbox als verzonden" + (voorbereid ? " (meer dan 0)" : "")
                    + ", kreeg " + r + " en " + meldingen + " melding(en)";
        }
        if (fout != null) {
            throw new IllegalStateException("controle " + f.naam() + " (" + v.label() + ") mislukt: " + fout);
        }
        System.err.printf(Locale.ROOT, "  controle %-12s %-16s ok: %s%n", v.label(), f.naam(), r);
    }

    private static void controleerUitvoer(Functie f, String uitvoer, Variant v) {
        JsonNode r = json(uitvoer);
        boolean goed = f.url() ? r.path("statusCode").asInt() == 403
                : f.gepland() ? r.path("mislukt").asInt(-1) == 0 : r.path("resultaat").asText().equals("VERWERKT");
        if (!goed) {
            throw new IllegalStateException(f.naam() + " (" + v.label() + ") gaf een onverwacht antwoord: " + uitvoer);
        }
    }

    private static Uitkomst start(Opties o, Variant v, Functie f, Path driverDir, Path werk, LokaleStack stack, String event, List<String> extra) {
        List<String> commando = new ArrayList<>();
        commando.add(o.java());
        commando.addAll(jvmOpties(o));
        commando.addAll(extra);
        if (v.aot() && extra.isEmpty()) {
            commando.add("-XX:AOTCache=" + aotCache(werk, v, f));
        }
        commando.add("-cp");
        commando.add(v.jar(f).toAbsolutePath() + java.io.File.pathSeparator + driverDir.toAbsolutePath());
        commando.add(DRIVER);
        commando.add(f.handler());
        commando.add(o.repo().resolve(event).toAbsolutePath().toString());

        Path stdout = werk.resolve(f.naam() + ".out");
        Path stderr = werk.resolve(f.naam() + ".err");
        ProcessBuilder pb = new ProcessBuilder(commando)
                .directory(werk.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        omgeving(pb.environment(), stack, f);

        long begin = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("kon " + o.java() + " niet starten: " + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(f.naam() + " (" + v.label() + ") na " + TIMEOUT_SECONDS + " s niet klaar; zie " + stderr);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("onderbroken", e);
        }
        long wall = System.nanoTime() - begin;

        String out = lees(stdout);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(f.naam() + " (" + v.label() + ") stopte met exitcode " + p.exitValue()
                    + "; stdout:\n" + out + "\nstderr (" + stderr + "):\n" + staart(lees(stderr), 40));
        }
        long init = -1;
        long invoke = -1;
        String uitvoer = null;
        for (String regel : out.split("\n")) {
            if (regel.startsWith("KOUDE-START init_ns=")) {
                String[] delen = regel.substring("KOUDE-START ".length()).split(" ");
                init = Long.parseLong(delen[0].substring("init_ns=".length()));
                invoke = Long.parseLong(delen[1].substring("invoke_ns=".length()));
            } else if (regel.startsWith("KOUDE-START output=")) {
                uitvoer = KoudeStartDriver.uitvoer(regel.substring("KOUDE-START output=".length()).strip());
            }
        }
        if (init < 0 || uitvoer == null) {
            throw new IllegalStateException(f.naam() + " (" + v.label() + "): geen metingen in de uitvoer van de driver:\n" + out
                    + "\nstderr:\n" + staart(lees(stderr), 40));
        }
        return new Uitkomst(new Meting(init, invoke, wall), uitvoer);
    }

    private static List<String> jvmOpties(Opties o) {
        List<String> l = new ArrayList<>(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
        l.addAll(o.jvmArgs());
        return l;
    }

    /** Only what Lambda would set, plus the stack's variables from template.yaml: nothing of this machine leaks in. */
    private static void omgeving(Map<String, String> env, LokaleStack stack, Functie f) {
        env.clear();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        env.put("AWS_LAMBDA_FUNCTION_NAME", f.naam());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_ACCESS_KEY_ID", Emulator.ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", Emulator.SECRET_ACCESS_KEY);
        env.put("AWS_SESSION_TOKEN", "koude-start");
        env.putAll(stack.env());
    }

    /**
     * The driver alone in a jar: the function JVM sees the function jar plus this one class. A jar, not a directory:
     * a JDK AOT cache cannot be made with a non-empty directory on the classpath (which is also why the managed
     * Lambda runtime, whose code lies in the directory /var/task, cannot use one; docs/metingen.md).
     */
    private static Path schrijfDriver(Path dir) {
        String resource = DRIVER.replace('.', '/') + ".class";
        try (InputStream in = KoudeStart.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " niet op het classpath");
            }
            Files.createDirectories(dir);
            Path jar = dir.resolve("driver.jar");
            try (java.util.jar.JarOutputStream uit = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
                uit.putNextEntry(new java.util.jar.JarEntry(resource));
                uit.write(in.readAllBytes());
                uit.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("kon de driver niet schrijven naar " + dir + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------- report

    private static String tabel(Opties o, Map<String, List<Meting>> metingen) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nKoude start, %d JVM's per regel (mediaan / minimum, ms); JVM: %s%n", o.runs(), String.join(" ", jvmOpties(o))));
        String kop = String.format(Locale.ROOT, "%-14s %-17s %9s %7s | %15s | %15s | %15s | %15s | %9s", "variant", "functie", "jar (MB)", "items",
                "init", "1e aanroep", "JVM totaal", "rest JVM", "× " + o.referentie());
        sb.append(kop).append('\n').append("-".repeat(kop.length())).append('\n');
        for (Variant v : o.varianten()) {
            for (Functie f : o.functies()) {
                List<Meting> m = metingen.get(v.label() + "\u0000" + f.naam());
                List<Meting> ref = metingen.get(o.referentie() + "\u0000" + f.naam());
                String ratio = ref == null ? "-" : String.format(Locale.ROOT, "%.2f", mediaan(m.stream().mapToLong(x -> x.initNs() + x.invokeNs()).toArray())
                        / mediaan(ref.stream().mapToLong(x -> x.initNs() + x.invokeNs()).toArray()));
                sb.append(String.format(Locale.ROOT, "%-14s %-17s %9.2f %7d | %15s | %15s | %15s | %15s | %9s%n", v.label(), f.naam(),
                        grootte(v.jar(f)) / 1e6, items(v.jar(f)),
                        stat(m.stream().mapToLong(Meting::initNs).toArray()),
                        stat(m.stream().mapToLong(Meting::invokeNs).toArray()),
                        stat(m.stream().mapToLong(Meting::wallNs).toArray()),
                        stat(m.stream().mapToLong(x -> x.wallNs() - x.initNs() - x.invokeNs()).toArray()), ratio));
            }
        }
        sb.append("init: handler laden en construeren (SDK-clients inbegrepen); 1e aanroep: handleRequest; beide in de functie-JVM gemeten.\n");
        sb.append("JVM totaal: van het starten van de JVM tot hij stopte; rest JVM: JVM totaal - init - 1e aanroep (JVM-start en -stop).\n");
        sb.append("× " + o.referentie() + ": mediaan van init + 1e aanroep gedeeld door die van variant " + o.referentie() + ".\n");
        return sb.toString();
    }

    private static double mediaan(long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private static String stat(long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        double mediaan = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
        return String.format(Locale.ROOT, "%6.0f / %6.0f", mediaan / 1e6, s[0] / 1e6);
    }

    private static String ms(long ns) {
        return String.format(Locale.ROOT, "%.1f", ns / 1e6);
    }

    private static long grootte(Path jar) {
        try {
            return Files.size(jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int items(Path jar) {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            return z.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------- misc

    private static Opties opties(String[] args) {
        int runs = 10;
        boolean alleenControle = false;
        Path repo = null;
        List<Variant> varianten = new ArrayList<>();
        List<Functie> functies = new ArrayList<>();
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> jvmArgs = new ArrayList<>();
        Path csv = null;
        String referentie = "naief";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--runs" -> {
                    runs = Integer.parseInt(waarde(args, ++i, a));
                    if (runs < 1) {
                        throw new IllegalArgumentException("--runs moet minstens 1 zijn");
                    }
                }
                case "--controle" -> alleenControle = true;
                case "--repo" -> repo = Path.of(waarde(args, ++i, a)).toAbsolutePath().normalize();
                case "--variant" -> {
                    String w = waarde(args, ++i, a);
                    int is = w.indexOf('=');
                    if (is < 1) {
                        throw new IllegalArgumentException("--variant verwacht LABEL=MAP, niet " + w);
                    }
                    varianten.add(new Variant(w.substring(0, is), Path.of(w.substring(is + 1)).toAbsolutePath().normalize(), false));
                }
                case "--aot" -> {
                    String w = waarde(args, ++i, a);
                    int is = w.indexOf('=');
                    if (is < 1) {
                        throw new IllegalArgumentException("--aot verwacht LABEL=MAP, niet " + w);
                    }
                    varianten.add(new Variant(w.substring(0, is), Path.of(w.substring(is + 1)).toAbsolutePath().normalize(), true));
                }
                case "--referentie" -> referentie = waarde(args, ++i, a);
                case "--functie" -> {
                    String naam = waarde(args, ++i, a);
                    functies.add(FUNCTIES.stream().filter(f -> f.naam().equals(naam)).findFirst().orElseThrow(() ->
                            new IllegalArgumentException("onbekende functie " + naam + "; kies uit "
                                    + FUNCTIES.stream().map(Functie::naam).toList())));
                }
                case "--java" -> java = waarde(args, ++i, a);
                case "--jvm-arg" -> jvmArgs.add(waarde(args, ++i, a));
                case "--csv" -> csv = Path.of(waarde(args, ++i, a)).toAbsolutePath();
                case "-h", "--help" -> throw new IllegalArgumentException("opties: --runs N, --controle, --repo MAP, --variant LABEL=MAP (herhaalbaar), --aot LABEL=MAP (herhaalbaar), "
                        + "--referentie LABEL, --functie NAAM (herhaalbaar), --java PAD, --jvm-arg ARG (herhaalbaar), --csv BESTAND");
                default -> throw new IllegalArgumentException("onbekende optie " + a + " (--help voor de opties)");
            }
        }
        if (repo == null) {
            repo = Emulator.repoRoot(Path.of("")).orElseThrow(() ->
                    new IllegalArgumentException("repository niet gevonden vanuit " + Path.of("").toAbsolutePath() + "; geef --repo"));
        }
        if (varianten.isEmpty()) {
            varianten.add(new Variant("huidig", repo, false));
        }
        if (functies.isEmpty()) {
            functies.addAll(FUNCTIES);
        }
        if (csv == null) {
            csv = repo.resolve("infra/benchmarks/target/koude-start/runs.csv");
        }
        return new Opties(runs, alleenControle, repo, List.copyOf(varianten), List.copyOf(functies), java, List.copyOf(jvmArgs), csv, referentie);
    }

    private static String waarde(String[] args, int i, String optie) {
        if (i >= args.length) {
            throw new IllegalArgumentException(optie + " verwacht een waarde");
        }
        return args[i];
    }

    private static JsonNode json(String tekst) {
        try {
            return JSON.readTree(tekst);
        } catch (IOException e) {
            throw new IllegalStateException("geen JSON: " + tekst, e);
        }
    }

    private static String lees(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void schrijf(Path p, String tekst) {
        try {
            Files.createDirectories(p.toAbsolutePath().getParent());
            Files.writeString(p, tekst, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String staart(String tekst, int regels) {
        List<String> l = tekst.lines().toList();
        return String.join("\n", l.subList(Math.max(0, l.size() - regels), l.size()));
    }
}

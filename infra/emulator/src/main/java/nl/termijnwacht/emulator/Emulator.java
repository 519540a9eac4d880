package nl.termijnwacht.emulator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS-protocol emulator (a <a href="https://github.com/getmoto/moto">moto</a> server) that tests
 * and the local CLI talk to instead of AWS. Two ways to use it:
 *
 * <ul>
 *   <li><b>Embedded, for tests</b>: {@link #forTests()} uses {@code AWS_ENDPOINT_URL} when it is set
 *       (LocalStack, Floci, an emulator started elsewhere), otherwise it starts its own
 *       {@code moto_server} on a free loopback port and stops it again on {@link #close()} (and in a
 *       JVM shutdown hook; if the JVM is killed outright, the server notices its parent is gone and
 *       stops too). {@link #reset()} clears all state between tests.</li>
 *   <li><b>Detached, for the CLI</b> ({@code ./termijnwacht emulator start|stop|status}):
 *       {@link LosseEmulator#start(Path)} launches a {@code moto_server} that outlives the JVM and records
 *       it in {@code stateDir/emulator.properties}; {@link LosseEmulator} reads that record.</li>
 * </ul>
 *
 * <p>{@code moto_server} is looked up in this order: the environment variable
 * {@code TERMIJNWACHT_MOTO_SERVER}, {@code <repo>/.venv/bin/moto_server} (created by
 * {@code infra/emulator/install-moto.sh}), then the {@code PATH}. When it cannot be found or started
 * an {@link IllegalStateException} says what was tried and how to fix it; nothing is ever skipped.
 *
 * <p>This class is the embedded lifecycle and the moto process helpers both lifecycles share; the
 * detached one is {@link LosseEmulator}. JDK only: no AWS SDK here, so every module can use it in tests.
 */
public final class Emulator implements AutoCloseable {

    /** The fixed region used locally (the emulator accepts any; clients must agree on one). */
    public static final String REGION = "eu-west-1";
    /** Credentials the emulator accepts (any non-empty value works; these are the conventional ones). */
    public static final String ACCESS_KEY_ID = "test";
    public static final String SECRET_ACCESS_KEY = "test";
    /** The account id moto uses for every resource it creates. */
    public static final String ACCOUNT_ID = "123456789012";

    /** Points every tool (AWS SDKs and CLI included) at another endpoint. */
    public static final String ENV_ENDPOINT = "AWS_ENDPOINT_URL";
    /** Explicit path of the {@code moto_server} executable to use. */
    public static final String ENV_MOTO_SERVER = "TERMIJNWACHT_MOTO_SERVER";

    static final String MOTO_VERSION = "5.2.1";
    static final String STATE_FILE = "emulator.properties";
    static final String LOG_FILE = "moto.log";
    static final String LOCK_FILE = "emulator.lock";

    static final String LOOPBACK = "127.0.0.1";
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    static final Duration EXTERNAL_TIMEOUT = Duration.ofSeconds(3);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    static final int START_ATTEMPTS = 3;

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * Wrapper for the embedded server: runs moto_server as a child and kills it as soon as its stdin
     * (a pipe from this JVM) reaches end-of-file, i.e. when the JVM closes it or dies, even by SIGKILL.
     * Exits with moto_server's own exit code when that stops by itself.
     */
    private static final String WATCHDOG_SCRIPT = """
            exec 3<&0
            "$@" </dev/null 3<&- &
            child=$!
            ( cat <&3 >/dev/null; kill "$child" 2>/dev/null ) &
            watcher=$!
            exec 3<&-
            trap 'kill "$child" "$watcher" 2>/dev/null; exit 143' TERM INT HUP
            wait "$child"
            status=$?
            kill "$watcher" 2>/dev/null
            exit "$status"
            """;

    private final URI endpoint;
    private final boolean embedded;
    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;
    private Boolean speaksMotoApi;
    private boolean closed;

    private Emulator(URI endpoint, boolean embedded, Process process, Path logFile) {
        this.endpoint = endpoint;
        this.embedded = embedded;
        this.process = process;
        this.logFile = logFile;
        this.speaksMotoApi = embedded ? Boolean.TRUE : null;
        if (process != null) {
            this.shutdownHook = new Thread(() -> destroyTree(process), "termijnwacht-emulator-stop");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            this.shutdownHook = null;
        }
    }

    // ------------------------------------------------------------------------------------------ tests

    /**
     * The emulator for a test: {@code AWS_ENDPOINT_URL} when set (it must answer within a few
     * seconds), else a freshly started embedded {@code moto_server} on a free loopback port.
     *
     * @throws IllegalStateException when the endpoint does not answer, or moto_server cannot be
     *                               found or started (the message says what was tried and the fix)
     */
    public static Emulator forTests() {
        return forTests(System.getenv(), Path.of(System.getProperty("user.dir")));
    }

    /** As {@link #forTests()}, with the environment and working directory given (for tests). */
    static Emulator forTests(Map<String, String> env, Path workDir) {
        String configured = env.get(ENV_ENDPOINT);
        if (configured != null && !configured.isBlank()) {
            URI uri = parseEndpoint(configured.strip());
            if (httpStatus(uri, EXTERNAL_TIMEOUT) < 0) {
                throw new IllegalStateException(ENV_ENDPOINT + "=" + configured.strip()
                        + " antwoordt niet (geen HTTP-antwoord binnen " + EXTERNAL_TIMEOUT.toSeconds() + " s). "
                        + "Start die emulator (LocalStack, Floci, of ./termijnwacht emulator start), "
                        + "of maak " + ENV_ENDPOINT + " leeg zodat de tests zelf een moto_server starten.");
            }
            return new Emulator(uri, false, null, null);
        }
        Path executable = locateMotoServer(env, workDir);
        Path logDir = logDirectory(workDir);
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            Path log = logDir.resolve("moto-" + port + ".log");
            List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG_SCRIPT, "termijnwacht-moto"));
            command.addAll(motoCommand(executable, port));
            URI uri = loopback(port);
            try {
                return new Emulator(uri, true, startMoto(new ProcessBuilder(command), uri, executable, log), log);
            } catch (IllegalStateException e) {
                last = e;
                if (!portWasTaken(log)) {
                    throw e;
                }
            }
        }
        throw last;
    }

    public URI endpoint() {
        return endpoint;
    }

    public String region() {
        return REGION;
    }

    /** True when this instance started (and will stop) its own moto_server. */
    public boolean embedded() {
        return embedded;
    }

    /** The embedded server's log file (stdout and stderr), if this instance started one. */
    public Optional<Path> logFile() {
        return Optional.ofNullable(logFile);
    }

    /**
     * Clears all emulated state (tables, topics, queues, …) through moto's
     * {@code POST /moto-api/reset}.
     *
     * @return true when the state was cleared; false when the endpoint is not a moto server
     *         (LocalStack, Floci) and offers no reset: tests must then use unique resource names
     * @throws IllegalStateException when a moto server refuses the reset
     */
    public boolean reset() {
        requireOpen();
        if (!speaksMotoApi()) {
            return false;
        }
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Reset van de emulator op " + endpoint + " mislukte: HTTP "
                        + response.statusCode() + " " + response.body());
            }
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("Reset van de emulator op " + endpoint + " mislukte: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Reset van de emulator onderbroken", e);
        }
    }

    /** Stops the embedded moto_server (and its children); does nothing for an external endpoint. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (process != null) {
            destroyTree(process);
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs (or ran) anyway
            }
        }
    }

    @Override
    public String toString() {
        return "Emulator[" + endpoint + (embedded ? ", embedded moto_server pid " + process.pid() : ", extern") + "]";
    }

    private boolean speaksMotoApi() {
        if (speaksMotoApi == null) {
            speaksMotoApi = httpStatus(endpoint.resolve("/moto-api/"), EXTERNAL_TIMEOUT) == 200;
        }
        return speaksMotoApi;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("Emulator " + endpoint + " is al gesloten");
        }
    }

    // ----------------------------------------------------------------------------------- moto lookup

    /**
     * Finds the moto_server executable: {@code TERMIJNWACHT_MOTO_SERVER}, {@code <repo>/.venv/bin},
     * the PATH (a pyenv shim is fine).
     */
    static Path locateMotoServer(Map<String, String> env, Path workDir) {
        List<String> tried = new ArrayList<>();
        String explicit = env.get(ENV_MOTO_SERVER);
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit.strip());
            if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                return path;
            }
            throw new IllegalStateException(ENV_MOTO_SERVER + "=" + explicit.strip()
                    + (Files.exists(path) ? " is geen uitvoerbaar bestand." : " bestaat niet.")
                    + " Laat het naar een moto_server (moto[server]==" + MOTO_VERSION + ") wijzen, of maak het leeg. "
                    + howToFix());
        }
        tried.add(ENV_MOTO_SERVER + " (niet gezet)");
        Optional<Path> root = repoRoot(workDir);
        if (root.isPresent()) {
            Path venv = root.get().resolve(".venv").resolve("bin").resolve("moto_server");
            if (Files.isRegularFile(venv) && Files.isExecutable(venv)) {
                return venv;
            }
            tried.add(venv + " (bestaat niet)");
        } else {
            tried.add("<repo>/.venv/bin/moto_server (geen repository gevonden boven " + workDir + ")");
        }
        String pathVariable = env.getOrDefault("PATH", "");
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir).resolve("moto_server");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        tried.add("PATH (" + (pathVariable.isBlank() ? "leeg" : pathVariable) + ": geen moto_server)");
        throw new IllegalStateException("Geen moto_server gevonden om de AWS-emulator te starten. Geprobeerd: "
                + String.join("; ", tried) + ". " + howToFix());
    }

    /** The repository root: the nearest directory at or above {@code start} with the launcher or template.yaml. */
    public static Optional<Path> repoRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("termijnwacht")) || Files.isRegularFile(dir.resolve("template.yaml"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    static String howToFix() {
        return "Oplossing: voer infra/emulator/install-moto.sh uit (installeert moto[server]==" + MOTO_VERSION
                + " in <repo>/.venv), of zet " + ENV_MOTO_SERVER + " op een bestaande moto_server, "
                + "of zet " + ENV_ENDPOINT + " op een draaiende emulator (LocalStack of Floci, bijv. http://localhost:4566).";
    }

    static List<String> motoCommand(Path executable, int port) {
        return List.of(executable.toString(), "-H", LOOPBACK, "-p", Integer.toString(port));
    }

    // ------------------------------------------------------------------------------------- processes

    /**
     * Starts moto_server as {@code builder} says, its output to {@code log}, and waits until it answers on
     * {@code uri}; one that does not come up is killed again. Shared by both lifecycles.
     *
     * @throws IllegalStateException saying what went wrong and how to fix it
     */
    static Process startMoto(ProcessBuilder builder, URI uri, Path executable, Path log) {
        Process process;
        try {
            withAtomicDynamoDb(builder, log.getParent());
            process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("Kon " + executable + " niet starten: " + e.getMessage() + ". " + howToFix(), e);
        }
        try {
            awaitReady(process, uri, executable, log);
            if (!tail(log, 30).contains(ATOMIC_MARKER)) {
                throw new IllegalStateException(executable + " draait zonder de haak die DynamoDB-verzoeken na elkaar "
                        + "verwerkt (" + HOOK + " werd niet geladen), en zou dan gelijktijdige voorwaardelijke "
                        + "schrijfacties kunnen verliezen. Laatste regels van " + log + ":\n" + tail(log, 15));
            }
            return process;
        } catch (IllegalStateException e) {
            destroyTree(process);
            throw e;
        }
    }

    /** What the hook prints once it is in place; its absence means moto would run without the guarantee. */
    static final String ATOMIC_MARKER = "termijnwacht: DynamoDB-verzoeken worden na elkaar verwerkt";
    private static final String HOOK = "sitecustomize.py";

    /**
     * moto checks a ConditionExpression and then writes without a lock, on a thread per request, so two
     * conditional writes of the same version can both succeed; DynamoDB's are atomic, and the optimistic
     * locking and the exactly-once claims rely on that. Python loads {@code sitecustomize} at start from
     * PYTHONPATH; ours serialises moto's DynamoDB requests (docs/architectuur.md, "Emulators").
     */
    static void withAtomicDynamoDb(ProcessBuilder builder, Path dir) throws IOException {
        Path hookDir = dir.resolve("moto-python");
        Files.createDirectories(hookDir);
        Path temp = Files.createTempFile(hookDir, HOOK, ".tmp");
        try (var in = Emulator.class.getResourceAsStream("python/" + HOOK)) {
            if (in == null) {
                throw new IOException("python/" + HOOK + " ontbreekt in de emulator-jar");
            }
            Files.copy(in, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(temp, hookDir.resolve(HOOK), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        String existing = builder.environment().get("PYTHONPATH");
        builder.environment().put("PYTHONPATH",
                hookDir.toAbsolutePath() + (existing == null || existing.isBlank() ? "" : File.pathSeparator + existing));
    }

    /**
     * Alive and not a zombie. A killed process stays a zombie until its parent (often init, which
     * may reap slowly) collects it; {@link ProcessHandle#isAlive()} still says true for it.
     */
    static boolean isRunning(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(handle.pid()), "stat");
        try {
            String text = Files.readString(stat, StandardCharsets.US_ASCII);
            int afterName = text.lastIndexOf(')');
            if (afterName > 0 && afterName + 2 < text.length()) {
                char state = text.charAt(afterName + 2);
                return state != 'Z' && state != 'X';
            }
            return true;
        } catch (IOException | UncheckedIOException e) {
            return Files.isDirectory(stat.getParent()) || !Files.isDirectory(Path.of("/proc/self"));
        }
    }


    static void awaitReady(Process process, URI uri, Path executable, Path log) {
        URI probe = uri.resolve("/moto-api/");
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                // setsid may have forked: the server can be alive even though our child is gone.
                if (httpStatus(probe, Duration.ofSeconds(1)) == 200) {
                    return;
                }
                throw new IllegalStateException(executable + " stopte direct (exitcode " + process.exitValue()
                        + "). Laatste regels van " + log + ":\n" + tail(log, 15) + "\n" + howToFix());
            }
            if (httpStatus(probe, Duration.ofSeconds(1)) == 200) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException(executable + " antwoordde niet binnen " + STARTUP_TIMEOUT.toSeconds()
                + " s op " + probe + ". Laatste regels van " + log + ":\n" + tail(log, 15) + "\n" + howToFix());
    }

    static boolean portWasTaken(Path log) {
        String text = tail(log, 30);
        return text.contains("Address already in use") || text.contains("already in use");
    }

    /*
     * moto keeps all state in memory and has nothing to flush, but takes about two seconds to exit on
     * SIGTERM (interpreter shutdown); SIGKILL stops it at once, which keeps test suites fast.
     */
    static void destroyTree(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.getOutputStream().close(); // the watchdog's stdin: end-of-file stops moto_server too
        } catch (IOException ignored) {
            // already closed
        }
        process.destroyForcibly();
        awaitExit(process.toHandle(), children);
    }

    static void kill(ProcessHandle handle) {
        if (handle == null) {
            return;
        }
        List<ProcessHandle> children = handle.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        awaitExit(handle, children);
    }

    /** Polls instead of onExit(): for a process that is not our child the JDK polls with long sleeps. */
    static void awaitExit(ProcessHandle root, List<ProcessHandle> children) {
        List<ProcessHandle> all = new ArrayList<>(children);
        all.add(root);
        Instant deadline = Instant.now().plus(STOP_TIMEOUT);
        while (all.stream().anyMatch(Emulator::isRunning)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Emulatorproces(sen) "
                        + all.stream().filter(Emulator::isRunning).map(h -> Long.toString(h.pid())).toList()
                        + " stoppen niet binnen " + STOP_TIMEOUT.toSeconds() + " s na SIGKILL.");
            }
            all.stream().filter(Emulator::isRunning).forEach(ProcessHandle::destroyForcibly);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ------------------------------------------------------------------------------------------ misc

    /** HTTP status of a GET, or -1 when nothing answers within the timeout. */
    static int httpStatus(URI uri, Duration timeout) {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode();
        } catch (IOException | IllegalArgumentException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static URI parseEndpoint(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new URISyntaxException(value, "verwacht http(s)://host:poort");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(ENV_ENDPOINT + "=" + value + " is geen geldige URL ("
                    + e.getReason() + "), bijv. http://localhost:4566.", e);
        }
    }

    static URI loopback(int port) {
        return URI.create("http://" + LOOPBACK + ":" + port);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("Geen vrije poort op " + LOOPBACK + " te vinden: " + e.getMessage(), e);
        }
    }

    static Path logDirectory(Path workDir) {
        try {
            Path target = workDir.resolve("target");
            if (Files.isDirectory(target)) {
                return Files.createDirectories(target.resolve("emulator"));
            }
            return Files.createTempDirectory("termijnwacht-emulator");
        } catch (IOException e) {
            throw new UncheckedIOException("Geen map voor het emulatorlog: " + e.getMessage(), e);
        }
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log niet leesbaar: " + e.getMessage() + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Wachten op de emulator onderbroken", e);
        }
    }
}

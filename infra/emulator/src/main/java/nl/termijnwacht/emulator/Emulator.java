package nl.termijnwacht.emulator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

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
 *       {@link #start(Path)} launches a {@code moto_server} that outlives the JVM and records it in
 *       {@code stateDir/emulator.properties}; {@link #status(Path)}, {@link #stop(Path)} and
 *       {@link #running(Path)} read that record.</li>
 * </ul>
 *
 * <p>{@code moto_server} is looked up in this order: the environment variable
 * {@code TERMIJNWACHT_MOTO_SERVER}, {@code <repo>/.venv/bin/moto_server} (created by
 * {@code infra/emulator/install-moto.sh}), then the {@code PATH}. When it cannot be found or started
 * an {@link IllegalStateException} says what was tried and how to fix it; nothing is ever skipped.
 *
 * <p>JDK only: no AWS SDK here, so every module can use it in tests.
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

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration EXTERNAL_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int START_ATTEMPTS = 3;

    private static final HttpClient HTTP = HttpClient.newBuilder()
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
            Process process;
            try {
                process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("Kon " + executable + " niet starten: " + e.getMessage()
                        + ". " + howToFix(), e);
            }
            URI uri = loopback(port);
            try {
                awaitReady(process, uri, executable, log);
                return new Emulator(uri, true, process, log);
            } catch (IllegalStateException e) {
                destroyTree(process);
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

    // --------------------------------------------------------------------------------------- detached

    /** The default state directory of the detached emulator: {@code <repo>/.termijnwacht/emulator}. */
    public static Path defaultStateDir() {
        Path workDir = Path.of(System.getProperty("user.dir"));
        Path base = repoRoot(workDir).orElseGet(() -> Path.of(System.getProperty("user.home")));
        return base.resolve(".termijnwacht").resolve("emulator");
    }

    /**
     * Starts a detached moto_server that outlives this JVM, or returns the one already running
     * (state {@link EmulatorStatus.State#RUNNING}). Its output goes to {@code stateDir/moto.log}.
     *
     * @throws IllegalStateException when moto_server cannot be found or does not come up
     */
    public static EmulatorStatus start(Path stateDir) {
        return start(stateDir, System.getenv(), Path.of(System.getProperty("user.dir")));
    }

    static synchronized EmulatorStatus start(Path stateDir, Map<String, String> env, Path workDir) {
        return withLock(stateDir, () -> {
            EmulatorStatus current = inspect(stateDir, Duration.ofSeconds(2));
            if (current.state() == EmulatorStatus.State.NOT_RESPONDING) {
                // Perhaps still starting up: give it a moment before replacing it.
                current = awaitAnswer(current, stateDir, Duration.ofSeconds(5));
            }
            if (current.running()) {
                return new EmulatorStatus(EmulatorStatus.State.RUNNING, current.pid(), current.endpoint(),
                        current.logFile(), "Emulator draait al op " + current.endpoint() + " (pid " + current.pid() + ").");
            }
            if (current.state() == EmulatorStatus.State.NOT_RESPONDING) {
                kill(ProcessHandle.of(current.pid()).orElse(null));
                deleteState(stateDir);
            }
            Path executable = locateMotoServer(env, workDir);
            Path log = stateDir.resolve(LOG_FILE);
            IllegalStateException last = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                int port = freePort();
                List<String> command = new ArrayList<>();
                setsid().ifPresent(setsid -> command.add(setsid.toString()));
                command.addAll(motoCommand(executable, port));
                Process process;
                try {
                    process = new ProcessBuilder(command)
                            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
                } catch (IOException e) {
                    throw new IllegalStateException("Kon " + executable + " niet starten: " + e.getMessage()
                            + ". " + howToFix(), e);
                }
                URI uri = loopback(port);
                try {
                    awaitReady(process, uri, executable, log);
                } catch (IllegalStateException e) {
                    destroyTree(process);
                    last = e;
                    if (portWasTaken(log)) {
                        continue;
                    }
                    throw e;
                }
                long pid = process.isAlive() ? process.pid() : findMotoPid(port).orElse(process.pid());
                writeState(stateDir, pid, port, uri, log, executable);
                return new EmulatorStatus(EmulatorStatus.State.STARTED, pid, uri, log,
                        "Emulator gestart op " + uri + " (pid " + pid + ", log " + log + ").");
            }
            throw last;
        });
    }

    /** Stops the detached moto_server recorded in {@code stateDir}, if any, and removes the record. */
    public static synchronized EmulatorStatus stop(Path stateDir) {
        return withLock(stateDir, () -> {
            Optional<Properties> state = readState(stateDir);
            Path log = stateDir.resolve(LOG_FILE);
            if (state.isEmpty()) {
                return new EmulatorStatus(EmulatorStatus.State.NOT_RUNNING, -1, null, log, "Emulator draaide niet.");
            }
            long pid = pid(state.get());
            URI uri = recordedEndpoint(state.get());
            Optional<ProcessHandle> handle = liveMoto(pid);
            deleteState(stateDir);
            if (handle.isEmpty()) {
                return new EmulatorStatus(EmulatorStatus.State.NOT_RUNNING, -1, null, log,
                        "Emulator draaide niet meer (verouderde toestand opgeruimd).");
            }
            kill(handle.get());
            return new EmulatorStatus(EmulatorStatus.State.STOPPED, pid, uri, log,
                    "Emulator gestopt (pid " + pid + ", " + uri + ").");
        });
    }

    /** Whether the detached moto_server recorded in {@code stateDir} is alive and answers. */
    public static synchronized EmulatorStatus status(Path stateDir) {
        return withLock(stateDir, () -> inspect(stateDir, Duration.ofSeconds(2)));
    }

    /** The endpoint of the detached emulator, when it runs and answers. */
    public static Optional<URI> running(Path stateDir) {
        return status(stateDir).endpointIfRunning();
    }

    /**
     * The endpoint the local CLI should talk to: {@code AWS_ENDPOINT_URL} when set (it must answer),
     * else the detached emulator in {@code stateDir} (it must run).
     *
     * @throws IllegalStateException saying clearly which endpoint does not answer and what to do
     */
    public static URI resolveEndpoint(Path stateDir) {
        return resolveEndpoint(stateDir, System.getenv());
    }

    static URI resolveEndpoint(Path stateDir, Map<String, String> env) {
        String configured = env.get(ENV_ENDPOINT);
        if (configured != null && !configured.isBlank()) {
            URI uri = parseEndpoint(configured.strip());
            if (httpStatus(uri, EXTERNAL_TIMEOUT) < 0) {
                throw new IllegalStateException(ENV_ENDPOINT + "=" + configured.strip() + " antwoordt niet. "
                        + "Start die emulator, of maak " + ENV_ENDPOINT
                        + " leeg om de ingebouwde emulator te gebruiken (./termijnwacht emulator start).");
            }
            return uri;
        }
        EmulatorStatus status = status(stateDir);
        if (status.running()) {
            return status.endpoint();
        }
        throw new IllegalStateException("Geen emulator bereikbaar: " + ENV_ENDPOINT
                + " is niet gezet en de ingebouwde emulator draait niet (" + status.message() + "). "
                + "Start hem met ./termijnwacht emulator start, of zet " + ENV_ENDPOINT
                + " op LocalStack/Floci (bijv. http://localhost:4566).");
    }

    private static EmulatorStatus inspect(Path stateDir, Duration timeout) {
        Path log = stateDir.resolve(LOG_FILE);
        Optional<Properties> state = readState(stateDir);
        if (state.isEmpty()) {
            return new EmulatorStatus(EmulatorStatus.State.NOT_RUNNING, -1, null, log,
                    "Emulator draait niet (start hem met ./termijnwacht emulator start).");
        }
        long pid = pid(state.get());
        URI uri = recordedEndpoint(state.get());
        if (liveMoto(pid).isEmpty() || uri == null) {
            deleteState(stateDir);
            return new EmulatorStatus(EmulatorStatus.State.NOT_RUNNING, -1, null, log,
                    "Emulator draait niet (het proces " + pid + " bestaat niet meer; verouderde toestand opgeruimd).");
        }
        if (httpStatus(uri.resolve("/moto-api/"), timeout) == 200) {
            return new EmulatorStatus(EmulatorStatus.State.RUNNING, pid, uri, log,
                    "Emulator draait op " + uri + " (pid " + pid + ", log " + log + ").");
        }
        return new EmulatorStatus(EmulatorStatus.State.NOT_RESPONDING, pid, uri, log,
                "Emulatorproces " + pid + " leeft, maar " + uri + " antwoordt niet; zie " + log
                        + ", of herstart met ./termijnwacht emulator stop en start.");
    }

    private static EmulatorStatus awaitAnswer(EmulatorStatus current, Path stateDir, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        EmulatorStatus status = current;
        while (status.state() == EmulatorStatus.State.NOT_RESPONDING && Instant.now().isBefore(deadline)) {
            sleep(200);
            status = inspect(stateDir, Duration.ofSeconds(1));
        }
        return status;
    }

    private interface Locked<T> {
        T run();
    }

    private static <T> T withLock(Path stateDir, Locked<T> action) {
        try {
            Files.createDirectories(stateDir);
            try (FileChannel channel = FileChannel.open(stateDir.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return action.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Emulator-toestand in " + stateDir + " niet te gebruiken: " + e.getMessage(), e);
        }
    }

    private static void writeState(Path stateDir, long pid, int port, URI uri, Path log, Path executable) {
        Properties properties = new Properties();
        properties.setProperty("pid", Long.toString(pid));
        properties.setProperty("port", Integer.toString(port));
        properties.setProperty("endpoint", uri.toString());
        properties.setProperty("log", log.toString());
        properties.setProperty("executable", executable.toString());
        properties.setProperty("started", Instant.now().toString());
        Path target = stateDir.resolve(STATE_FILE);
        Path tmp = stateDir.resolve(STATE_FILE + ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                properties.store(writer, "Termijnwacht emulator (moto_server), beheerd door ./termijnwacht emulator");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Kon " + target + " niet schrijven: " + e.getMessage(), e);
        }
    }

    private static Optional<Properties> readState(Path stateDir) {
        Path file = stateDir.resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            return Optional.of(properties);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(new Properties()); // unreadable: treated as stale
        }
    }

    private static void deleteState(Path stateDir) {
        try {
            Files.deleteIfExists(stateDir.resolve(STATE_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("Kon " + stateDir.resolve(STATE_FILE) + " niet verwijderen", e);
        }
    }

    private static long pid(Properties state) {
        try {
            return Long.parseLong(state.getProperty("pid", "-1").strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static URI recordedEndpoint(Properties state) {
        String value = state.getProperty("endpoint");
        if (value == null) {
            return null;
        }
        try {
            return new URI(value.strip());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The process, if it is alive and (as far as the OS tells) a moto server: guards against pid reuse. */
    private static Optional<ProcessHandle> liveMoto(long pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(Emulator::isRunning).filter(Emulator::looksLikeMoto);
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

    private static boolean looksLikeMoto(ProcessHandle handle) {
        ProcessHandle.Info info = handle.info();
        Optional<String> commandLine = info.commandLine();
        if (commandLine.isEmpty()) {
            commandLine = info.command();
        }
        return commandLine.map(c -> c.contains("moto")).orElse(true);
    }

    private static Optional<Long> findMotoPid(int port) {
        String portArgument = Integer.toString(port);
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.info().commandLine()
                            .map(c -> c.contains("moto_server") && c.contains(" " + portArgument))
                            .orElse(false))
                    .map(ProcessHandle::pid)
                    .findFirst();
        }
    }

    private static Optional<Path> setsid() {
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
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

    private static String howToFix() {
        return "Oplossing: voer infra/emulator/install-moto.sh uit (installeert moto[server]==" + MOTO_VERSION
                + " in <repo>/.venv), of zet " + ENV_MOTO_SERVER + " op een bestaande moto_server, "
                + "of zet " + ENV_ENDPOINT + " op een draaiende emulator (LocalStack of Floci, bijv. http://localhost:4566).";
    }

    private static List<String> motoCommand(Path executable, int port) {
        return List.of(executable.toString(), "-H", LOOPBACK, "-p", Integer.toString(port));
    }

    // ------------------------------------------------------------------------------------- processes

    private static void awaitReady(Process process, URI uri, Path executable, Path log) {
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

    private static boolean portWasTaken(Path log) {
        String text = tail(log, 30);
        return text.contains("Address already in use") || text.contains("already in use");
    }

    /*
     * moto keeps all state in memory and has nothing to flush, but takes about two seconds to exit on
     * SIGTERM (interpreter shutdown); SIGKILL stops it at once, which keeps test suites fast.
     */
    private static void destroyTree(Process process) {
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

    private static void kill(ProcessHandle handle) {
        if (handle == null) {
            return;
        }
        List<ProcessHandle> children = handle.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        awaitExit(handle, children);
    }

    /** Polls instead of onExit(): for a process that is not our child the JDK polls with long sleeps. */
    private static void awaitExit(ProcessHandle root, List<ProcessHandle> children) {
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

    // ------------------------------------------------------------------------------------------ main

    /**
     * {@code java -cp … nl.termijnwacht.emulator.Emulator start|stop|status [stateDir]}: the detached
     * emulator without the CLI. Exit code 0 when the command did what was asked (status: it runs),
     * 3 when status finds none running, 1 on an error.
     */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("gebruik: Emulator start|stop|status [stateDir]");
            System.exit(2);
        }
        Path stateDir = args.length == 2 ? Path.of(args[1]) : defaultStateDir();
        try {
            EmulatorStatus result = switch (args[0]) {
                case "start" -> start(stateDir);
                case "stop" -> stop(stateDir);
                case "status" -> status(stateDir);
                default -> {
                    System.err.println("onbekend commando '" + args[0] + "': verwacht start, stop of status");
                    System.exit(2);
                    yield null;
                }
            };
            System.out.println(result.message());
            System.exit(args[0].equals("status") && !result.running() ? 3 : 0);
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(1);
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

    private static URI parseEndpoint(String value) {
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

    private static URI loopback(int port) {
        return URI.create("http://" + LOOPBACK + ":" + port);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("Geen vrije poort op " + LOOPBACK + " te vinden: " + e.getMessage(), e);
        }
    }

    private static Path logDirectory(Path workDir) {
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

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log niet leesbaar: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Wachten op de emulator onderbroken", e);
        }
    }
}

package nl.termijnwacht.emulator;

import static nl.termijnwacht.emulator.Emulator.*;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
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
 * The detached emulator of the local CLI ({@code ./termijnwacht emulator start|stop|status}): a
 * {@code moto_server} that outlives the JVM, recorded in {@code stateDir/emulator.properties} so the next
 * command finds it. The embedded one for tests, and the process helpers both share, are {@link Emulator}.
 */
public final class LosseEmulator {

    private LosseEmulator() {
    }


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
                URI uri = loopback(port);
                Process process;
                try {
                    process = startMoto(new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))),
                            uri, executable, log);
                } catch (IllegalStateException e) {
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
            Optional<ProcessHandle> handle = liveMoto(pid, port(state.get()));
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
        if (liveMoto(pid, port(state.get())).isEmpty() || uri == null) {
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

    private static int port(Properties state) {
        try {
            return Integer.parseInt(state.getProperty("port", "-1").strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The process, if it is alive and (as far as the OS tells) the moto server this state recorded: a moto server on
     * the recorded port. Guards against pid reuse, also by another moto server (a test's own, on another port).
     */
    private static Optional<ProcessHandle> liveMoto(long pid, int port) {
        if (pid <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(Emulator::isRunning).filter(h -> looksLikeMoto(h, port));
    }

    private static boolean looksLikeMoto(ProcessHandle handle, int port) {
        ProcessHandle.Info info = handle.info();
        Optional<String> commandLine = info.commandLine();
        if (commandLine.isEmpty()) {
            return info.command().map(c -> c.contains("moto")).orElse(true);
        }
        // started as `moto_server -H 127.0.0.1 -p PORT` (Emulator.command)
        return commandLine.map(c -> c.contains("moto") && (port <= 0 || (" " + c + " ").contains(" -p " + port + " "))).orElse(true);
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
}

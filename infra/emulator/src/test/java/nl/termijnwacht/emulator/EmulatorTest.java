package nl.termijnwacht.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmulatorTest {

    private static final Path MODULE_DIR = Path.of(System.getProperty("user.dir"));
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /** This machine's environment without AWS_ENDPOINT_URL: these tests are about the embedded server. */
    private static Map<String, String> embeddedEnv() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove(Emulator.ENV_ENDPOINT);
        return env;
    }

    @Test
    void embeddedServerAnswersResetsAndStopsOnClose() throws Exception {
        URI endpoint;
        Path log;
        try (Emulator emulator = Emulator.forTests(embeddedEnv(), MODULE_DIR)) {
            assertTrue(emulator.embedded());
            assertEquals("eu-west-1", emulator.region());
            endpoint = emulator.endpoint();
            assertEquals("127.0.0.1", endpoint.getHost());
            assertEquals(200, get(endpoint.resolve("/moto-api/")).statusCode());
            log = emulator.logFile().orElseThrow();
            assertTrue(log.startsWith(MODULE_DIR.resolve("target")), "log under target/: " + log);

            createTopic(endpoint, "probe");
            assertTrue(listTopics(endpoint).contains(":probe<"), "topic created");
            assertTrue(emulator.reset());
            assertFalse(listTopics(endpoint).contains(":probe<"), "reset clears all state");
        }
        assertEquals(-1, Emulator.httpStatus(endpoint, Duration.ofSeconds(1)), "port no longer answers after close()");
        assertTrue(Files.readString(log).contains("/moto-api/"), "server output drained to " + log);
        assertTrue(Files.readString(log).contains(Emulator.ATOMIC_MARKER), "moto ran with DynamoDB made atomic: " + log);
    }

    @Test
    void motoWithoutTheAtomicityHookIsRefused(@TempDir Path dir) throws IOException {
        // a real moto_server, but started so that Python never sees our PYTHONPATH
        Path real = Emulator.locateMotoServer(embeddedEnv(), MODULE_DIR);
        Path wrapper = dir.resolve("moto_server");
        Files.writeString(wrapper, "#!/bin/sh\nunset PYTHONPATH\nexec '" + real + "' \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = new HashMap<>(embeddedEnv());
        env.put(Emulator.ENV_MOTO_SERVER, wrapper.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Emulator.forTests(env, MODULE_DIR));
        assertTrue(e.getMessage().contains("draait zonder de haak die DynamoDB-verzoeken na elkaar verwerkt"), e.getMessage());
    }

    @Test
    void closeIsIdempotentAndResetAfterCloseIsRefused() {
        Emulator emulator = Emulator.forTests(embeddedEnv(), MODULE_DIR);
        emulator.close();
        emulator.close();
        assertThrows(IllegalStateException.class, emulator::reset);
    }

    @Test
    void usesAwsEndpointUrlWhenSetAndLeavesThatServerAlone() throws Exception {
        try (Emulator own = Emulator.forTests(embeddedEnv(), MODULE_DIR)) {
            Map<String, String> env = new HashMap<>(embeddedEnv());
            env.put(Emulator.ENV_ENDPOINT, own.endpoint().toString());
            try (Emulator external = Emulator.forTests(env, MODULE_DIR)) {
                assertFalse(external.embedded());
                assertEquals(own.endpoint(), external.endpoint());
                assertTrue(external.logFile().isEmpty());
                createTopic(external.endpoint(), "extern");
                assertTrue(external.reset(), "a moto server behind AWS_ENDPOINT_URL can be reset");
                assertFalse(listTopics(external.endpoint()).contains(":extern<"));
            }
            assertEquals(200, get(own.endpoint().resolve("/moto-api/")).statusCode(),
                    "closing an external emulator does not stop it");
        }
    }

    @Test
    void awsEndpointUrlThatDoesNotAnswerIsAClearError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(embeddedEnv());
        env.put(Emulator.ENV_ENDPOINT, "http://127.0.0.1:" + closedPort);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Emulator.forTests(env, MODULE_DIR));
        assertTrue(e.getMessage().contains("http://127.0.0.1:" + closedPort + " antwoordt niet"), e.getMessage());

        env.put(Emulator.ENV_ENDPOINT, "localhost:4566");
        e = assertThrows(IllegalStateException.class, () -> Emulator.forTests(env, MODULE_DIR));
        assertTrue(e.getMessage().contains("geen geldige URL"), e.getMessage());
    }

    @Test
    void missingMotoServerSaysWhatWasTriedAndHowToFix(@TempDir Path elsewhere) {
        Map<String, String> env = new HashMap<>(embeddedEnv());
        env.remove(Emulator.ENV_MOTO_SERVER);
        env.put("PATH", elsewhere.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Emulator.forTests(env, elsewhere));
        String message = e.getMessage();
        assertTrue(message.contains("Geen moto_server gevonden"), message);
        assertTrue(message.contains(Emulator.ENV_MOTO_SERVER + " (niet gezet)"), message);
        assertTrue(message.contains("PATH (" + elsewhere), message);
        assertTrue(message.contains("infra/emulator/install-moto.sh"), message);
        assertTrue(message.contains("AWS_ENDPOINT_URL"), message);
    }

    @Test
    void explicitMotoServerThatDoesNotExistIsAClearError(@TempDir Path dir) {
        Map<String, String> env = new HashMap<>(embeddedEnv());
        env.put(Emulator.ENV_MOTO_SERVER, dir.resolve("nope/moto_server").toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Emulator.forTests(env, MODULE_DIR));
        assertTrue(e.getMessage().contains(Emulator.ENV_MOTO_SERVER + "=" + dir.resolve("nope/moto_server") + " bestaat niet"),
                e.getMessage());
    }

    @Test
    void motoServerThatDiesAtOnceIsReportedWithItsLog(@TempDir Path dir) throws IOException {
        Path fake = dir.resolve("moto_server");
        Files.writeString(fake, "#!/bin/sh\necho 'ModuleNotFoundError: No module named moto' >&2\nexit 3\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = new HashMap<>(embeddedEnv());
        env.put(Emulator.ENV_MOTO_SERVER, fake.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Emulator.forTests(env, MODULE_DIR));
        assertTrue(e.getMessage().contains("stopte direct (exitcode 3)"), e.getMessage());
        assertTrue(e.getMessage().contains("No module named moto"), e.getMessage());
        assertTrue(e.getMessage().contains("install-moto.sh"), e.getMessage());
    }

    @Test
    void findsTheRepositoryRootFromTheModule() {
        Path root = Emulator.repoRoot(MODULE_DIR).orElseThrow();
        assertTrue(Files.isRegularFile(root.resolve("template.yaml")) || Files.isRegularFile(root.resolve("termijnwacht")));
        assertTrue(Files.isDirectory(root.resolve("infra/emulator")), root.toString());
    }

    @Test
    void detachedStartStatusStopRoundTrip(@TempDir Path stateDir) throws Exception {
        assertEquals(EmulatorStatus.State.NOT_RUNNING, LosseEmulator.status(stateDir).state());
        assertEquals(Optional.empty(), LosseEmulator.running(stateDir));

        EmulatorStatus started = LosseEmulator.start(stateDir, embeddedEnv(), MODULE_DIR);
        try {
            assertEquals(EmulatorStatus.State.STARTED, started.state(), started.message());
            assertTrue(started.running());
            assertTrue(ProcessHandle.of(started.pid()).map(Emulator::isRunning).orElse(false));
            assertEquals(200, get(started.endpoint().resolve("/moto-api/")).statusCode());
            assertEquals(stateDir.resolve("moto.log"), started.logFile());

            Properties recorded = new Properties();
            try (var reader = Files.newBufferedReader(stateDir.resolve("emulator.properties"))) {
                recorded.load(reader);
            }
            assertEquals(Long.toString(started.pid()), recorded.getProperty("pid"));
            assertEquals(Integer.toString(started.endpoint().getPort()), recorded.getProperty("port"));
            assertEquals(started.endpoint().toString(), recorded.getProperty("endpoint"));

            EmulatorStatus status = LosseEmulator.status(stateDir);
            assertEquals(EmulatorStatus.State.RUNNING, status.state(), status.message());
            assertEquals(started.endpoint(), status.endpoint());
            assertEquals(Optional.of(started.endpoint()), LosseEmulator.running(stateDir));

            EmulatorStatus again = LosseEmulator.start(stateDir, embeddedEnv(), MODULE_DIR);
            assertEquals(EmulatorStatus.State.RUNNING, again.state(), "start is idempotent");
            assertEquals(started.pid(), again.pid());
            assertTrue(again.message().contains("draait al"), again.message());

            assertEquals(started.endpoint(), LosseEmulator.resolveEndpoint(stateDir, embeddedEnv()));
        } finally {
            EmulatorStatus stopped = LosseEmulator.stop(stateDir);
            assertEquals(EmulatorStatus.State.STOPPED, stopped.state(), stopped.message());
        }
        assertFalse(ProcessHandle.of(started.pid()).map(Emulator::isRunning).orElse(false));
        assertEquals(-1, Emulator.httpStatus(started.endpoint(), Duration.ofSeconds(1)));
        assertFalse(Files.exists(stateDir.resolve("emulator.properties")));
        assertEquals(EmulatorStatus.State.NOT_RUNNING, LosseEmulator.status(stateDir).state());
        assertEquals(EmulatorStatus.State.NOT_RUNNING, LosseEmulator.stop(stateDir).state());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LosseEmulator.resolveEndpoint(stateDir, embeddedEnv()));
        assertTrue(e.getMessage().contains("./termijnwacht emulator start"), e.getMessage());
    }

    @Test
    void detachedServerOutlivesTheJvmThatStartedIt(@TempDir Path stateDir) throws Exception {
        Process jvm = javaProcess(List.of(LosseStarter.class.getName(), stateDir.toString()))
                .redirectErrorStream(true)
                .start();
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jvm.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, jvm.exitValue(), output);
        assertTrue(output.contains("Emulator gestart op http://127.0.0.1:"), output);
        try {
            EmulatorStatus status = LosseEmulator.status(stateDir);
            assertEquals(EmulatorStatus.State.RUNNING, status.state(), status.message());
            assertNotEquals(jvm.pid(), status.pid());
        } finally {
            assertEquals(EmulatorStatus.State.STOPPED, LosseEmulator.stop(stateDir).state());
        }
    }

    @Test
    void staleStateIsCleanedUp(@TempDir Path stateDir) throws Exception {
        Process shortLived = new ProcessBuilder("true").start();
        shortLived.waitFor();
        Files.writeString(stateDir.resolve("emulator.properties"),
                "pid=" + shortLived.pid() + "\nport=1\nendpoint=http://127.0.0.1:1\n");
        EmulatorStatus status = LosseEmulator.status(stateDir);
        assertEquals(EmulatorStatus.State.NOT_RUNNING, status.state());
        assertTrue(status.message().contains("verouderde toestand opgeruimd"), status.message());
        assertFalse(Files.exists(stateDir.resolve("emulator.properties")));
    }

    /** A stale record whose pid now belongs to another moto server (a test's own, on another port) never stops that one. */
    @Test
    void aReusedPidOfAnotherMotoServerIsLeftAlone(@TempDir Path stateDir) throws Exception {
        Process ander = new ProcessBuilder("bash", "-c", "exec -a moto_server sleep 60").start();
        try {
            assertTrue(ander.info().commandLine().orElse("").contains("moto"), "the stand-in looks like moto: " + ander.info().commandLine());
            Files.writeString(stateDir.resolve("emulator.properties"), "pid=" + ander.pid() + "\nport=45678\nendpoint=http://127.0.0.1:45678\n");
            EmulatorStatus status = LosseEmulator.stop(stateDir);
            assertEquals(EmulatorStatus.State.NOT_RUNNING, status.state(), status.message());
            assertTrue(ander.isAlive(), "the other process was not killed");
            assertFalse(Files.exists(stateDir.resolve("emulator.properties")));
        } finally {
            ander.destroyForcibly();
        }
    }

    @Test
    void embeddedServerDiesWithAKilledJvm() throws Exception {
        Process jvm = javaProcess(List.of(EmbeddedHolder.class.getName(), MODULE_DIR.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        URI endpoint;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            assertNotNull(line, "child JVM printed its endpoint");
            endpoint = URI.create(line.strip());
            assertEquals(200, get(endpoint.resolve("/moto-api/")).statusCode());
            jvm.destroyForcibly(); // SIGKILL: no shutdown hooks run
            assertTrue(jvm.waitFor(10, TimeUnit.SECONDS));
        }
        Instant deadline = Instant.now().plusSeconds(10);
        while (Emulator.httpStatus(endpoint, Duration.ofMillis(500)) != -1 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(-1, Emulator.httpStatus(endpoint, Duration.ofSeconds(1)),
                "moto_server stops when the JVM that started it is killed");
    }

    // ----------------------------------------------------------------------------------- helpers

    private static ProcessBuilder javaProcess(List<String> mainAndArgs) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove(Emulator.ENV_ENDPOINT);
        return builder;
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** SNS query-protocol call; moto routes it by the service in the (unchecked) credential scope. */
    private static String sns(URI endpoint, String form) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/"))
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/eu-west-1/sns/aws4_request, "
                                + "SignedHeaders=host, Signature=0")
                        .POST(HttpRequest.BodyPublishers.ofString(form + "&Version=2010-03-31"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static void createTopic(URI endpoint, String name) throws IOException, InterruptedException {
        sns(endpoint, "Action=CreateTopic&Name=" + name);
    }

    private static String listTopics(URI endpoint) throws IOException, InterruptedException {
        return sns(endpoint, "Action=ListTopics");
    }
}

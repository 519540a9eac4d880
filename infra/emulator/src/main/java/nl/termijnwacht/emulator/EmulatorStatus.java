package nl.termijnwacht.emulator;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Result of {@link Emulator#start}, {@link Emulator#stop} and {@link Emulator#status} for the
 * detached emulator used by {@code ./termijnwacht emulator start|stop|status}.
 *
 * @param state    what is the case now (and what the command did)
 * @param pid      process id of the moto server, or -1 when none runs
 * @param endpoint its endpoint ({@code http://127.0.0.1:PORT}), or null when none runs
 * @param logFile  the server's log file (stateDir/moto.log)
 * @param message  one line for the operator, in Dutch, e.g. for the CLI to print
 */
public record EmulatorStatus(State state, long pid, URI endpoint, Path logFile, String message) {

    public enum State {
        /** {@code start} launched a new server; it answers. */
        STARTED,
        /** {@code start} found one already running, or {@code status} found it running; it answers. */
        RUNNING,
        /** {@code stop} stopped a running server. */
        STOPPED,
        /** No server runs (any stale state file has been removed). */
        NOT_RUNNING,
        /** The recorded process is alive but its endpoint does not answer. */
        NOT_RESPONDING
    }

    public EmulatorStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
    }

    /** True when a server runs and answers at {@link #endpoint()}. */
    public boolean running() {
        return state == State.STARTED || state == State.RUNNING;
    }

    public Optional<URI> endpointIfRunning() {
        return running() ? Optional.of(endpoint) : Optional.empty();
    }

    @Override
    public String toString() {
        return message;
    }
}

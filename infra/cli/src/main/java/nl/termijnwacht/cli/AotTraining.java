package nl.termijnwacht.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The launcher's training runs for the JDK's AOT cache (docs/metingen.md, "The CLI"), output discarded: what a run
 * loads and links, every later {@code ./termijnwacht} start gets ready-made. {@code bereken} trains the cache of every
 * command but the demo, {@code demo} the demo's own (it needs moto_server; without it the launcher goes without).
 */
public final class AotTraining {

    private AotTraining() {
    }

    public static void main(String[] args) {
        PrintWriter niets = new PrintWriter(Writer.nullWriter());
        String[] bereken = {"bereken", "--procedure", "regulier", "--ontvangen", "2025-02-21"};
        int uitkomst = switch (args.length == 1 ? args[0] : "") {
            case "bereken" -> Termijnwacht.run(bereken, niets, niets) + Termijnwacht.run(Stream.concat(Arrays.stream(bereken), Stream.of("--json"))
                    .toArray(String[]::new), niets, niets);
            case "demo" -> Termijnwacht.run(new String[] {"demo"}, niets, niets);
            default -> throw new IllegalArgumentException("gebruik: AotTraining bereken|demo");
        };
        System.exit(uitkomst);
    }
}

package nl.termijnwacht.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import nl.termijnwacht.local.Inbox;
import nl.termijnwacht.local.LokaleStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code termijnwacht meldingen [--json]}: print and consume the notifications received so far. */
@Command(name = "meldingen", mixinStandardHelpOptions = true,
        description = "Toont (en verbruikt) de ontvangen meldingen uit de lokale inbox-queues.")
final class MeldingenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "één JSON-object per regel: het JSON-document van de melding plus 'topic'")
    boolean json;

    @Override
    public Integer call() {
        LokaleStack stack = Lokaal.stack(spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        for (ObjectNode m : new Inbox(stack.clients().sqs(), stack.voorzieningen()).leeg()) {
            out.println(json ? m.toString() : "[" + m.path("aangemaakt").asText() + "] " + m.path("topic").asText() + ": " + m.path("tekst").asText());
        }
        out.flush();
        return 0;
    }
}

package nl.termijnwacht.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import nl.termijnwacht.local.LokaleStack;
import nl.termijnwacht.local.Voorzieningen;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code termijnwacht provision}: every table, bus, rule, topic and queue of template.yaml, idempotently. */
@Command(name = "provision", mixinStandardHelpOptions = true,
        description = "Maakt tabellen, bus, regel, topics en queues aan in de emulator (idempotent), plus een inbox-queue per topic.")
final class ProvisionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LokaleStack stack = Lokaal.stack(spec.commandLine().getErr());
        Voorzieningen v = stack.voorzieningen();
        out.println("Emulator: " + stack.endpoint());
        out.println("Tabellen: " + Voorzieningen.ZAKEN + " (met DueIndex), " + Voorzieningen.MELDINGEN + " (TTL expiresAt)");
        out.println("Eventbus: " + Voorzieningen.BUS + ", regel " + Voorzieningen.ZAAK_EVENTS_REGEL);
        out.println("Topic:    " + v.termijnmeldingenTopicArn());
        out.println("Queues:   " + v.afgewezenQueueUrl() + ", zaak-events-dlq, termijn-scanner-dlq");
        v.inboxen().forEach((topic, url) -> out.println("Inbox:    " + topic + " → " + url));
        return 0;
    }
}

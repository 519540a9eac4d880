package nl.termijnwacht.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.Functie;
import nl.termijnwacht.aws.Priming;
import nl.termijnwacht.local.Functiecatalogus;
import nl.termijnwacht.local.Inbox;
import nl.termijnwacht.local.LokaleStack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * SnapStart priming (nl.termijnwacht.aws.Priming) of every function in template.yaml, with the steps its handler
 * supplies, against the emulator: its hooks run, every step succeeds, and it only reads: the SDK saw nothing but GetItem, every table is still empty, no notification
 * reached an inbox and the rejection queue is empty. The JDK here has no jdk.crac, so the hooks are called directly.
 */
class PrimingTest {


    @Test
    void primingLeestAlleenEnLaatDeStackOngemoeid() throws ReflectiveOperationException {
        LokaleStack stack = LokaleStack.voorTest();
        List<String> verzoeken = Collections.synchronizedList(new ArrayList<>());
        ExecutionInterceptor teller = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                verzoeken.add(context.request().getClass().getSimpleName());
            }
        };
        AwsClients aws = stack.clients(List.of(teller));

        for (Functiecatalogus.Functie f : Functiecatalogus.standaard().functies()) {
            String functie = f.naam();
            Functie handler = (Functie) Class.forName(f.handlerKlasse()).getMethod("bouw", AwsClients.class, Clock.class).invoke(null, aws, Clock.systemUTC());
            assertEquals(functie, handler.naam(), "the handler's name is template.yaml's");
            Priming priming = handler.priming();
            priming.beforeCheckpoint(null);
            priming.afterRestore(null);
            assertEquals(priming.stappen(), priming.geslaagd(), functie + ": elke primingstap slaagt");
            assertEquals(1, priming.herstellingen(), functie);
        }

        assertFalse(verzoeken.isEmpty(), "priming raakt de SDK-clients");
        // reads only: GetItem of the priming key, or (stelselrapportage, which has no GetItem right) a Query of the
        // gemeente no zaak has
        assertTrue(verzoeken.stream().allMatch(v -> v.equals("GetItemRequest") || v.equals("QueryRequest")), "alleen lezen, kreeg " + verzoeken);
        assertTrue(verzoeken.contains("QueryRequest"), "stelselrapportage primes its read of the counters");

        AwsClients kijk = stack.clients();
        List<String> tabellen = kijk.dynamoDb().listTables().tableNames();
        assertFalse(tabellen.isEmpty());
        for (String tabel : tabellen) {
            assertEquals(0, kijk.dynamoDb().scan(b -> b.tableName(tabel)).count(), "tabel " + tabel + " blijft leeg");
        }
        assertTrue(new Inbox(kijk.sqs(), stack.voorzieningen()).leeg().isEmpty(), "geen melding gepubliceerd");
        assertTrue(Inbox.leesQueue(kijk.sqs(), stack.voorzieningen().afgewezenQueueUrl()).isEmpty(), "niets in de afwijzingsqueue");
    }

    @Test
    void registrerenZonderJdkCracIsOnschadelijk() {
        assertNotNull(org.crac.Core.getGlobalContext());
        Priming priming = Priming.registreer("zaak-events", List.of(() -> { }));
        assertEquals(1, priming.stappen());
        assertEquals(0, priming.herstellingen());
    }

    @Test
    void eenMislukteStapLaatDeSnapshotDoorgaan() {
        Priming priming = Priming.van("zaak-events", List.of(() -> {
            throw new IllegalStateException("tabel weg");
        }, () -> { }));
        priming.beforeCheckpoint(null);
        assertEquals(1, priming.geslaagd());
    }
}

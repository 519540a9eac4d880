package nl.termijnwacht.functions.termijnscanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.ZaakEvents;
import nl.termijnwacht.aws.ZaakRepository;
import nl.termijnwacht.core.Feit;
import nl.termijnwacht.core.Procedure;
import nl.termijnwacht.core.Zaakdossier;
import nl.termijnwacht.core.Zaakstand;
import nl.termijnwacht.local.LokaleStack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** The scanner's reads grow with the due zaken, not with the table (DESIGN.md §6): counted at the SDK. */
class DueIndexTest {

    /** Counts the items DynamoDB returned to the scanner, and fails on any Scan. */
    static final class Teller implements ExecutionInterceptor {
        final AtomicLong items = new AtomicLong();
        final AtomicLong verzoeken = new AtomicLong();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof ScanRequest) {
                throw new AssertionError("de scanner mag nooit een Scan doen");
            }
            verzoeken.incrementAndGet();
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            SdkResponse r = context.response();
            if (r instanceof QueryResponse q) {
                items.addAndGet(q.count());
            } else if (r instanceof GetItemResponse g && g.hasItem() && !g.item().isEmpty()) {
                items.incrementAndGet();
            }
        }
    }

    /** Imports {@code open} zaken whose next milestone lies weeks ahead and {@code due} that are due at {@code nu}. */
    static void vul(LokaleStack stack, int open, int due, Instant nu) {
        ObjectMapper json = new ObjectMapper();
        AwsClients aws = stack.clients();
        ZaakRepository repo = new ZaakRepository(aws.dynamoDb(), "Zaken", aws.omgeving().dueShards(), new ZaakEvents(json), json);
        Zaakstand.Instellingen instellingen = Zaakstand.Instellingen.standaard();
        List<Zaakstand> standen = new ArrayList<>();
        LocalDate vandaag = LocalDate.ofInstant(nu, Keten.AMSTERDAM);
        for (int i = 0; i < open + due; i++) {
            // due ones were received 8 weeks + a few days ago (VERSTREKEN due); the others this week (next warning weeks away)
            LocalDate ontvangen = i < due ? vandaag.minusDays(60) : vandaag.minusDays(i % 5);
            Zaakdossier d = Zaakdossier.leeg("GM" + String.format("%04d", 100 + i % 300), "Z-" + i)
                    .met(new Feit.AanvraagOntvangen("e" + i, Procedure.REGULIER, ontvangen));
            standen.add(Zaakstand.bepaal(d, java.util.Set.of(), nu.minusSeconds(86400 * 70), instellingen));
        }
        repo.importeer(standen, nu.minusSeconds(86400 * 70));
    }

    @Test
    void tienDuizendOpenZakenWaarvanTienDue() {
        Instant nu = Keten.om7("2026-06-15");
        LokaleStack stack = LokaleStack.voorTest();
        vul(stack, 10_000, 10, nu);
        Teller teller = new Teller();
        TermijnScannerHandler scanner = TermijnScannerHandler.bouw(stack.clients(List.of(teller)), new nl.termijnwacht.local.Simulatieklok(nu));
        TermijnScan.Verslag v = scanner.scan().voerUit(nu);
        assertEquals(10, v.zakenBekeken());
        assertEquals(10, v.verzonden(), "only the latest overdue milestone per zaak: VERSTREKEN");
        // 10 index keys + 2 reads of each due zaak (decide, then advance) — nothing else of the 10,010 zaken
        assertTrue(teller.items.get() <= 30, "items read: " + teller.items.get());
        System.out.printf("termijn-scanner: 10.010 zaken, 10 due → %d items gelezen in %d verzoeken%n", teller.items.get(), teller.verzoeken.get());
    }
}

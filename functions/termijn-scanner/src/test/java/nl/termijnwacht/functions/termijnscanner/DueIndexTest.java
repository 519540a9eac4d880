package nl.termijnwacht.functions.termijnscanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import nl.termijnwacht.local.Keten;
import nl.termijnwacht.local.LokaleStack;
import nl.termijnwacht.local.Proefdata;
import nl.termijnwacht.local.Verzoekteller;
import org.junit.jupiter.api.Test;

/** The scanner's reads grow with the due zaken, not with the table (docs/architectuur.md, "Exactly once"): counted at the SDK. */
class DueIndexTest {

    @Test
    void tienDuizendOpenZakenWaarvanTienDue() {
        Instant nu = Keten.om7("2026-06-15");
        LokaleStack stack = LokaleStack.voorTest();
        Proefdata.vul(stack, 10_000, 10, nu);
        Verzoekteller teller = new Verzoekteller(true);
        TermijnScannerHandler scanner = TermijnScannerHandler.bouw(stack.clients(List.of(teller)), new nl.termijnwacht.local.Simulatieklok(nu));
        nl.termijnwacht.aws.DueScan.Verslag v = scanner.scan().voerUit(nu);
        assertEquals(10, v.bekeken());
        assertEquals(10, v.verzonden(), "only the latest overdue milestone per zaak: VERSTREKEN");
        // the index carries what the scanner plans from: one item read per due zaak (make meting reports 1.00), nothing
        // else of the 10,010 zaken; at most 1.1 per due item leaves room for one re-read after a version conflict
        assertTrue(teller.items() <= 11, "items read for 10 due zaken: " + teller.items() + " (at most 1.1 per due item)");
        System.out.printf("termijn-scanner: 10.010 zaken, 10 due → %d items gelezen in %d verzoeken%n", teller.items(), teller.verzoeken());
    }
}

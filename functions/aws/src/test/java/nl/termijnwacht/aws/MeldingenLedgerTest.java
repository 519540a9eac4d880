package nl.termijnwacht.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import nl.termijnwacht.aws.MeldingenLedger.Claim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The Meldingen ledger on a real AWS-protocol emulator: claims, owners, the lease, SENT and release. */
class MeldingenLedgerTest {

    private static final Instant NU = Instant.parse("2026-04-13T05:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static MeldingenLedger ledger;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void tabel() {
        dynamo = LegeEmulator.dynamo();
        LegeEmulator.maakTabel(dynamo, "Meldingen", "idempotencyKey");
        ledger = new MeldingenLedger(dynamo, "Meldingen", LEASE);
    }

    @Test
    void eenClaimIsVanZijnEigenaarTotDeLeaseVerloopt() {
        String sleutel = "zaak#GM0363#Z-1#VERVALDAG@2026-04-28";
        assertEquals(Claim.GECLAIMD, ledger.claim(sleutel, "VERVALDAG", NU, "run-a"));
        assertEquals(Claim.BEZET, ledger.claim(sleutel, "VERVALDAG", NU.plusSeconds(60), "run-b"), "another run leaves it alone");
        assertEquals(Claim.GECLAIMD, ledger.claim(sleutel, "VERVALDAG", NU.plusSeconds(60), "run-a"),
                "a claim whose answer was lost is recognised by its owner");
        assertEquals(Claim.GECLAIMD, ledger.claim(sleutel, "VERVALDAG", NU.plus(LEASE).plusSeconds(61), "run-b"),
                "after the lease a crashed run's claim is taken over");
        ledger.markeerVerzonden(sleutel, "msg-1", NU.plus(LEASE).plusSeconds(62));
        assertEquals(Claim.AL_VERZONDEN, ledger.claim(sleutel, "VERVALDAG", NU.plus(Duration.ofDays(1)), "run-c"));
        assertEquals(Claim.AL_VERZONDEN, ledger.claim(sleutel, "VERVALDAG", NU.plus(Duration.ofDays(1)), "run-b"), "SENT stays SENT, even for its owner");
    }

    @Test
    void eenVrijgegevenClaimIsMeteenWeerTeClaimen_eenVerzondeNiet() {
        String sleutel = "zaak#GM0363#Z-2#VERVALDAG@2026-04-28";
        assertEquals(Claim.GECLAIMD, ledger.claim(sleutel, "VERVALDAG", NU, "run-a"));
        ledger.geefVrij(sleutel);
        assertEquals(Claim.GECLAIMD, ledger.claim(sleutel, "VERVALDAG", NU, "run-b"), "the next run retries at once");
        ledger.markeerVerzonden(sleutel, "msg-2", NU);
        ledger.geefVrij(sleutel); // too late: it went out
        assertEquals(Claim.AL_VERZONDEN, ledger.claim(sleutel, "VERVALDAG", NU, "run-c"));
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName("Meldingen").key(Map.of("idempotencyKey", AttributeValue.fromS(sleutel)))).item();
        assertEquals("msg-2", item.get("messageId").s());
        assertTrue(Long.parseLong(item.get("expiresAt").n()) > NU.plus(Duration.ofDays(365)).getEpochSecond(), "kept (TTL) far beyond any retry");
    }
}

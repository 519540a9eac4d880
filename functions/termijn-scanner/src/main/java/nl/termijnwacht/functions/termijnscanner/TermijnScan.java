package nl.termijnwacht.functions.termijnscanner;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.termijnwacht.aws.MeldingDocument;
import nl.termijnwacht.aws.MeldingenLedger;
import nl.termijnwacht.aws.Publisher;
import nl.termijnwacht.aws.ZaakRepository;
import nl.termijnwacht.aws.ZaakRepository.Sleutel;
import nl.termijnwacht.aws.ZaakRepository.Zaak;
import nl.termijnwacht.core.Meldingsplanning;
import nl.termijnwacht.core.Mijlpaal;
import nl.termijnwacht.core.Zaakmelding;
import nl.termijnwacht.core.Zaakstand;

/**
 * One run of the termijn scanner: finds the zaken whose next milestone is due (a Query per shard of
 * the sparse due index, never a Scan), notifies each due milestone exactly once through the
 * {@code Meldingen} ledger, and advances each zaak with a version check.
 */
public final class TermijnScan {

    private static final int POGINGEN = 5;

    private final ZaakRepository zaken;
    private final MeldingenLedger ledger;
    private final Publisher publisher;
    private final String topicArn;
    private final Zaakstand.Instellingen instellingen;
    private final ObjectMapper json;

    public TermijnScan(ZaakRepository zaken, MeldingenLedger ledger, Publisher publisher, String topicArn,
                       Zaakstand.Instellingen instellingen, ObjectMapper json) {
        this.zaken = zaken;
        this.ledger = ledger;
        this.publisher = publisher;
        this.topicArn = topicArn;
        this.instellingen = instellingen;
        this.json = json;
    }

    /**
     * What a run did, for the log (no personal data: counts and zaak keys only).
     *
     * @param mislukt    notifications SNS refused (released, retried next run)
     * @param zaakFouten zaken that could not be handled (they stay due and are tried again next run)
     */
    public record Verslag(int zakenBekeken, int verzonden, int alVerzonden, int bezet, int mislukt, List<String> zaakFouten) {
    }

    private record Te(Sleutel zaak, Zaakmelding melding) {
    }

    public Verslag voerUit(Instant nu) {
        List<Sleutel> sleutels = new ArrayList<>();
        for (int shard = 0; shard < zaken.shards(); shard++) {
            sleutels.addAll(zaken.teBekijken(shard, nu));
        }
        // 1. Claim every due milestone in the ledger; what another run holds is left alone.
        Map<Sleutel, Set<String>> verzonden = new LinkedHashMap<>();
        List<Te> teVersturen = new ArrayList<>();
        int alVerzonden = 0;
        int bezet = 0;
        List<String> zaakFouten = new ArrayList<>();
        for (Sleutel s : sleutels) {
            Zaak zaak = zaken.lees(s.gemeente(), s.zaak()).orElse(null);
            if (zaak == null) {
                continue;
            }
            Zaakstand stand;
            try {
                stand = Zaakstand.bepaal(zaak.dossier(), zaak.verzonden(), nu, instellingen);
            } catch (RuntimeException e) {
                // one zaak whose facts no longer compute (e.g. a changed rule) must not stop the others
                zaakFouten.add(s.gemeente() + "/" + s.zaak() + ": " + e.getMessage());
                continue;
            }
            verzonden.put(s, new TreeSet<>());
            for (Mijlpaal m : stand.planning().nuVersturen()) {
                Zaakmelding melding = stand.melding(m, nu);
                switch (ledger.claim(melding.idempotencyKey(), m.soort().name(), nu)) {
                    case GECLAIMD -> teVersturen.add(new Te(s, melding));
                    case AL_VERZONDEN -> {
                        verzonden.get(s).add(Meldingsplanning.sleutel(m));
                        alVerzonden++;
                    }
                    case BEZET -> bezet++;
                }
            }
        }
        // 2. Publish in batches of ten; 3. mark what SNS accepted as SENT, release what it refused.
        List<Publisher.Bericht> berichten = new ArrayList<>(teVersturen.size());
        Map<String, Te> perId = new HashMap<>();
        for (int i = 0; i < teVersturen.size(); i++) {
            Zaakmelding m = teVersturen.get(i).melding();
            String id = "m" + i;
            perId.put(id, teVersturen.get(i));
            berichten.add(new Publisher.Bericht(id, m.onderwerp(), m.tekst(), MeldingDocument.document(json, m), MeldingDocument.attributen(m)));
        }
        int gelukt = 0;
        int mislukt = 0;
        for (Publisher.Uitkomst u : berichten.isEmpty() ? List.<Publisher.Uitkomst>of() : publisher.publiceer(topicArn, berichten)) {
            Te te = perId.get(u.id());
            if (u.gelukt()) {
                ledger.markeerVerzonden(te.melding().idempotencyKey(), u.messageId(), nu);
                verzonden.get(te.zaak()).add(Meldingsplanning.sleutel(te.melding().mijlpaal()));
                gelukt++;
            } else {
                ledger.geefVrij(te.melding().idempotencyKey());
                mislukt++;
            }
        }
        // 4. Advance each zaak: record what was sent and when it is due next.
        for (Map.Entry<Sleutel, Set<String>> e : verzonden.entrySet()) {
            werkBij(e.getKey(), e.getValue(), nu);
        }
        return new Verslag(verzonden.size(), gelukt, alVerzonden, bezet, mislukt, List.copyOf(zaakFouten));
    }

    private void werkBij(Sleutel s, Set<String> nieuwVerzonden, Instant nu) {
        for (int poging = 1; ; poging++) {
            Zaak zaak = zaken.lees(s.gemeente(), s.zaak()).orElse(null);
            if (zaak == null) {
                return;
            }
            Set<String> alle = new TreeSet<>(zaak.verzonden());
            alle.addAll(nieuwVerzonden);
            Zaakstand stand = Zaakstand.bepaal(zaak.dossier(), alle, nu, instellingen);
            try {
                zaken.bewaar(new Zaak(zaak.dossier(), alle, zaak.versie()), stand.termijn(), stand.volgendeMoment(nu), nu);
                return;
            } catch (ZaakRepository.GelijktijdigGewijzigd conflict) {
                if (poging == POGINGEN) {
                    throw conflict;
                }
            }
        }
    }
}

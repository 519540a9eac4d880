package nl.termijnwacht.functions.termijnscanner;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import nl.termijnwacht.aws.MeldingDocument;
import nl.termijnwacht.aws.MeldingenLedger;
import nl.termijnwacht.aws.Parallel;
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
 * {@code Meldingen} ledger, and advances each zaak with a version check. Zaken are handled in
 * parallel (virtual threads, bounded), since the run waits on DynamoDB and SNS.
 */
public final class TermijnScan {

    private static final int POGINGEN = 8;
    private static final int BATCH = 10;

    private final ZaakRepository zaken;
    private final MeldingenLedger ledger;
    private final Publisher publisher;
    private final String topicArn;
    private final Zaakstand.Instellingen instellingen;
    private final ObjectMapper json;
    private final Parallel parallel;

    public TermijnScan(ZaakRepository zaken, MeldingenLedger ledger, Publisher publisher, String topicArn,
                       Zaakstand.Instellingen instellingen, ObjectMapper json, Parallel parallel) {
        this.zaken = zaken;
        this.ledger = ledger;
        this.publisher = publisher;
        this.topicArn = topicArn;
        this.instellingen = instellingen;
        this.json = json;
        this.parallel = parallel;
    }

    /**
     * What a run did, for the log (no personal data: counts and zaak keys only).
     *
     * @param mislukt    notifications SNS refused (released, retried next run)
     * @param zaakFouten zaken that could not be handled (they stay due and are tried again next run)
     */
    public record Verslag(int zakenBekeken, int verzonden, int alVerzonden, int bezet, int mislukt, List<String> zaakFouten) {
    }

    /** A due zaak as read, after claiming: what to publish and what turned out to be sent already. */
    private record Beoordeling(Sleutel sleutel, Zaak zaak, List<Zaakmelding> geclaimd, Set<String> alVerzonden, int bezet, String fout) {
    }

    private record Verzending(Zaakmelding melding, Publisher.Uitkomst uitkomst) {
    }

    public Verslag voerUit(Instant nu) {
        List<Sleutel> sleutels = parallel.map(IntStream.range(0, zaken.shards()).boxed().toList(), shard -> zaken.teBekijken(shard, nu))
                .stream().flatMap(List::stream).toList();

        // 1. Read each due zaak and claim its due milestones in the ledger; what another run holds is left alone.
        List<Beoordeling> beoordelingen = parallel.map(sleutels, s -> beoordeel(s, nu));

        // 2. Publish in batches of ten; 3. mark what SNS accepted as SENT, release what it refused.
        List<Zaakmelding> teVersturen = beoordelingen.stream().flatMap(b -> b.geclaimd().stream()).toList();
        List<List<Zaakmelding>> batches = new ArrayList<>();
        for (int i = 0; i < teVersturen.size(); i += BATCH) {
            batches.add(teVersturen.subList(i, Math.min(i + BATCH, teVersturen.size())));
        }
        List<Verzending> verzendingen = parallel.map(batches, this::publiceer).stream().flatMap(List::stream).toList();
        parallel.map(verzendingen, v -> {
            if (v.uitkomst().gelukt()) {
                ledger.markeerVerzonden(v.melding().idempotencyKey(), v.uitkomst().messageId(), nu);
            } else {
                ledger.geefVrij(v.melding().idempotencyKey());
            }
            return v;
        });

        // 4. Advance each zaak: record what was sent and when it is due next.
        Map<Sleutel, Set<String>> verzonden = new LinkedHashMap<>();
        for (Beoordeling b : beoordelingen) {
            if (b.zaak() != null && b.fout() == null) {
                verzonden.put(b.sleutel(), new TreeSet<>(b.alVerzonden()));
            }
        }
        for (Verzending v : verzendingen) {
            if (v.uitkomst().gelukt()) {
                verzonden.get(new Sleutel(v.melding().gemeente(), v.melding().zaak())).add(Meldingsplanning.sleutel(v.melding().mijlpaal()));
            }
        }
        parallel.map(beoordelingen.stream().filter(b -> verzonden.containsKey(b.sleutel())).toList(), b -> {
            werkBij(b.zaak(), verzonden.get(b.sleutel()), nu);
            return b;
        });

        int gelukt = (int) verzendingen.stream().filter(v -> v.uitkomst().gelukt()).count();
        return new Verslag(verzonden.size(), gelukt,
                beoordelingen.stream().mapToInt(b -> b.alVerzonden().size()).sum(),
                beoordelingen.stream().mapToInt(Beoordeling::bezet).sum(),
                verzendingen.size() - gelukt,
                beoordelingen.stream().filter(b -> b.fout() != null).map(Beoordeling::fout).toList());
    }

    private Beoordeling beoordeel(Sleutel s, Instant nu) {
        Zaak zaak;
        Zaakstand stand;
        try {
            zaak = zaken.lees(s.gemeente(), s.zaak()).orElse(null);
            if (zaak == null) {
                return new Beoordeling(s, null, List.of(), Set.of(), 0, null);
            }
            stand = Zaakstand.bepaal(zaak.dossier(), zaak.verzonden(), nu, instellingen);
        } catch (RuntimeException e) {
            // One zaak that cannot be read or computed (a corrupt item, a rule changed since its facts were
            // accepted) must not stop the others: it is named by reference, counted, and fails the run at the end.
            return new Beoordeling(s, null, List.of(), Set.of(), 0, s.gemeente() + "/" + s.zaak() + ": " + e.getMessage());
        }
        List<Zaakmelding> geclaimd = new ArrayList<>();
        Set<String> alVerzonden = new TreeSet<>();
        int bezet = 0;
        for (Mijlpaal m : stand.planning().nuVersturen()) {
            Zaakmelding melding = stand.melding(m, nu);
            switch (ledger.claim(melding.idempotencyKey(), m.soort().name(), nu)) {
                case GECLAIMD -> geclaimd.add(melding);
                case AL_VERZONDEN -> alVerzonden.add(Meldingsplanning.sleutel(m));
                case BEZET -> bezet++;
            }
        }
        return new Beoordeling(s, zaak, geclaimd, alVerzonden, bezet, null);
    }

    private List<Verzending> publiceer(List<Zaakmelding> batch) {
        List<Publisher.Bericht> berichten = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Zaakmelding m = batch.get(i);
            berichten.add(new Publisher.Bericht("m" + i, m.onderwerp(), m.tekst(), MeldingDocument.document(json, m), MeldingDocument.attributen(m)));
        }
        List<Verzending> uit = new ArrayList<>(batch.size());
        for (Publisher.Uitkomst u : publisher.publiceer(topicArn, berichten)) {
            uit.add(new Verzending(batch.get(Integer.parseInt(u.id().substring(1))), u));
        }
        return uit;
    }

    /** Stores what was sent on the zaak as read; only when another writer came first is it read again. */
    private void werkBij(Zaak gelezen, Set<String> nieuwVerzonden, Instant nu) {
        Zaak zaak = gelezen;
        for (int poging = 1; ; poging++) {
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
                ZaakRepository.wachtNaConflict(poging);
                zaak = zaken.lees(zaak.dossier().gemeente(), zaak.dossier().zaak()).orElse(null);
                if (zaak == null) {
                    return;
                }
            }
        }
    }
}

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
    /** Batches published at the same time: bounds what a crash can re-send to 2 × 10 notifications. */
    static final int PUBLICATIE_BREEDTE = 2;

    private final ZaakRepository zaken;
    private final MeldingenLedger ledger;
    private final Publisher publisher;
    private final String topicArn;
    private final Zaakstand.Instellingen instellingen;
    private final ObjectMapper json;
    private final Parallel parallel;
    private final Parallel publicatie;

    public TermijnScan(ZaakRepository zaken, MeldingenLedger ledger, Publisher publisher, String topicArn,
                       Zaakstand.Instellingen instellingen, ObjectMapper json, Parallel parallel) {
        this.zaken = zaken;
        this.ledger = ledger;
        this.publisher = publisher;
        this.topicArn = topicArn;
        this.instellingen = instellingen;
        this.json = json;
        this.parallel = parallel;
        this.publicatie = new Parallel(PUBLICATIE_BREEDTE);
    }

    /**
     * What a run did, for the log (no personal data: counts and zaak keys only).
     *
     * @param mislukt      notifications not published (SNS refused them, or the call failed): released, retried next run
     * @param zaakFouten   zaken that could not be read, computed, claimed or advanced (they stay due, tried next run)
     * @param overigeFouten a shard query or a batch that failed; the rest of the run went on
     */
    public record Verslag(int zakenBekeken, int verzonden, int alVerzonden, int bezet, int mislukt, List<String> zaakFouten,
                          List<String> overigeFouten) {
        public boolean geslaagd() {
            return zaakFouten.isEmpty() && overigeFouten.isEmpty();
        }
    }

    /** A due zaak as read, after claiming: what to publish and what turned out to be sent already. */
    private record Beoordeling(Sleutel sleutel, Zaak zaak, List<Zaakmelding> geclaimd, Set<String> alVerzonden, int bezet, String fout) {
    }

    private record Verzending(Zaakmelding melding, boolean gepubliceerd) {
    }

    /**
     * One run at instant {@code nu}. {@code run} identifies this run in its ledger claims (the Lambda request id:
     * the same when Lambda retries the invocation), so a claim whose answer was lost is recognised as its own.
     * A failure of one shard, zaak or batch never stops the others; it is reported in the {@link Verslag}.
     */
    public Verslag voerUit(Instant nu, String run) {
        List<String> overigeFouten = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Sleutel> sleutels = parallel.map(IntStream.range(0, zaken.shards()).boxed().toList(), shard -> {
            try {
                return zaken.teBekijken(shard, nu);
            } catch (RuntimeException e) {
                overigeFouten.add("shard " + shard + ": " + e.getMessage());
                return List.<Sleutel>of();
            }
        }).stream().flatMap(List::stream).toList();

        // 1. Read each due zaak and claim its due milestones in the ledger; what another run holds is left alone.
        List<Beoordeling> beoordelingen = parallel.map(sleutels, s -> beoordeel(s, nu, run));

        // 2. Publish in batches of ten, each marked SENT (or released) right after its own publish: a crash then
        //    re-sends at most the batches in flight, PUBLICATIE_BREEDTE × 10 notifications.
        List<Zaakmelding> teVersturen = beoordelingen.stream().flatMap(b -> b.geclaimd().stream()).toList();
        List<List<Zaakmelding>> batches = new ArrayList<>();
        for (int i = 0; i < teVersturen.size(); i += BATCH) {
            batches.add(teVersturen.subList(i, Math.min(i + BATCH, teVersturen.size())));
        }
        List<Verzending> verzendingen = publicatie.map(batches, batch -> verstuur(batch, nu, overigeFouten)).stream().flatMap(List::stream).toList();

        // 3. Advance each zaak: record what was published and when it is due next.
        Map<Sleutel, Set<String>> verzonden = new LinkedHashMap<>();
        for (Beoordeling b : beoordelingen) {
            if (b.zaak() != null && b.fout() == null) {
                verzonden.put(b.sleutel(), new TreeSet<>(b.alVerzonden()));
            }
        }
        for (Verzending v : verzendingen) {
            if (v.gepubliceerd()) {
                verzonden.get(new Sleutel(v.melding().gemeente(), v.melding().zaak())).add(Meldingsplanning.sleutel(v.melding().mijlpaal()));
            }
        }
        List<String> zaakFouten = new ArrayList<>(beoordelingen.stream().filter(b -> b.fout() != null).map(Beoordeling::fout).toList());
        zaakFouten.addAll(parallel.map(beoordelingen.stream().filter(b -> verzonden.containsKey(b.sleutel())).toList(), b -> {
            try {
                werkBij(b.zaak(), verzonden.get(b.sleutel()), nu);
                return "";
            } catch (RuntimeException e) {
                // published and marked: the next run finds the milestone SENT and records it then
                return b.sleutel().gemeente() + "/" + b.sleutel().zaak() + ": " + e.getMessage();
            }
        }).stream().filter(f -> !f.isEmpty()).toList());

        int gelukt = (int) verzendingen.stream().filter(Verzending::gepubliceerd).count();
        return new Verslag(verzonden.size(), gelukt,
                beoordelingen.stream().mapToInt(b -> b.alVerzonden().size()).sum(),
                beoordelingen.stream().mapToInt(Beoordeling::bezet).sum(),
                verzendingen.size() - gelukt, List.copyOf(zaakFouten), List.copyOf(overigeFouten));
    }

    /** A run without a request id of its own (tests, the local CLI). */
    public Verslag voerUit(Instant nu) {
        return voerUit(nu, java.util.UUID.randomUUID().toString());
    }

    private Beoordeling beoordeel(Sleutel s, Instant nu, String run) {
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
        try {
            for (Mijlpaal m : stand.planning().nuVersturen()) {
                Zaakmelding melding = stand.melding(m, nu);
                switch (ledger.claim(melding.idempotencyKey(), m.soort().name(), nu, run)) {
                    case GECLAIMD -> geclaimd.add(melding);
                    case AL_VERZONDEN -> alVerzonden.add(Meldingsplanning.sleutel(m));
                    case BEZET -> bezet++;
                }
            }
        } catch (RuntimeException e) {
            geclaimd.forEach(this::geefVrij); // not published this run: free for the next at once
            return new Beoordeling(s, null, List.of(), Set.of(), 0, s.gemeente() + "/" + s.zaak() + ": " + e.getMessage());
        }
        return new Beoordeling(s, zaak, geclaimd, alVerzonden, bezet, null);
    }

    /** Publishes one batch and settles its ledger records at once: SENT for what SNS took, released for the rest. */
    private List<Verzending> verstuur(List<Zaakmelding> batch, Instant nu, List<String> fouten) {
        List<Publisher.Bericht> berichten = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Zaakmelding m = batch.get(i);
            berichten.add(new Publisher.Bericht("m" + i, m.onderwerp(), m.tekst(), MeldingDocument.document(json, m), MeldingDocument.attributen(m)));
        }
        List<Publisher.Uitkomst> uitkomsten;
        try {
            uitkomsten = publisher.publiceer(topicArn, berichten);
        } catch (RuntimeException e) {
            // Unknown whether SNS took it (the answer may be lost): released, so the next run sends it; if it did
            // go out, that is the one re-send docs/architectuur.md allows, with the same idempotencyKey.
            fouten.add("publicatie van " + batch.size() + " meldingen: " + e.getMessage());
            batch.forEach(this::geefVrij);
            return batch.stream().map(m -> new Verzending(m, false)).toList();
        }
        List<Verzending> uit = new ArrayList<>(batch.size());
        for (Publisher.Uitkomst u : uitkomsten) {
            Zaakmelding m = batch.get(Integer.parseInt(u.id().substring(1)));
            if (u.gelukt()) {
                try {
                    ledger.markeerVerzonden(m.idempotencyKey(), u.messageId(), nu);
                } catch (RuntimeException e) {
                    // published but not marked: the zaak still records it below, so it is not sent again
                    fouten.add("markeren van " + m.idempotencyKey() + ": " + e.getMessage());
                }
            } else {
                geefVrij(m);
            }
            uit.add(new Verzending(m, u.gelukt()));
        }
        return uit;
    }

    private void geefVrij(Zaakmelding m) {
        try {
            ledger.geefVrij(m.idempotencyKey());
        } catch (RuntimeException e) {
            // the lease frees it instead, one run later
        }
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

package nl.termijnwacht.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One run over due work, exactly once (docs/architectuur.md, "Exactly once"): find the due items (a
 * Query per shard of a {@link DueIndex}), read each and plan what is due now, claim each notification in
 * the {@link MeldingenLedger}, publish in batches of ten — each batch settled (SENT or released) right
 * after its own publish — and advance each item. A failure of one shard, item or batch never stops the
 * others; the run reports it, so the caller can fail and the alarm fires. What is due and how an item is
 * read and advanced is the caller's ({@link Werk}); the termijn scanner and the escalatie scanner share
 * the rest.
 *
 * @param <W> an item as read (e.g. a zaak with its version)
 */
public final class DueScan<W> {

    private static final int BATCH = 10;
    /** Batches published at the same time: a crash can re-send at most this × 10 notifications. */
    public static final int PUBLICATIE_BREEDTE = 2;

    /** One notification due now, for topic {@code topicArn}. {@code verzondenSleutel} is how the item records it as sent. */
    public record Uitgaand(String topicArn, String idempotencyKey, String soort, String verzondenSleutel, String onderwerp, String tekst,
                           com.fasterxml.jackson.databind.node.ObjectNode document, Map<String, String> attributen) {
    }

    /** What is due now for one item as read. */
    public record Plan(List<Uitgaand> nuVersturen) {
    }

    /** The caller's part: how a due key is read, what is due for it, and how it is advanced. */
    public interface Werk<W> {
        /** The item for a key from the index; empty when it is gone. */
        Optional<W> lees(Map<String, AttributeValue> sleutel);

        /** The item's name in reports: keys only, never a value from an event. */
        String naam(Map<String, AttributeValue> sleutel);

        Plan plan(W item, Instant nu);

        /** Records {@code verzonden} (keys of {@link Uitgaand#verzondenSleutel}) on the item and sets when it is due next. */
        void werkBij(W item, Set<String> verzonden, Instant nu);
    }

    /**
     * @param verzonden   notifications published
     * @param alVerzonden found SENT already (an earlier run published them)
     * @param bezet       claimed by another run that is still within its lease, or advanced by another run meanwhile
     * @param mislukt     not published (refused or failed): released, tried next run
     * @param itemFouten  items that could not be read, planned, claimed or advanced, by name
     * @param overig      shard queries and batches that failed
     */
    public record Verslag(int bekeken, int verzonden, int alVerzonden, int bezet, int mislukt, List<String> itemFouten, List<String> overig) {
        public boolean geslaagd() {
            return itemFouten.isEmpty() && overig.isEmpty();
        }
    }

    private final DueIndex index;
    private final MeldingenLedger ledger;
    private final Publisher publisher;
    private final Parallel parallel;
    private final Parallel publicatie = new Parallel(PUBLICATIE_BREEDTE);

    public DueScan(DueIndex index, MeldingenLedger ledger, Publisher publisher, Parallel parallel) {
        this.index = index;
        this.ledger = ledger;
        this.publisher = publisher;
        this.parallel = parallel;
    }

    /** The engine on {@code index} with the ledger, topics' publisher and parallelism that {@code aws}'s configuration names. */
    public static <W> DueScan<W> van(DueIndex index, AwsClients aws, com.fasterxml.jackson.databind.ObjectMapper json) {
        Omgeving o = aws.omgeving();
        return new DueScan<>(index, new MeldingenLedger(aws.dynamoDb(), o.meldingenTabel(), o.lease()), new Publisher(aws.sns(), json), new Parallel(o.parallel()));
    }

    private record Beoordeling<W>(String naam, W item, List<Uitgaand> geclaimd, Set<String> alVerzonden, int bezet, String fout) {
    }

    private record Verzending(int beoordeling, Uitgaand uitgaand, boolean gepubliceerd) {
    }

    /**
     * @param run this run's identity in its ledger claims (the Lambda request id: the same when Lambda retries
     *            the invocation), so a claim whose answer was lost is recognised as its own
     */
    public Verslag voerUit(Werk<W> werk, Instant nu, String run) {
        List<String> overig = Collections.synchronizedList(new ArrayList<>());
        List<Map<String, AttributeValue>> sleutels = parallel.map(IntStream.range(0, index.shards()).boxed().toList(), shard -> {
            try {
                return index.due(shard, nu);
            } catch (RuntimeException e) {
                overig.add("shard " + shard + ": " + e.getMessage());
                return List.<Map<String, AttributeValue>>of();
            }
        }).stream().flatMap(List::stream).toList();

        // 1. Read each due item, plan it, and claim what is due in the ledger; what another run holds is left alone.
        List<Beoordeling<W>> beoordelingen = parallel.map(sleutels, s -> beoordeel(werk, s, nu, run));

        // 2. Publish in batches of ten per topic, each settled right after its own publish.
        Map<String, List<Verzending>> perTopic = new LinkedHashMap<>();
        for (int b = 0; b < beoordelingen.size(); b++) {
            for (Uitgaand u : beoordelingen.get(b).geclaimd()) {
                perTopic.computeIfAbsent(u.topicArn(), t -> new ArrayList<>()).add(new Verzending(b, u, false));
            }
        }
        List<List<Verzending>> batches = new ArrayList<>();
        for (List<Verzending> teVersturen : perTopic.values()) {
            for (int i = 0; i < teVersturen.size(); i += BATCH) {
                batches.add(teVersturen.subList(i, Math.min(i + BATCH, teVersturen.size())));
            }
        }
        List<Verzending> verzendingen = publicatie.map(batches, batch -> verstuur(batch, nu, overig)).stream().flatMap(List::stream).toList();

        // 3. Advance each item that was read: record what was published (or found SENT) and when it is due next.
        Map<Integer, Set<String>> verzonden = new LinkedHashMap<>();
        for (int b = 0; b < beoordelingen.size(); b++) {
            if (beoordelingen.get(b).item() != null) {
                verzonden.put(b, new TreeSet<>(beoordelingen.get(b).alVerzonden()));
            }
        }
        for (Verzending v : verzendingen) {
            if (v.gepubliceerd()) {
                verzonden.get(v.beoordeling()).add(v.uitgaand().verzondenSleutel());
            }
        }
        List<String> itemFouten = new ArrayList<>(beoordelingen.stream().filter(b -> b.fout() != null).map(Beoordeling::fout).toList());
        java.util.concurrent.atomic.AtomicInteger inHandenVanEenAndereRun = new java.util.concurrent.atomic.AtomicInteger();
        itemFouten.addAll(parallel.map(List.copyOf(verzonden.entrySet()), e -> {
            Beoordeling<W> b = beoordelingen.get(e.getKey());
            try {
                werk.werkBij(b.item(), e.getValue(), nu);
                return "";
            } catch (Versieconflict anderen) {
                // another run (an overlapping schedule) keeps advancing it: busy, not a fault that should wake a beheerder
                inHandenVanEenAndereRun.incrementAndGet();
                return "";
            } catch (RuntimeException fout) {
                // published and marked: the next run finds it SENT and records it then
                return b.naam() + ": " + fout.getMessage();
            }
        }).stream().filter(f -> !f.isEmpty()).toList());

        int gepubliceerd = (int) verzendingen.stream().filter(Verzending::gepubliceerd).count();
        return new Verslag(verzonden.size(), gepubliceerd, beoordelingen.stream().mapToInt(b -> b.alVerzonden().size()).sum(),
                beoordelingen.stream().mapToInt(Beoordeling::bezet).sum() + inHandenVanEenAndereRun.get(), verzendingen.size() - gepubliceerd,
                List.copyOf(itemFouten), List.copyOf(overig));
    }

    private Beoordeling<W> beoordeel(Werk<W> werk, Map<String, AttributeValue> sleutel, Instant nu, String run) {
        String naam = werk.naam(sleutel);
        W item;
        Plan plan;
        try {
            item = werk.lees(sleutel).orElse(null);
            if (item == null) {
                return new Beoordeling<>(naam, null, List.of(), Set.of(), 0, null);
            }
            plan = werk.plan(item, nu);
        } catch (RuntimeException e) {
            // One item that cannot be read or computed (a corrupt item, a rule changed since it was accepted)
            // must not stop the others: it is named, counted, and fails the run at the end.
            return new Beoordeling<>(naam, null, List.of(), Set.of(), 0, naam + ": " + e.getMessage());
        }
        List<Uitgaand> geclaimd = new ArrayList<>();
        Set<String> alVerzonden = new TreeSet<>();
        int bezet = 0;
        try {
            for (Uitgaand u : plan.nuVersturen()) {
                switch (ledger.claim(u.idempotencyKey(), u.soort(), nu, run)) {
                    case GECLAIMD -> geclaimd.add(u);
                    case AL_VERZONDEN -> alVerzonden.add(u.verzondenSleutel());
                    case BEZET -> bezet++;
                }
            }
        } catch (RuntimeException e) {
            geclaimd.forEach(this::geefVrij); // not published this run: free for the next at once
            return new Beoordeling<>(naam, null, List.of(), Set.of(), 0, naam + ": " + e.getMessage());
        }
        return new Beoordeling<>(naam, item, geclaimd, alVerzonden, bezet, null);
    }

    /** Publishes one batch and settles its ledger records at once: SENT for what SNS took, released for the rest. */
    private List<Verzending> verstuur(List<Verzending> batch, Instant nu, List<String> fouten) {
        List<Publisher.Bericht> berichten = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Uitgaand u = batch.get(i).uitgaand();
            berichten.add(new Publisher.Bericht("m" + i, u.onderwerp(), u.tekst(), u.document(), u.attributen()));
        }
        List<Publisher.Uitkomst> uitkomsten;
        try {
            uitkomsten = publisher.publiceer(batch.getFirst().uitgaand().topicArn(), berichten);
        } catch (RuntimeException e) {
            // Unknown whether SNS took it (the answer may be lost): released, so the next run sends it; if it did
            // go out, that is the one re-send physics allows, with the same idempotencyKey.
            fouten.add("publicatie van " + batch.size() + " meldingen: " + e.getMessage());
            batch.forEach(v -> geefVrij(v.uitgaand()));
            return batch;
        }
        // the ten marks (or releases) of a batch go out side by side: in AWS each waits on the network
        return parallel.map(uitkomsten, u -> {
            Verzending v = batch.get(Integer.parseInt(u.id().substring(1)));
            if (u.gelukt()) {
                try {
                    ledger.markeerVerzonden(v.uitgaand().idempotencyKey(), u.messageId(), nu);
                } catch (RuntimeException e) {
                    // published but not marked: the item still records it, so it is not sent again
                    fouten.add("markeren van " + v.uitgaand().idempotencyKey() + ": " + e.getMessage());
                }
            } else {
                geefVrij(v.uitgaand());
            }
            return new Verzending(v.beoordeling(), v.uitgaand(), u.gelukt());
        });
    }

    private void geefVrij(Uitgaand u) {
        try {
            ledger.geefVrij(u.idempotencyKey());
        } catch (RuntimeException e) {
            // the lease frees it instead, one run later
        }
    }
}

package nl.termijnwacht.functions.stelselrapportage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.DueScan;
import nl.termijnwacht.aws.MeldingenLedger;
import nl.termijnwacht.aws.Parallel;
import nl.termijnwacht.aws.Publisher;
import nl.termijnwacht.aws.Tellers;
import nl.termijnwacht.core.Isoweek;

/**
 * One run of the weekly report (docs/rapportage.md): read the counters, make the report of the week before the run's
 * Monday, keep it in the archive, publish it once to the regietafel, then fold the counters. A run that fails before
 * the publish published nothing and is retried; a retry publishes nothing twice (ledger key per week and recipient).
 */
public final class Stelselrapportage {

    /** How one run's publish went: its ledger claim, and the message id when this run published. */
    private record Uitkomst(MeldingenLedger.Claim claim, String messageId) {
    }

    /** Below SNS's 256 KiB per message, with room for what SNS adds. */
    static final int MAX_BERICHT = Publisher.MAX_BERICHT - 8_192;
    static final String ONTVANGER = "regietafel";

    private final Tellers tellers;
    private final Rapportarchief archief;
    private final MeldingenLedger ledger;
    private final Publisher publisher;
    private final String topic;
    private final ZoneId zone;
    private final ObjectMapper json;
    private final Parallel parallel;

    Stelselrapportage(Tellers tellers, Rapportarchief archief, MeldingenLedger ledger, Publisher publisher, String topic, ZoneId zone, ObjectMapper json,
                      Parallel parallel) {
        this.parallel = parallel;
        this.tellers = tellers;
        this.archief = archief;
        this.ledger = ledger;
        this.publisher = publisher;
        this.topic = topic;
        this.zone = zone;
        this.json = json;
    }

    public Rapportarchief archief() {
        return archief;
    }

    static Stelselrapportage van(AwsClients aws, ObjectMapper json) {
        var o = aws.omgeving();
        return new Stelselrapportage(Tellers.van(aws), new Rapportarchief(aws.dynamoDb(), o.rapportagesTabel(), json),
                new MeldingenLedger(aws.dynamoDb(), o.meldingenTabel(), o.lease()), new Publisher(aws.sns(), json), o.regietafelTopicArn(),
                o.tijdzone(), json, new Parallel(o.parallel()));
    }

    public DueScan.Verslag voerUit(Instant nu, String run) {
        Isoweek week = Isoweek.gerapporteerdOp(nu, zone);
        Map<String, Tellers.Stand> standen = tellers.lees();
        Stelselrapport rapport = Stelselrapport.maak(week, nu, standen, json);
        Rapportarchief.Bewaard bewaard = archief.bewaar(week, rapport.document(), rapport.samenvatting());
        Uitkomst u = publiceer(week, rapport, bewaard, nu, run);
        List<String> overig = new ArrayList<>();
        if (u.claim() == MeldingenLedger.Claim.GECLAIMD && u.messageId() == null) {
            overig.add("publiceren van het rapport van " + week + " mislukt");
        }
        // fold each gemeente's weeks before the reported one, from what was read (a transaction per gemeente, in parallel)
        List<Tellers.Stand> teVouwen = standen.values().stream().filter(s -> !s.scope().equals(Tellers.LANDELIJK)).toList();
        parallel.map(teVouwen, s -> tellers.vouw(s, week, week.plus(-Stelselrapport.VERLOOP_WEKEN + 1)));
        int gemeenten = (int) standen.keySet().stream().filter(s -> !s.equals(Tellers.LANDELIJK)).count();
        boolean verzonden = u.messageId() != null;
        return new DueScan.Verslag(gemeenten, verzonden ? 1 : 0, u.claim() == MeldingenLedger.Claim.AL_VERZONDEN ? 1 : 0,
                u.claim() == MeldingenLedger.Claim.BEZET ? 1 : 0, overig.isEmpty() ? 0 : 1, List.of(), overig);
    }

    private Uitkomst publiceer(Isoweek week, Stelselrapport rapport, Rapportarchief.Bewaard bewaard, Instant nu, String run) {
        String sleutel = idempotencyKey(week);
        MeldingenLedger.Claim claim = ledger.claim(sleutel, "RAPPORTAGE", nu, run);
        if (claim != MeldingenLedger.Claim.GECLAIMD) {
            return new Uitkomst(claim, null);
        }
        Publisher.Bericht b = bericht(week, bewaard, rapport.samenvatting(), sleutel);
        Publisher.Uitkomst p;
        try {
            p = publisher.publiceer(topic, List.of(b)).get(0);
        } catch (RuntimeException e) {
            ledger.geefVrij(sleutel);
            throw e;
        }
        if (!p.gelukt()) {
            ledger.geefVrij(sleutel);
            return new Uitkomst(claim, null);
        }
        ledger.markeerVerzonden(sleutel, p.messageId(), nu);
        return new Uitkomst(claim, p.messageId());
    }

    /** The regietafel's idempotency key: one report per week and recipient. */
    public static String idempotencyKey(Isoweek week) {
        return "rapportage#" + week + "#" + ONTVANGER;
    }

    /**
     * The notice: the summary as its text and the stored document with its key and version. When that would not fit
     * in one SNS message (a national report: the document travels once per protocol), the document keeps the totals,
     * the trend and the lists, shortened to what fits, and names only the gemeenten that need attention, most urgent
     * first ({@code gemeentenVolledig: false}); the stored report always holds every gemeente.
     */
    Publisher.Bericht bericht(Isoweek week, Rapportarchief.Bewaard bewaard, String tekst, String sleutel) {
        ObjectNode d = bewaard.document().deepCopy();
        d.put("soort", "RAPPORTAGE").put("aangemaakt", bewaard.document().path("gemaakt").asText());
        d.put("idempotencyKey", sleutel).put("versie", bewaard.versie()).put("gemeentenVolledig", true);
        Publisher.Bericht b = bericht(week, d, tekst, sleutel);
        for (int ruimte = 100; publisher.grootte(b) > MAX_BERICHT && ruimte > 0; ruimte /= 2) {
            List<String> volgorde = new ArrayList<>();
            d.path("aandacht").forEach(a -> volgorde.add(a.path("gemeente").asText()));
            Map<String, com.fasterxml.jackson.databind.JsonNode> perGemeente = new java.util.HashMap<>();
            bewaard.document().path("gemeenten").forEach(g -> perGemeente.put(g.path("gemeente").asText(), g));
            ArrayNode gemeenten = d.arrayNode();
            volgorde.stream().limit(ruimte).map(perGemeente::get).filter(java.util.Objects::nonNull).forEach(gemeenten::add);
            d.set("gemeenten", gemeenten);
            d.set("aandacht", kort(bewaard.document().path("aandacht"), ruimte));
            d.set("bovenaan", kort(bewaard.document().path("bovenaan"), ruimte));
            d.put("gemeentenVolledig", false);
            b = bericht(week, d, tekst, sleutel);
        }
        return b;
    }

    private static Publisher.Bericht bericht(Isoweek week, ObjectNode d, String tekst, String sleutel) {
        return new Publisher.Bericht("rapport", "Stelselrapportage " + week, tekst, d, Map.of("soort", "RAPPORTAGE", "idempotencyKey", sleutel));
    }

    private static ArrayNode kort(com.fasterxml.jackson.databind.JsonNode lijst, int hoogstens) {
        ArrayNode uit = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < Math.min(hoogstens, lijst.size()); i++) {
            uit.add(lijst.get(i));
        }
        return uit;
    }
}

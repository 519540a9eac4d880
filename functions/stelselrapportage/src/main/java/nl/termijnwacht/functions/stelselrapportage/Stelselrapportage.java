package nl.termijnwacht.functions.stelselrapportage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** What one run made: the week's stored report and whether this run published it. */
    public record Uitkomst(Rapportarchief.Bewaard rapport, MeldingenLedger.Claim claim, String messageId) {
    }

    /** SNS takes 256 KiB per message, and the document travels once per protocol (sqs, lambda, http, https). */
    static final int MAX_BERICHT = 240_000;
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
            return new Uitkomst(bewaard, claim, null);
        }
        ObjectNode document = bericht(bewaard.document(), sleutel, bewaard.versie(), rapport.samenvatting());
        Publisher.Bericht b = new Publisher.Bericht("rapport", "Stelselrapportage " + week, rapport.samenvatting(), document,
                Map.of("soort", "RAPPORTAGE", "idempotencyKey", sleutel));
        Publisher.Uitkomst p;
        try {
            p = publisher.publiceer(topic, List.of(b)).get(0);
        } catch (RuntimeException e) {
            ledger.geefVrij(sleutel);
            throw e;
        }
        if (!p.gelukt()) {
            ledger.geefVrij(sleutel);
            return new Uitkomst(bewaard, claim, null);
        }
        ledger.markeerVerzonden(sleutel, p.messageId(), nu);
        return new Uitkomst(bewaard, claim, p.messageId());
    }

    /** The regietafel's idempotency key: one report per week and recipient. */
    public static String idempotencyKey(Isoweek week) {
        return "rapportage#" + week + "#" + ONTVANGER;
    }

    /**
     * The document as the notice carries it: the stored one with its key and version, and — when the whole national
     * list would not fit in one SNS message — only the gemeenten that need attention ({@code gemeentenVolledig: false}).
     */
    static ObjectNode bericht(ObjectNode opgeslagen, String sleutel, long versie, String tekst) {
        ObjectNode d = opgeslagen.deepCopy();
        d.put("soort", "RAPPORTAGE").put("aangemaakt", opgeslagen.path("gemaakt").asText());
        d.put("idempotencyKey", sleutel).put("versie", versie).put("gemeentenVolledig", true);
        int grootte = 4 * d.toString().getBytes(StandardCharsets.UTF_8).length + 2 * tekst.getBytes(StandardCharsets.UTF_8).length;
        if (grootte > MAX_BERICHT) {
            Set<String> aandacht = new HashSet<>();
            d.path("aandacht").forEach(a -> aandacht.add(a.path("gemeente").asText()));
            ArrayNode alle = (ArrayNode) d.get("gemeenten");
            ArrayNode enkele = d.arrayNode();
            for (var g : alle) {
                if (aandacht.contains(g.path("gemeente").asText()) && enkele.size() < 100) {
                    enkele.add(g);
                }
            }
            d.set("gemeenten", enkele);
            d.put("gemeentenVolledig", false);
        }
        return d;
    }
}

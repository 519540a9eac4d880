package nl.termijnwacht.functions.escalatiescanner;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.termijnwacht.aws.Antwoordlinks;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.DueScan;
import nl.termijnwacht.aws.Versieconflict;
import nl.termijnwacht.aws.EscalatieDocument;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.aws.EscalatieRepository.Opgeslagen;
import nl.termijnwacht.aws.Ladders;
import nl.termijnwacht.aws.Omgeving;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.core.Escalatieladder;
import nl.termijnwacht.core.Escalatiemelding;
import nl.termijnwacht.core.Zaakstand;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The escalatie scanner's part of a {@link DueScan} run (docs/escalatie.md): a due item is read, moved up or
 * reminded when its level let the term pass, and its unsent notices are planned — to topic {@code escalaties},
 * and for levels with {@code informeerRegietafel} also to {@code regietafel}. After publishing it is stored with
 * what was sent and when it is due next. Finding due items, the ledger and publishing are the shared engine's.
 */
public final class EscalatieScan implements DueScan.Werk<Opgeslagen> {

    private final EscalatieRepository escalaties;
    private final Ladders ladders;
    private final Zaakstand.Instellingen instellingen;
    private final ObjectMapper json;
    private final String escalatiesTopic;
    private final String regietafelTopic;
    private final DueScan<Opgeslagen> scan;
    private final Antwoordlinks links;

    /** The scan on the escalations table and configuration of {@code aws}, with {@code ladders}. */
    public EscalatieScan(AwsClients aws, Ladders ladders, ObjectMapper json) {
        this(EscalatieRepository.van(aws), ladders, DueScan.van(EscalatieRepository.van(aws).dueIndex(), aws, json), aws.omgeving(), json,
                Antwoordlinks.van(aws));
    }

    /**
     * @param scan  the engine on {@code escalaties}' due index (a test may pass one whose clients go through a fault proxy)
     * @param links signs the answer links of the notices that invite a level to answer
     */
    public EscalatieScan(EscalatieRepository escalaties, Ladders ladders, DueScan<Opgeslagen> scan, Omgeving omgeving, ObjectMapper json,
                         Antwoordlinks links) {
        this.links = links;
        this.escalaties = escalaties;
        this.ladders = ladders;
        this.instellingen = omgeving.instellingen();
        this.json = json;
        this.escalatiesTopic = omgeving.escalatiesTopicArn();
        this.regietafelTopic = omgeving.regietafelTopicArn();
        this.scan = scan;
    }

    public DueScan.Verslag voerUit(Instant nu, String run) {
        return scan.voerUit(this, nu, run);
    }

    public DueScan.Verslag voerUit(Instant nu) {
        return voerUit(nu, UUID.randomUUID().toString());
    }

    @Override
    public Optional<Opgeslagen> lees(Map<String, AttributeValue> sleutel) {
        // what the index carries is enough to plan; the write back checks the version and re-reads only on a conflict
        return escalaties.uitIndex(sleutel).or(() -> escalaties.lees(EscalatieRepository.id(sleutel)));
    }

    @Override
    public String naam(Map<String, AttributeValue> sleutel) {
        return "escalatie " + EscalatieRepository.id(sleutel);
    }

    private Escalatieladder ladder(Escalatie e, Instant nu) {
        return ladders.ladder(e.ladder(), e.gemeente(), LocalDate.ofInstant(nu, instellingen.zone()));
    }

    /**
     * The item as it stands at {@code nu}: the automatic step due by then applied. An item opened before its ladder was
     * adopted is closed without a notice: a ladder applies from its adoption date, never before.
     */
    private Escalatie bij(Escalatie e, Escalatieladder ladder, Instant nu) {
        if (e.open() && !ladder.geldtOp(e.stand().geopend())) {
            return e.sluitVanzelf("ladder " + ladder.id() + " geldt pas vanaf " + ladder.vastgesteld().datum(), e.stand().geopend());
        }
        return e.bij(ladder, instellingen.kalender(), nu, instellingen.tijd(), instellingen.zone());
    }

    @Override
    public DueScan.Plan plan(Opgeslagen o, Instant nu) {
        Escalatieladder ladder = ladder(o.escalatie(), nu);
        Escalatie e = bij(o.escalatie(), ladder, nu);
        List<DueScan.Uitgaand> uit = new ArrayList<>();
        for (Escalatiemelding m : e.teVersturen(ladder, instellingen.kalender(), nu)) {
            // signed links only in the notice to the level at turn; deterministic, so a re-planned notice carries the same ones
            Map<Escalatie.Antwoordsoort, String> antwoorden = m.nodigtUitTotAntwoord()
                    ? links.voor(e, ladder, instellingen.kalender(), instellingen.tijd(), instellingen.zone()) : Map.of();
            uit.add(new DueScan.Uitgaand(m.regietafel() ? regietafelTopic : escalatiesTopic, m.idempotencyKey(), m.soort().name(), m.idempotencyKey(),
                    m.onderwerp(), m.tekst(antwoorden), EscalatieDocument.document(json, m, antwoorden), EscalatieDocument.attributen(m)));
        }
        return new DueScan.Plan(uit);
    }

    /** Stores the step taken and what was sent; only when another writer came first is it read again and redone. */
    @Override
    public void werkBij(Opgeslagen gelezen, Set<String> nieuwVerzonden, Instant nu) {
        Versieconflict.herhaal(gelezen, () -> escalaties.lees(gelezen.escalatie().id()).orElse(null), o -> {
            if (o == null) {
                return null;
            }
            Escalatieladder ladder = ladder(o.escalatie(), nu);
            Escalatie e = bij(o.escalatie(), ladder, nu).metVerzonden(nieuwVerzonden);
            escalaties.bewaar(e, o, ladder.top(), e.volgendMoment(ladder, instellingen.kalender(), nu, instellingen.tijd(), instellingen.zone()),
                    e.reactieUiterlijk(ladder, instellingen.kalender()), nu);
            return null;
        });
    }
}

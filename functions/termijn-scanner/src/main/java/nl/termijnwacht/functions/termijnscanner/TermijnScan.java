package nl.termijnwacht.functions.termijnscanner;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.DueScan;
import nl.termijnwacht.aws.Versieconflict;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.core.Mijlpaalsoort;
import nl.termijnwacht.aws.MeldingDocument;
import nl.termijnwacht.aws.ZaakRepository;
import nl.termijnwacht.aws.ZaakRepository.Sleutel;
import nl.termijnwacht.aws.ZaakRepository.Zaak;
import nl.termijnwacht.core.Meldingsplanning;
import nl.termijnwacht.core.Mijlpaal;
import nl.termijnwacht.core.Zaakmelding;
import nl.termijnwacht.core.Zaakstand;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The termijn scanner's part of a {@link DueScan} run: a due zaak is read, its due milestones planned
 * (docs/termijnregels.md, Milestones), and after publishing it is stored with what was sent and when it is
 * due next. Finding due zaken, the ledger, publishing and the exactly-once rules are the shared engine's.
 */
public final class TermijnScan implements DueScan.Werk<Zaak> {

    private final ZaakRepository zaken;
    private final EscalatieRepository escalaties;
    private final String topicArn;
    private final Zaakstand.Instellingen instellingen;
    private final ObjectMapper json;
    private final DueScan<Zaak> scan;

    TermijnScan(ZaakRepository zaken, EscalatieRepository escalaties, AwsClients aws, ObjectMapper json) {
        this.zaken = zaken;
        this.escalaties = escalaties;
        this.topicArn = aws.omgeving().termijnmeldingenTopicArn();
        this.instellingen = aws.omgeving().instellingen();
        this.json = json;
        this.scan = DueScan.van(zaken.dueIndex(), aws, json);
    }

    /** One run at {@code nu}; {@code run} identifies its ledger claims (the Lambda request id). */
    public DueScan.Verslag voerUit(Instant nu, String run) {
        return scan.voerUit(this, nu, run);
    }

    /** A run without a request id of its own (tests, the local CLI). */
    public DueScan.Verslag voerUit(Instant nu) {
        return voerUit(nu, UUID.randomUUID().toString());
    }

    @Override
    public Optional<Zaak> lees(Map<String, AttributeValue> sleutel) {
        // what the index carries is enough to plan (one item read per due zaak); the write back checks the version
        return zaken.uitIndex(sleutel).or(() -> {
            Sleutel s = ZaakRepository.sleutel(sleutel);
            return zaken.lees(s.gemeente(), s.zaak());
        });
    }

    @Override
    public String naam(Map<String, AttributeValue> sleutel) {
        Sleutel s = ZaakRepository.sleutel(sleutel);
        return s.gemeente() + "/" + s.zaak();
    }

    @Override
    public DueScan.Plan plan(Zaak zaak, Instant nu) {
        Zaakstand stand = Zaakstand.bepaal(zaak.dossier(), zaak.verzonden(), nu, instellingen);
        List<DueScan.Uitgaand> uit = new ArrayList<>();
        for (Mijlpaal m : stand.planning().nuVersturen()) {
            Zaakmelding melding = stand.melding(m, nu);
            uit.add(new DueScan.Uitgaand(topicArn, melding.idempotencyKey(), m.soort().name(), Meldingsplanning.sleutel(m), melding.onderwerp(),
                    melding.tekst(), MeldingDocument.document(json, melding), MeldingDocument.attributen(melding)));
        }
        return new DueScan.Plan(uit);
    }

    /**
     * A VERSTREKEN just sent (or found sent) opens the zaak's item on ladder termijnoverschrijding, before the zaak
     * records it: after a crash in between, the next run finds the notice SENT and opens again, a no-op. A zaak that
     * is closed by now solves its item (zaak-events does so too; this covers a besluit that came in between).
     */
    private void escaleer(Zaak zaak, Zaakstand stand, Set<String> nieuwVerzonden, Set<String> alle, Instant nu) {
        boolean verstreken = nieuwVerzonden.stream().anyMatch(k -> k.startsWith(Mijlpaalsoort.VERSTREKEN.name() + "@"));
        if (verstreken && stand.termijn() != null) {
            escalaties.openVoorZaak(zaak.dossier(), stand.termijn().uitersteBeslisdatum(), nu, instellingen.zone());
        }
        if (zaak.dossier().afsluiting().isPresent() && alle.stream().anyMatch(k -> k.startsWith(Mijlpaalsoort.VERSTREKEN.name() + "@"))) {
            escalaties.sluitVoorZaak(zaak.dossier(), nu);
        }
    }

    /** Stores what was sent on the zaak as read; only when another writer came first is it read again. */
    @Override
    public void werkBij(Zaak gelezen, Set<String> nieuwVerzonden, Instant nu) {
        Versieconflict.herhaal(gelezen, () -> zaken.lees(gelezen.dossier().gemeente(), gelezen.dossier().zaak()).orElse(null), zaak -> {
            if (zaak == null) {
                return null;
            }
            Set<String> alle = new TreeSet<>(zaak.verzonden());
            alle.addAll(nieuwVerzonden);
            Zaakstand stand = Zaakstand.bepaal(zaak.dossier(), alle, nu, instellingen);
            escaleer(zaak, stand, nieuwVerzonden, alle, nu);
            zaken.bewaar(zaak.metVerzonden(alle), stand.termijn(), stand.telling(), stand.volgendMoment(nu), nu);
            return null;
        });
    }
}

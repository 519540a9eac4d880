package nl.termijnwacht.aws;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.core.OngeldigeInvoer;
import org.junit.jupiter.api.Test;

/** Who may answer on the bus: bound to a gemeente (or, without one, a ladder) and a level; deny by default. Pure, no AWS. */
class AntwoordersTest {

    private static final Escalatie ZAAK = Escalatie.voorVerstrekenZaak("GM0363", "Z-1", LocalDate.parse("2026-04-28"), LocalDate.parse("2026-04-29"));
    /** An item without a gemeente, as the interbestuurlijke ladder has them. */
    private static final Escalatie KNELPUNT = new Escalatie("uitvoeringsknelpunt:thema-x", "uitvoeringsknelpunt", null, null, "Knelpunt in de uitvoering.",
            List.of(new Escalatie.Stap(1, Escalatie.Gebeurtenis.GEOPEND, LocalDate.parse("2026-04-29"), 1, null, null)), Set.of());

    private static String veld(Runnable r) {
        return assertThrows(OngeldigeInvoer.class, r::run).veld();
    }

    @Test
    void eenItemZonderGemeenteVraagtEenBindingAanZijnLadderEnNiveau() {
        Antwoorders a = Antwoorders.lees("ANTWOORDERS", "111111111111=GM0363@2;222222222222=uitvoeringsknelpunt@2", false);
        // the attack of the issue: an account bound to nothing (here: to a gemeente) closed an item without a gemeente
        assertEquals("account", veld(() -> a.toets("111111111111", KNELPUNT, 2)));
        assertEquals("account", veld(() -> a.toets("333333333333", KNELPUNT, 2)));
        assertEquals("account", veld(() -> a.toets("222222222222", KNELPUNT, 1)), "bound to level 2, not 1");
        assertDoesNotThrow(() -> a.toets("222222222222", KNELPUNT, 2));
        assertDoesNotThrow(() -> a.toetsVooraf("222222222222", KNELPUNT.id()), "an id without a gemeente is checked after reading");
    }

    @Test
    void eenGemeentebindingGeldtPerNiveauEnWordtVoorHetLezenGetoetst() {
        Antwoorders a = Antwoorders.lees("ANTWOORDERS", "111111111111=GM0363@1", false);
        assertDoesNotThrow(() -> a.toetsVooraf("111111111111", ZAAK.id()));
        assertEquals("account", veld(() -> a.toetsVooraf("111111111111", Escalatie.idVoorZaak("GM0599", "Z-1"))));
        assertEquals("account", veld(() -> a.toets("111111111111", ZAAK, 3)));
        assertDoesNotThrow(() -> a.toets("111111111111", ZAAK, 1));
    }

    @Test
    void zonderBindingAlleenLokaalOpenInProdDicht() {
        Antwoorders lokaal = Antwoorders.lees("ANTWOORDERS", "", true);
        assertDoesNotThrow(() -> lokaal.toets("123456789012", ZAAK, 3));
        Antwoorders prod = Antwoorders.lees("ANTWOORDERS", "", false);
        OngeldigeInvoer f = assertThrows(OngeldigeInvoer.class, () -> prod.toetsVooraf("123456789012", ZAAK.id()));
        assertTrue(f.reden().contains("antwoorden gaan via de links"), f.reden());
    }

    @Test
    void eenFouteBindingNoemtHetDeelDatFoutIs() {
        IllegalStateException f = assertThrows(IllegalStateException.class, () -> Antwoorders.lees("ANTWOORDERS", "111111111111=GM0363", false));
        assertTrue(f.getMessage().contains("'GM0363' moet GEMEENTE@NIVEAU"), f.getMessage());
        assertThrows(IllegalStateException.class, () -> Antwoorders.lees("ANTWOORDERS", "1111=GM0363@1", false));
    }
}

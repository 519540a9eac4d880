package nl.termijnwacht.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VrijetekstTest {

    private static final String WEG = "[verwijderd]";

    private static boolean heeftStuurteken(String s) {
        return s.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL || Character.getType(cp) == Character.FORMAT);
    }

    @Test
    void stuurtekens_verdwijnen() {
        String t = Vrijetekst.schoon("regel 1\u0000\u0007\u001b[31m\r\nregel 2\t\u202Eomgekeerd\u200B");
        assertFalse(heeftStuurteken(t), t);
        assertTrue(t.contains("regel 1"), t);
        assertTrue(t.contains("regel 2"), t);
        assertTrue(t.contains("omgekeerd"), t);
        assertFalse(t.contains("\n"), t);
    }

    @Test
    void leeg_of_alleen_stuurtekens_wordt_null() {
        assertNull(Vrijetekst.schoon(null));
        assertNull(Vrijetekst.schoon("   \t\n"));
        assertNull(Vrijetekst.schoon("\u0000\u0001\u200B"));
    }

    @Test
    void lengte_hoogstens_500() {
        String precies = "x".repeat(500);
        assertEquals(precies, Vrijetekst.schoon(precies));
        String t = Vrijetekst.schoon("y".repeat(5000));
        assertTrue(t.codePointCount(0, t.length()) <= 500, "lengte " + t.length());
        assertTrue(t.startsWith("yyyy"));
        String emoji = Vrijetekst.schoon("😀".repeat(800));
        assertTrue(emoji.codePointCount(0, emoji.length()) <= 500);
        assertFalse(emoji.codePoints().anyMatch(cp -> Character.getType(cp) == Character.SURROGATE), "no half surrogate pair");
    }

    @Test
    void email_wordt_verwijderd() {
        assertEquals("mail " + WEG + " even", Vrijetekst.schoon("mail jan.jansen@gemeente.nl even"));
        assertEquals("cc " + WEG + ".", Vrijetekst.schoon("cc p.de-vries+vth@amsterdam.nl."));
    }

    @Test
    void handles_worden_verwijderd() {
        assertEquals("volgens " + WEG + " op teams", Vrijetekst.schoon("volgens @pietjansen op teams"));
        assertEquals("zie " + WEG + ", " + WEG, Vrijetekst.schoon("zie @piet_j, @anna"));
    }

    @Test
    void nederlandse_telefoonnummers_worden_verwijderd() {
        assertEquals("bel " + WEG + " morgen", Vrijetekst.schoon("bel 06-12345678 morgen"));
        assertEquals("bel " + WEG + " morgen", Vrijetekst.schoon("bel +31 6 1234 5678 morgen"));
        assertEquals("bel " + WEG + " morgen", Vrijetekst.schoon("bel 020-1234567 morgen"));
        assertEquals("bel " + WEG, Vrijetekst.schoon("bel 06 12 34 56 78"));
        assertEquals("bel " + WEG, Vrijetekst.schoon("bel 0612345678"));
    }

    @Test
    void negen_cijfers_bsn_worden_verwijderd() {
        assertEquals("BSN " + WEG + " aanvrager", Vrijetekst.schoon("BSN 123456782 aanvrager"));
        assertEquals("BSN " + WEG, Vrijetekst.schoon("BSN 1234.56.782"));
        assertFalse(Vrijetekst.schoon("bsn:123456782").contains("123456782"));
    }

    @Test
    void gewone_tekst_met_datums_en_zaaknummers_blijft_heel() {
        String t = "Besluit op 2026-05-04 genomen in ZAAK-2026-0001; termijn van 8 weken, verlengd tot 2026-06-29 (art. 16.64 Ow).";
        assertEquals(t, Vrijetekst.schoon(t));
        String twee = "Zaken ZAAK-2026-0001 en ZAAK-2026-0002 tussen 2026-05-04 en 2026-05-08 besproken met team VTH.";
        assertEquals(twee, Vrijetekst.schoon(twee));
    }

    @Test
    void datum_met_tijd_blijft_heel() {
        // a date followed by a time is ordinary text, not a nine-digit number
        String t = "Overleg op 2026-05-04 10:00 over ZAAK-2026-0001.";
        assertEquals(t, Vrijetekst.schoon(t));
    }

    @Test
    void persoonsgegevens_achter_veel_witruimte_lekken_niet_half() {
        // the input is cut before redacting: an e-mail address on the cut must not leave its local part behind
        String t = Vrijetekst.schoon(" ".repeat(1990) + "jan.jansen@gemeente.nl");
        assertTrue(t == null || !t.contains("jan.jansen"), t);
    }
}

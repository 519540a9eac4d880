package nl.termijnwacht.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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

    /**
     * Personal data as people write it, and as an attacker would to get it past the cleaner into an official notice:
     * each string holds one item ({@code geheim}) that must be gone after cleaning, while the words around it stay.
     */
    static final List<String[]> PERSOONSGEGEVENS = List.of(
            // e-mail: with and without a top-level domain, full-width @, cut short, quoted local part
            new String[] {"mail jan.jansen@gemeente.nl even", "jan.jansen"},
            new String[] {"mail jan@gemeente even", "jan@gemeente"},
            new String[] {"mail jan\uFF20gemeente.nl even", "gemeente.nl"},
            new String[] {"mail o'brien@voorbeeld.nl even", "brien"},
            new String[] {"mail jan.jansen@g", "jan.jansen"},
            // phone numbers: non-breaking and thin spaces, dots, slashes, brackets, full-width and Arabic-Indic digits, 0031
            new String[] {"bel 06\u00A012345678 morgen", "12345678"},
            new String[] {"bel 06\u2009123\u200945\u200967\u20098 morgen", "45"},
            new String[] {"bel 06.12.34.56.78 morgen", "34.56"},
            new String[] {"bel 06/12345678 morgen", "12345678"},
            new String[] {"bel (020) 123 45 67 morgen", "123 45"},
            new String[] {"bel +31 (0)6 1234 5678 morgen", "1234"},
            new String[] {"bel 0031612345678 morgen", "612345678"},
            new String[] {"bel \uFF10\uFF16\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18 morgen", "12345678"},
            new String[] {"bel \u0660\u0666\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668 morgen", "12345678"},
            new String[] {"bel +44 20 7946 0958 morgen", "7946"},
            // BSN: in groups with any separator, in other digits
            new String[] {"BSN 123.456.782 aanvrager", "456"},
            new String[] {"BSN 123\u00A0456\u00A0782 aanvrager", "456"},
            new String[] {"BSN 123/45/67/82 aanvrager", "67"},
            new String[] {"BSN 12-34-56-782 aanvrager", "56"},
            new String[] {"BSN \uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18\uFF12 aanvrager", "1234"},
            // IBAN, postcode and address, date of birth, names after a salutation
            new String[] {"rekening NL91 ABNA 0417 1643 00 graag", "0417"},
            new String[] {"rekening NL91ABNA0417164300 graag", "0417"},
            new String[] {"adres 1234 AB 12 graag", "1234"},
            new String[] {"adres 1234AB graag", "1234"},
            new String[] {"woont Dorpsstraat 12a te dorp", "Dorpsstraat"},
            new String[] {"woont Kerkweg 3-5 te dorp", "Kerkweg"},
            new String[] {"aanvrager geboren 01-02-1980 meldt", "1980"},
            new String[] {"aanvrager geb. 1 februari 1980 meldt", "1980"},
            new String[] {"gesproken met dhr. J. Jansen vandaag", "Jansen"},
            new String[] {"gesproken met mevrouw De Vries vandaag", "Vries"},
            new String[] {"gesproken met de heer Van den Berg vandaag", "Berg"},
            // links, HTML, handles
            new String[] {"zie https://voorbeeld.nl/pad?naam=jan vandaag", "voorbeeld"},
            new String[] {"zie www.voorbeeld.nl/jan vandaag", "voorbeeld"},
            new String[] {"zie <a href=x>klik</a> vandaag", "href"},
            new String[] {"volgens @pietjansen op teams", "pietjansen"});

    @Test
    void persoonsgegevens_in_elke_vorm_verdwijnen() {
        int geprobeerd = 0;
        List<String> gelekt = new java.util.ArrayList<>();
        for (String[] geval : PERSOONSGEGEVENS) {
            String t = Vrijetekst.schoon(geval[0]);
            geprobeerd++;
            if (t == null || t.contains(geval[1]) || !t.contains(WEG)) {
                gelekt.add(geval[0] + " → " + t);
            }
            String eerste = geval[0].substring(0, geval[0].indexOf(' '));
            assertTrue(t != null && t.startsWith(eerste), "the words around it stay: " + t);
        }
        assertEquals(List.of(), gelekt, geprobeerd + " tried");
    }

    @Test
    void gewone_tekst_met_datums_tijden_jaren_en_zaaknummers_blijft_heel() {
        for (String t : List.of(
                "Besluit op 2026-05-04 10:00 in ZAAK-2026-0000123 (art. 16.64 Ow), verlengd tot 29-06-2026.",
                "In 2026 en 2027 zijn 12 zaken afgehandeld, 3 te laat; zie de weg 2 die het team koos.",
                "Teams-overleg met VTH en de afdeling, GM0363, dossier 2026-00123 besproken om 9:30.")) {
            assertEquals(t, Vrijetekst.schoon(t));
        }
    }

    @Test
    void knippen_laat_geen_half_adres_achter() {
        for (int lengte = 470; lengte <= 520; lengte++) {
            String t = Vrijetekst.schoon("x".repeat(1) + " ".repeat(0) + "a ".repeat(lengte / 2) + "jan.jansen@gemeente.nl en meer tekst");
            assertFalse(t.contains("jan.jansen") || t.contains("@"), t);
            assertTrue(t.codePointCount(0, t.length()) <= Vrijetekst.MAX_LENGTE, "length " + t.length());
        }
    }

    @Test
    void een_besluit_in_woorden_is_meer_dan_onzichtbare_tekens() {
        assertTrue(Vrijetekst.heeftWoorden("Eerst de aanvrager bellen, dan besluiten."));
        assertFalse(Vrijetekst.heeftWoorden("\u2800\u3164\u115F"), "braille blank and Hangul fillers are no decision");
        assertFalse(Vrijetekst.heeftWoorden("\u200B\u200B"));
        assertFalse(Vrijetekst.heeftWoorden("ok"));
        assertFalse(Vrijetekst.heeftWoorden("jan@gemeente.nl 0612345678"), "only removed data is no decision");
        assertFalse(Vrijetekst.heeftWoorden(null));
    }

    @Test
    void iban_alleen_met_kloppende_controlecijfers() {
        assertTrue(Vrijetekst.isIban("NL91 ABNA 0417 1643 00"));
        assertFalse(Vrijetekst.isIban("NL92 ABNA 0417 1643 00"));
        assertFalse(Vrijetekst.isIban("GM03 6300 0000 0000"), "too short for an IBAN");
        assertEquals("code AB12 CDEF GHIJ KLMN blijft", Vrijetekst.schoon("code AB12 CDEF GHIJ KLMN blijft"), "IBAN-shaped, check digits wrong");
    }
}

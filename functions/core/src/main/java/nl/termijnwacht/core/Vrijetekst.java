package nl.termijnwacht.core;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Free text from outside (a toelichting with a reply, later a signal's summary) as it may be stored and sent:
 * bounded, without control or invisible characters, and with whatever looks like personal data removed. Notifications
 * never carry personal data (docs/architectuur.md, "Personal data").
 *
 * <p>The order matters, and each step closes a way around the next:
 * <ol>
 *   <li><b>normalise</b>: NFKC (a full-width {@code ＠} or {@code １２３} becomes {@code @} and {@code 123}), every decimal
 *       digit of any script as its ASCII digit, every Unicode space (no-break, thin, …) and control character as a
 *       space, invisible and unassigned characters dropped;</li>
 *   <li><b>remove</b>, on the whole text: links, HTML tags, e-mail addresses (also without a top-level domain), handles,
 *       IBANs, postcodes with a house number, phone numbers and nine-digit numbers (a BSN) with any separators, and a
 *       person's name after a title or salutation (dhr., mevrouw, …);</li>
 *   <li><b>cut</b> to {@value #MAX_LENGTE} characters on a word boundary, so no half address stays behind.</li>
 * </ol>
 */
public final class Vrijetekst {

    public static final int MAX_LENGTE = 500;
    static final String WEG = "[verwijderd]";
    /** What is read of an input at most: anything after it cannot reach a notice anyway. */
    private static final int MAX_INVOER = 20_000;
    private static final String APART = "\uE000";
    private static final String APART_EIND = "\uE001";

    /** Separators people write inside a number: spaces (all kinds, after normalising), dots, dashes, slashes, brackets. */
    private static final String SEP = "[ .\\-/()]";

    /** One kind of personal data: what it looks like, and (when the pattern alone would take too much) a check. */
    private record Regel(Pattern patroon, Predicate<String> is) {
        Regel(String patroon) {
            this(Pattern.compile(patroon), m -> true);
        }
    }

    /** A date of birth goes; any other date or time stays (notices carry dates), so none is taken for a number. */
    private static final Pattern GEBOORTEDATUM = Pattern.compile(
            "(?iU)\\b(?:geboren|geb\\.?|geboortedatum:?) ?(?:op )?\\d{1,4}[ .\\-/](?:\\d{1,2}|\\p{L}+)[ .\\-/]\\d{2,4}");
    private static final Pattern DATUM_OF_TIJD = Pattern.compile(
            "(?<![\\d.\\-/])(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}-\\d{1,2}-\\d{4})(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2})?)?(?![\\d\\-/])|(?<![\\d:])\\d{1,2}:\\d{2}(?![\\d:])");

    /** In this order: a link before an address inside it, an e-mail before a handle, an IBAN before its digits. */
    private static final List<Regel> PERSOONSGEGEVENS = List.of(
            // links of any kind (https://…, ftp://…, www.…) and HTML or XML tags
            new Regel("(?i)\\b(?:[a-z][a-z0-9+.-]{1,15}://|www\\.)\\S+"),
            new Regel("<[^<>]{0,200}>"),
            // e-mail addresses, with or without a top-level domain (jan@gemeente, and jan.jansen@g as a cut left it)
            new Regel("[\\p{L}\\p{N}._%+'-]*[\\p{L}\\p{N}]@[\\p{L}\\p{N}-]*(?:\\.[\\p{L}\\p{N}-]+)*"),
            // handles: @naam
            new Regel("(?<![\\p{L}\\p{N}])@[\\p{L}\\p{N}_.]{1,30}"),
            // an IBAN, in groups or not, when its check digits hold (mod 97): NL91 ABNA 0417 1643 00
            new Regel(Pattern.compile("\\b[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]{1,4}){3,8}\\b"), Vrijetekst::isIban),
            // a Dutch postcode, with a house number after it: 1234 AB 12, 1234AB, 1234ab
            new Regel("\\b[1-9]\\d{3}(?: ?[A-Z]{2}|[a-z]{2})\\b(?: ?\\d{1,5}(?: ?[a-zA-Z])?\\b)?"),
            // a street with a house number: Dorpsstraat 12a, Kerkweg 3-5, Stationsplein 1
            new Regel("(?iU)\\b\\w+(?:straat|weg|laan|plein|gracht|kade|dijk|singel|steeg|pad|hof|park|dreef|markt|erf)"
                    + " ?\\d{1,5}(?: ?[a-z]\\b|-\\d{1,4})?"),
            // phone numbers: a country code (+31, 0031, +44 …) or a Dutch 0 number, with separators of any kind
            new Regel("(?:\\+|\\b00)\\d(?:" + SEP + "{0,2}\\d){7,14}"),
            new Regel("(?<!\\d)\\(?0\\d(?:" + SEP + "{0,2}\\d){8}(?!\\d)"),
            // nine or more digits in a row, or nine written in groups that pass the elfproef (a BSN: 123.456.782)
            new Regel("(?<!\\d)\\d{9,}(?!\\d)"),
            new Regel(Pattern.compile("(?<!\\d)\\d(?:" + SEP + "{1,2}\\d|\\d){8}(?!\\d)"), m -> Zaakdossier.isBsn(m.replaceAll("\\D", ""))),
            // a name after a title or salutation: dhr. J. Jansen, mevrouw De Vries, de heer Van den Berg
            new Regel("(?U)\\b(?:(?i:dhr|mevr|mw|mr|dr|ir|drs|prof)\\.|(?i:de heer|mevrouw|meneer|mijnheer|familie))"
                    + "(?: (?:\\p{Lu}\\.){1,4})?(?: (?i:van|de|der|den|ter|ten|het|la|le|du|da|von)){0,3}(?: \\p{Lu}[\\p{L}'-]+){1,3}"));

    private Vrijetekst() {
    }

    /** The cleaned text, or null when nothing readable is left. */
    public static String schoon(String tekst) {
        if (tekst == null) {
            return null;
        }
        String t = normaliseer(tekst.length() > MAX_INVOER ? tekst.substring(0, MAX_INVOER) : tekst);
        t = GEBOORTEDATUM.matcher(t).replaceAll(WEG);
        // dates and times are set aside (as private-use characters, which normalising removed from the input) so that
        // no rule below reads "2026-05-04 10:00" as a number; they come back unchanged
        List<String> apart = new ArrayList<>();
        t = DATUM_OF_TIJD.matcher(t).replaceAll(m -> {
            apart.add(m.group());
            return APART + (apart.size() - 1) + APART_EIND;
        });
        for (Regel r : PERSOONSGEGEVENS) {
            t = r.patroon().matcher(t).replaceAll(m -> Matcher.quoteReplacement(r.is().test(m.group()) ? WEG : m.group()));
        }
        t = Pattern.compile(APART + "(\\d+)" + APART_EIND).matcher(t).replaceAll(m -> Matcher.quoteReplacement(apart.get(Integer.parseInt(m.group(1)))));
        t = knip(t.replaceAll(" {2,}", " ").strip());
        return t.isBlank() ? null : t;
    }

    /**
     * True when {@code tekst} (cleaned or not) carries a decision in words: at least two words of two or more
     * letters after cleaning. An invisible text, a lone mark or only removed data does not count.
     */
    public static boolean heeftWoorden(String tekst) {
        String t = schoon(tekst);
        if (t == null) {
            return false;
        }
        return Pattern.compile("(?U)\\b\\p{L}{2,}\\b").matcher(t.replace(WEG, " ")).results().count() >= 2;
    }

    /** IBAN check digits (ISO 13616): the number with its first four characters moved to the end, letters as 10–35, mod 97 is 1. */
    static boolean isIban(String kandidaat) {
        String iban = kandidaat.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String herschikt = iban.substring(4) + iban.substring(0, 4);
        int rest = 0;
        for (int i = 0; i < herschikt.length(); i++) {
            int waarde = Character.digit(herschikt.charAt(i), 36);
            if (waarde < 0) {
                return false;
            }
            rest = (waarde < 10 ? rest * 10 + waarde : rest * 100 + waarde) % 97;
        }
        return rest == 1;
    }

    /** NFKC, decimal digits of every script as ASCII, every space or control as one space, invisible characters gone. */
    static String normaliseer(String tekst) {
        String nfkc = Normalizer.normalize(tekst, Normalizer.Form.NFKC);
        StringBuilder s = new StringBuilder(nfkc.length());
        for (int i = 0; i < nfkc.length(); ) {
            int cp = nfkc.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.CONTROL) {
                s.append(' ');
            } else if (type == Character.DECIMAL_DIGIT_NUMBER) {
                s.append((char) ('0' + Character.digit(cp, 10)));
            } else if (type != Character.FORMAT && type != Character.UNASSIGNED && type != Character.PRIVATE_USE && type != Character.SURROGATE) {
                s.appendCodePoint(cp);
            }
        }
        return s.toString();
    }

    /** At most {@value #MAX_LENGTE} code points, cut after the last whole word (a single giant word is cut inside). */
    private static String knip(String t) {
        if (t.codePointCount(0, t.length()) <= MAX_LENGTE) {
            return t;
        }
        String kop = t.substring(0, t.offsetByCodePoints(0, MAX_LENGTE - 1));
        int grens = kop.lastIndexOf(' ');
        return (grens >= MAX_LENGTE / 2 ? kop.substring(0, grens) : kop).strip() + "…";
    }
}

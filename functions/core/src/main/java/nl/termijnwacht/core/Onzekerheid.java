package nl.termijnwacht.core;

import java.time.LocalDate;

/**
 * A point where the law allows another reading than the one the engine took (always the earliest),
 * with the date that other reading gives. Codes:
 * <ul>
 *   <li>{@code A1} opschorting also counts the day of the supplement (uiterste beslisdatum)</li>
 *   <li>{@code A2} verlenging added after the Atw shift (uiterste beslisdatum)</li>
 *   <li>{@code A3} Atw also applied to a term with a verlenging (uiterste beslisdatum)</li>
 *   <li>{@code A4} uitgebreid: a missing day of the month runs on to the next day (uiterste beslisdatum)</li>
 *   <li>{@code A5} first dwangsom day is I + 15 instead of I + 14 (eerste dwangsomdag)</li>
 *   <li>{@code A6} a request to supplement without a term is taken not to suspend (uiterste beslisdatum
 *       if it had suspended; null while it has not been supplemented)</li>
 *   <li>{@code A7} a request to supplement (or a consent) made on the last day of the term is taken not to
 *       suspend, since the term has run by the end of that day (uiterste beslisdatum if it had suspended)</li>
 * </ul>
 */
public record Onzekerheid(String code, LocalDate alternatieveDatum, String toelichting) {
}

package nl.termijnwacht.core;

import java.time.LocalDate;

/**
 * A suspension with the applicant's written consent (Awb 4:15 lid 2 onder a): adds its days.
 *
 * @param datum day of the consent; may be null (the command line gives only the days), only the days count
 */
public record Instemming(LocalDate datum, int dagen) {
}

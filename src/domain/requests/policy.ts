/**
 * @module The periods of the Regulation (国务院令第711号) and the fee measure (国办函〔2020〕109号) as one
 * swappable policy (Alaveteli's late calculator): a province's rules or a later revision change data,
 * not code. Items the domain notes mark [U] (not verified against the source) are switches here.
 */

export interface DeadlinePolicy {
  /** Art. 33 ¶2: answer within 20 working days of receipt. */
  readonly replyWorkingDays: number;
  /** Art. 33 ¶2: one extension of at most 20 working days, with the office head's consent. */
  readonly maxExtensionWorkingDays: number;
  /** Art. 30: ask for correction once, within 7 working days of receipt. */
  readonly correctionNoticeWorkingDays: number;
  /** Art. 32: the third party answers within 15 working days; silence lets the agency decide. */
  readonly thirdPartyWorkingDays: number;
  /** Art. 34: co-making agencies answer within 15 working days; silence means consent. */
  readonly agencyConsultationWorkingDays: number;
  /** Fee measure, per 四川 2021 restatement [V-sec]: pay within 20 working days from the day after receipt. */
  readonly feePaymentWorkingDays: number;
  /**
   * Whether the time between a 收费通知 and payment is left out of the reply period. Not verified
   * against the measure's text [U]; on by default, as agencies cannot provide before payment.
   */
  readonly feeNoticePausesDeadline: boolean;
}

export const REGULATION_2019: DeadlinePolicy = {
  replyWorkingDays: 20,
  maxExtensionWorkingDays: 20,
  correctionNoticeWorkingDays: 7,
  thirdPartyWorkingDays: 15,
  agencyConsultationWorkingDays: 15,
  feePaymentWorkingDays: 20,
  feeNoticePausesDeadline: true,
};

import { escalationSteps, type Escalation, type EscalationStep } from '../../../contracts/safety.ts';

const offsetOf: Record<EscalationStep, keyof Escalation> = {
  reminder: 'reminderAfterS', buddy: 'buddyAfterS', managers: 'managersAfterS', emergency: 'emergencyAfterS',
};

/** When each step of the chain is due for a visit due back at `dueAt`. */
export function stepTimes(chain: Escalation, dueAt: Date): { step: EscalationStep; at: Date }[] {
  return escalationSteps.map((step) => ({ step, at: new Date(dueAt.getTime() + (chain[offsetOf[step]] as number) * 1000) }));
}

/** The steps due by `now` (in order), and when the next one falls due (null: the chain is complete). */
export function chainState(chain: Escalation, dueAt: Date, now: Date): { due: { step: EscalationStep; at: Date }[]; next: Date | null } {
  const times = stepTimes(chain, dueAt);
  return { due: times.filter((t) => t.at.getTime() <= now.getTime()), next: times.find((t) => t.at.getTime() > now.getTime())?.at ?? null };
}

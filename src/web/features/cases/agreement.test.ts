import { describe, expect, it } from 'vitest';
import { consentsOf } from './AgreementTab.tsx';

describe('consentsOf', () => {
  it('names every partner category, "not asked" where nothing (or nonsense) is recorded', () => {
    const c = consentsOf({ consents: { police: 'yes', family: 'no', school: 'maybe' as never } });
    expect(c.police).toBe('yes');
    expect(c.family).toBe('no');
    expect(c.school).toBe('not_asked');
    expect(Object.keys(c)).toHaveLength(9);
    expect(Object.values(consentsOf(null)).every((v) => v === 'not_asked')).toBe(true);
  });
});

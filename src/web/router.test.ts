import { describe, expect, it } from 'vitest';
import { href, parseHash } from './router.js';

describe('hash routes', () => {
  it.each([
    ['', { id: 'home', params: [] }],
    ['#/', { id: 'home', params: [] }],
    ['#/programme', { id: 'programme', params: [] }],
    ['#/learn/sitting-and-desk', { id: 'learn', params: ['sitting-and-desk'] }],
    ['#/nowhere/x', { id: 'home', params: [] }],
    ['#/clinic', { id: 'clinic', params: [] }],
    ['#/clinic/invite', { id: 'clinic', params: ['invite'] }],
    ['#/clinic/person/p_123/report', { id: 'clinic', params: ['person', 'p_123', 'report'] }],
    ['#/link/ABCD-EF23', { id: 'link', params: ['ABCD-EF23'] }],
    ['#/outcomes', { id: 'outcomes', params: [] }],
  ])('%s is %o', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it('round-trips a screen with a parameter that needs escaping', () => {
    expect(parseHash(href('learn', 'a b/c'))).toEqual({ id: 'learn', params: ['a b/c'] });
  });
});

import { z } from 'zod';

/**
 * Zod probes `new Function` to speed up parsing. Under our CSP (no eval) the
 * probe fails harmlessly but is reported as a CSP violation. Must run before
 * any schema is built, so main.tsx imports this module first.
 */
z.config({ jitless: true });

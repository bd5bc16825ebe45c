import { expect } from 'chai';
import { withoutWarning } from '../../cli/commands/shared';

describe('withoutWarning', () => {
  it('drops only the one code while it runs; others pass, and afterwards that code does too', async () => {
    const seen: string[] = [];
    const listen = (w: Error & { code?: string }) => seen.push(w.code ?? w.message);
    process.on('warning', listen);
    try {
      withoutWarning('DEP0111', () => {
        process.emitWarning('hidden', 'DeprecationWarning', 'DEP0111');
        process.emitWarning('shown', { type: 'DeprecationWarning', code: 'PLANPULSE_TEST_1' });
        process.emitWarning('hidden too', { type: 'DeprecationWarning', code: 'DEP0111' });
      });
      process.emitWarning('after', { type: 'ExperimentalWarning', code: 'DEP0111' });
      await new Promise((r) => setImmediate(r));
      expect(seen).to.deep.equal(['PLANPULSE_TEST_1', 'DEP0111']);
    } finally {
      process.off('warning', listen);
    }
  });
});

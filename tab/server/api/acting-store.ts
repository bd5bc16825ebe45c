// The store as the core use cases see it for a tab request. In local sign-in
// the person has no Entra object id, so the use case's "who is this id?"
// (actorFor → findLeadByAadObjectId) is answered with the signed-in lead for
// the local stand-in id. Everything else is the store itself.
import type { Lead } from '../../../core/model';
import type { PlanStore } from '../../../core/ports';
import type { Caller } from './identify';

export function actingStore(store: PlanStore, caller: Caller): PlanStore {
  if (caller.mode !== 'local') return store;
  const lead: Lead = caller.lead;
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'findLeadByAadObjectId') {
        return async (id: string) => (id === caller.identity.aadObjectId ? lead : target.findLeadByAadObjectId(id));
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

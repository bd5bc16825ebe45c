// The small lists a card update looks things up in (priorities, delivery
// groups, who a Teams user is), kept in memory for a short while. Each lookup
// was one Graph request per card tap; the lists change rarely, through this
// store (which forgets what it changed at once) or by hand in SharePoint
// (seen within `ttlMs`, a minute by default).
import type { DeliveryGroup, Lead, Priority } from '../../core/model';
import { deliveryGroupMap, leadMap, priorityMap } from './field-map';
import type { PlanLists } from './plan-lists';

export const READ_MODEL_TTL_MS = 60_000;

interface Held<T> {
  value: T;
  until: number;
}

export class ReadModel {
  private priorities: Held<Map<string, Priority>> | undefined;
  private groups: Held<Map<string, DeliveryGroup>> | undefined;
  private readonly leadsById = new Map<string, Held<Lead | undefined>>();
  private loadingPriorities: Promise<Map<string, Priority>> | undefined;
  private loadingGroups: Promise<Map<string, DeliveryGroup>> | undefined;

  constructor(
    private readonly lists: PlanLists,
    private readonly ttlMs = READ_MODEL_TTL_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  async priority(ref: string): Promise<Priority | undefined> {
    if (!this.fresh(this.priorities)) {
      this.loadingPriorities ??= this.lists.read(priorityMap).then((rows) => new Map(rows.map((r) => [r.value.ref, r.value])));
      try {
        this.priorities = this.hold(await this.loadingPriorities);
      } finally {
        this.loadingPriorities = undefined;
      }
    }
    return this.priorities!.value.get(ref);
  }

  async deliveryGroup(key: string): Promise<DeliveryGroup | undefined> {
    if (!this.fresh(this.groups)) {
      this.loadingGroups ??= this.lists.read(deliveryGroupMap).then((rows) => new Map(rows.map((r) => [r.value.key, r.value])));
      try {
        this.groups = this.hold(await this.loadingGroups);
      } finally {
        this.loadingGroups = undefined;
      }
    }
    return this.groups!.value.get(key);
  }

  /**
   * The lead with this (normalised) Entra id, or undefined, when not held:
   * read on the AadObjectId column and narrowed by `pick`. Who is acting is
   * asked just before the action's priority and group, so when those are not
   * held either, all three are read in one $batch.
   */
  async leadById(id: string, pick: (candidates: Lead[]) => Lead | undefined): Promise<Lead | undefined> {
    const held = this.leadsById.get(id);
    if (this.fresh(held)) return held!.value;
    const byId = { map: leadMap, where: { column: 'AadObjectId', value: id } };
    let lead: Lead | undefined;
    if (this.fresh(this.priorities) && this.fresh(this.groups)) {
      lead = pick((await this.lists.read(leadMap, byId.where)).map((r) => r.value));
    } else {
      const [leads, priorities, groups] = await this.lists.readMany([byId, { map: priorityMap }, { map: deliveryGroupMap }]);
      lead = pick(leads.map((r) => r.value as Lead));
      this.notePlan(
        priorities.map((r) => r.value as Priority),
        groups.map((r) => r.value as DeliveryGroup),
      );
    }
    this.leadsById.set(id, this.hold(lead));
    return lead;
  }

  /** A whole plan was just read: hold what it says. */
  notePlan(priorities: Priority[], groups: DeliveryGroup[]): void {
    this.priorities = this.hold(new Map(priorities.map((p) => [p.ref, p])));
    this.groups = this.hold(new Map(groups.map((g) => [g.key, g])));
  }

  forgetGroups(): void {
    this.groups = undefined;
  }

  forgetLeads(): void {
    this.leadsById.clear();
  }

  forgetAll(): void {
    this.priorities = undefined;
    this.groups = undefined;
    this.leadsById.clear();
  }

  private fresh<T>(held: Held<T> | undefined): boolean {
    return held !== undefined && held.until > this.clock();
  }

  private hold<T>(value: T): Held<T> {
    return { value, until: this.clock() + this.ttlMs };
  }
}

// The small lists a card update looks things up in (priorities, delivery
// groups, who a Teams user is), kept in memory for a short while. Each lookup
// was one Graph request per card tap; the lists change rarely, through this
// store (which forgets what it changed at once) or by hand in SharePoint
// (seen within `ttlMs`, a minute by default).
import type { DeliveryGroup, Lead, Priority } from '../../core/model';
import { deliveryGroupMap, priorityMap } from './field-map';
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

  /** The lead with this (normalised) Entra id, or undefined; `find` is asked only when not held. */
  async leadById(id: string, find: () => Promise<Lead | undefined>): Promise<Lead | undefined> {
    const held = this.leadsById.get(id);
    if (this.fresh(held)) return held!.value;
    const lead = await find();
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

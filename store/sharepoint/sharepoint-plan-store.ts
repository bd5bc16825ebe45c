// The plan kept in SharePoint lists through Microsoft Graph. Each method is a
// short story over the pieces beside it: plan-lists (reads), save-action,
// apply-changes, history and provision.
import { NotFoundError } from '../../core/errors';
import { addressesOf, assertIdentityFree, normaliseAadObjectId, normaliseEmail, normaliseLead, onlyLead } from '../../core/lead-identity';
import type { Action, ActionUpdate, DeliveryGroup, KpiMeasurement, Lead, PlanSnapshot, Priority, Versioned } from '../../core/model';
import type { PlanChanges, PlanStore, ProvisionReport } from '../../core/ports';
import { byRef, compareRefs } from '../../core/refs';
import { applyChanges } from './apply-changes';
import { actionMap, deliveryGroupMap, kpiMap, kpiMeasurementMap, leadMap, outcomeMap, priorityMap, type EntityMap } from './field-map';
import type { GraphClient } from './graph/graph-client';
import { mayBeDuplicate } from './graph/graph-errors';
import { readAllPages } from './graph/paging';
import type { RequestCount } from './graph/request-count';
import { ActionHistory } from './history';
import { MonthSnapshots } from './month-snapshots';
import type { MonthSnapshot } from '../../core/snapshots';
import { PlanLists } from './plan-lists';
import { ReadModel } from './read-model';
import { provision } from './provision';
import { LISTS } from './schema';
import { saveAction } from './save-action';
import { SharePointReachStore } from './sharepoint-reach-store';
import type { Site } from './site';

const byKey = <T extends { key: string }>(a: T, b: T) => a.key.localeCompare(b.key);

export class SharePointPlanStore implements PlanStore {
  private readonly lists: PlanLists;
  private readonly history: ActionHistory;
  private readonly readModel: ReadModel;
  private readonly snapshots: MonthSnapshots;

  constructor(
    private readonly graph: GraphClient,
    private readonly site: Site,
  ) {
    this.lists = new PlanLists(graph, site);
    this.history = new ActionHistory(this.lists);
    this.readModel = new ReadModel(this.lists);
    this.snapshots = new MonthSnapshots(this.lists);
  }

  /** The Graph client this store signs in with, for the app's other Graph calls (installing the Teams app). */
  graphClient(): GraphClient {
    return this.graph;
  }

  /** The bot's conversation and nudge lists, on the same site and Graph client. */
  reachStore(): SharePointReachStore {
    return new SharePointReachStore(this.lists);
  }

  /** Requests sent so far, e.g. to report what an import cost. */
  requestCount(): RequestCount {
    return this.graph.requestCount();
  }

  provision(): Promise<ProvisionReport> {
    return provision(this.graph, this.site);
  }

  /** An unprovisioned site (no lists yet) reads as an empty plan, so a dry run needs no provisioning. */
  async loadPlan(): Promise<PlanSnapshot> {
    const read = async <T>(map: EntityMap<T>) => ((await this.site.has(LISTS[map.list])) ? this.lists.read(map) : []);
    const [groups, priorities, outcomes, actions, kpis, leads] = await Promise.all([
      read(deliveryGroupMap),
      read(priorityMap),
      read(outcomeMap),
      read(actionMap),
      read(kpiMap),
      read(leadMap),
    ]);
    this.readModel.notePlan(
      priorities.map((r) => r.value),
      groups.map((r) => r.value),
    );
    return {
      deliveryGroups: groups.map((r) => r.value).sort(byKey),
      priorities: priorities.map((r) => r.value).sort(byRef),
      outcomes: outcomes.map((r) => r.value).sort(byRef),
      actions: actions.map((r) => ({ value: r.value, etag: r.item.eTag })).sort((a, b) => compareRefs(a.value.ref, b.value.ref)),
      kpis: kpis.map((r) => r.value).sort(byRef),
      leads: leads.map((r) => r.value).sort(byKey),
    };
  }

  /** With the row's copy of its latest record, so the save that usually follows need not read the row again. */
  async getAction(ref: string): Promise<Versioned<Action> | undefined> {
    const row = await this.lists.find(actionMap, ref, ['LastUpdateJson', 'LeadNames']);
    return row && { value: row.value, etag: row.item.eTag };
  }

  /** From the read model: the whole (small) list, read at most once a minute. */
  getPriority(ref: string): Promise<Priority | undefined> {
    return this.readModel.priority(ref);
  }

  getDeliveryGroup(key: string): Promise<DeliveryGroup | undefined> {
    return this.readModel.deliveryGroup(key);
  }

  async saveAction(next: Action, ifMatch: string, update: ActionUpdate): Promise<Versioned<Action>> {
    await this.retryUnrecordedHistory();
    return saveAction(this.lists, this.history, next, ifMatch, update);
  }

  actionHistory(ref: string): Promise<ActionUpdate[]> {
    return this.history.read(ref);
  }

  async applyChanges(changes: PlanChanges): Promise<void> {
    await this.retryUnrecordedHistory();
    this.readModel.forgetAll();
    try {
      await applyChanges(this.lists, this.history, changes);
    } finally {
      this.readModel.forgetAll();
    }
  }

  async listLeads(): Promise<Lead[]> {
    return (await this.lists.read(leadMap)).map((r) => r.value).sort(byKey);
  }

  async findLeadByAadObjectId(aadObjectId: string): Promise<Lead | undefined> {
    const id = normaliseAadObjectId(aadObjectId);
    // Every card tap asks who is acting: held for a minute, forgotten when a lead is saved here.
    return id ? this.readModel.leadById(id, (leads) => onlyLead(leads.filter((l) => normaliseAadObjectId(l.aadObjectId) === id))) : undefined;
  }

  async findLeadByEmail(emailOrUpn: string): Promise<Lead | undefined> {
    const address = normaliseEmail(emailOrUpn);
    return address ? onlyLead(await this.leadsWithAddress(address)) : undefined;
  }

  async saveLead(lead: Lead): Promise<void> {
    this.readModel.forgetLeads();
    try {
      await this.writeLead(lead);
    } finally {
      this.readModel.forgetLeads();
    }
  }

  private async writeLead(lead: Lead): Promise<void> {
    const next = normaliseLead(lead);
    // Checked first so the refusal names both leads; SharePoint's own unique
    // Entra id column still refuses a save that races past this check.
    assertIdentityFree(next, await this.leadsSharingIdentity(next));
    const listPath = await this.lists.listPath(leadMap);
    const fields = leadMap.toFields(next);
    const id = await this.lists.itemId(leadMap, next.key);
    let replaced = false;
    try {
      if (id) {
        try {
          await this.graph.request({ method: 'PATCH', url: `${listPath}/items/${id}/fields`, body: fields, what: `saving lead ${next.key}` });
          replaced = true;
        } catch (error) {
          // Someone deleted the row in SharePoint since we noted its id: add it again below.
          if (!(error instanceof NotFoundError)) throw error;
        }
      }
      if (!replaced) {
        const reply = await this.graph.request({ method: 'POST', url: `${listPath}/items`, body: { fields }, what: `adding lead ${next.key}` });
        this.lists.rememberItem(leadMap, next.key, String((reply.body as { id: unknown }).id));
      }
    } catch (error) {
      if (!mayBeDuplicate(error)) throw error;
      // Another save may have taken the id between our check and this write:
      // if so, name its holder; if nobody else has it, the write failed for another reason.
      assertIdentityFree(next, await this.leadsSharingIdentity(next));
      throw error;
    }
    this.lists.rememberLeadName(next.key, next.displayName);
  }

  /** Leads holding the (normalised) Entra object id. The indexed filter ignores case; older rows may not be lower case. */
  private async leadsWithId(id: string): Promise<Lead[]> {
    const rows = await this.lists.read(leadMap, { column: 'AadObjectId', value: id });
    return rows.map((r) => r.value).filter((l) => normaliseAadObjectId(l.aadObjectId) === id);
  }

  /** Leads whose email or UPN is the (normalised) address: one indexed filter on each column. */
  private async leadsWithAddress(address: string): Promise<Lead[]> {
    const [byEmail, byUpn] = await Promise.all([
      this.lists.read(leadMap, { column: 'Email', value: address }),
      this.lists.read(leadMap, { column: 'Upn', value: address }),
    ]);
    return [...byEmail, ...byUpn].map((r) => r.value).filter((l) => addressesOf(l).includes(address));
  }

  private async leadsSharingIdentity(lead: Lead): Promise<Lead[]> {
    const found = await Promise.all([
      lead.aadObjectId ? this.leadsWithId(lead.aadObjectId) : Promise.resolve([]),
      ...addressesOf(lead).map((a) => this.leadsWithAddress(a)),
    ]);
    return found.flat();
  }

  setChair(groupKey: string, leadKey: string | undefined): Promise<void> {
    return this.patchGroup(groupKey, { chairLeadKey: leadKey }, `setting the chair of ${groupKey}`);
  }

  setNextMeeting(groupKey: string, date: string | undefined): Promise<void> {
    return this.patchGroup(groupKey, { nextMeeting: date }, `setting the next meeting of ${groupKey}`);
  }

  private async patchGroup(groupKey: string, patch: Partial<DeliveryGroup>, what: string): Promise<void> {
    this.readModel.forgetGroups();
    const id = await this.lists.itemId(deliveryGroupMap, groupKey);
    if (!id) throw new NotFoundError(`There is no delivery group ${groupKey}.`);
    try {
      await this.graph.request({
        method: 'PATCH',
        url: `${await this.lists.listPath(deliveryGroupMap)}/items/${id}/fields`,
        body: deliveryGroupMap.patchFields(patch),
        what,
      });
    } catch (error) {
      if (error instanceof NotFoundError) this.lists.forgetItem(deliveryGroupMap, groupKey);
      throw error;
    } finally {
      this.readModel.forgetGroups();
    }
  }

  async addKpiMeasurement(measurement: KpiMeasurement): Promise<void> {
    await this.graph.request({
      method: 'POST',
      url: `${await this.lists.listPath(kpiMeasurementMap)}/items`,
      body: { fields: kpiMeasurementMap.toFields(measurement) },
      what: `recording a measurement of KPI ${measurement.kpiRef}`,
    });
  }

  async kpiMeasurements(kpiRef?: string): Promise<KpiMeasurement[]> {
    const rows = await this.lists.read(kpiMeasurementMap, kpiRef === undefined ? undefined : { column: 'KpiRef', value: kpiRef });
    return rows
      .map((r) => r.value)
      .filter((m) => kpiRef === undefined || m.kpiRef === kpiRef)
      .sort((a, b) => compareRefs(a.kpiRef, b.kpiRef) || a.measuredOn.localeCompare(b.measuredOn) || a.recordedAt.localeCompare(b.recordedAt));
  }

  saveMonthSnapshot(snapshot: MonthSnapshot): Promise<boolean> {
    return this.snapshots.save(snapshot);
  }

  getMonthSnapshot(month: string): Promise<MonthSnapshot | undefined> {
    return this.snapshots.get(month);
  }

  listMonthSnapshots(): Promise<MonthSnapshot[]> {
    return this.snapshots.list();
  }

  /**
   * Every list's lastModifiedDateTime, in one request for the site's lists:
   * SharePoint moves it with any item change, whoever made it (the bot on
   * another instance, someone editing the list by hand).
   */
  async changeToken(): Promise<string> {
    // Every page: on a site with many lists, ours need not be on the first.
    const all = await readAllPages<{ displayName: string; lastModifiedDateTime: string }>(
      this.graph,
      `${await this.site.path()}/lists?$select=id,displayName,lastModifiedDateTime`,
      { what: 'checking the lists for changes' },
    );
    const mine = new Set(Object.values(LISTS).map((l) => l.displayName));
    const lists = all.filter((l) => mine.has(l.displayName));
    return lists
      .map((l) => `${l.displayName}=${l.lastModifiedDateTime}`)
      .sort()
      .join(';');
  }

  /** Nothing to release but the history records Graph would not take; try them once more. */
  async close(): Promise<void> {
    if (this.history.hasPending()) await this.history.flushPending();
  }

  /** Writes earlier unrecorded history before new work; Graph still failing must not block that work. */
  private async retryUnrecordedHistory(): Promise<void> {
    if (this.history.hasPending()) await this.history.flushPending().catch(() => undefined);
  }
}

import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../app/config';

const APP_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const TENANT = '11111111-2222-4333-8444-555555555555';

describe('loadConfig: the bot sign-in settings', () => {
  it('needs nothing without an app id (local use, the playground)', () => {
    expect(loadConfig({}).bot).to.include({ appId: '', appType: 'MultiTenant' });
  });

  it('an app id without a tenant id fails up front, naming MicrosoftAppTenantId', () => {
    const load = () => loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret' });
    expect(load).to.throw(ConfigError, /MicrosoftAppTenantId is required: MicrosoftAppId is set and MicrosoftAppType defaults to SingleTenant/);
    expect(() => loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant' })).to.throw(
      /MicrosoftAppTenantId is required/,
    );
  });

  it('accepts a single-tenant bot with its tenant, and a multi-tenant bot without one', () => {
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: TENANT }).bot).to.include({
      appType: 'SingleTenant',
      appTenantId: TENANT,
    });
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant' }).bot).to.include({
      appType: 'MultiTenant',
    });
  });

  it('reads the app type without regard to case, as botbuilder does', () => {
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'multitenant' }).bot).to.include({
      appType: 'MultiTenant',
    });
    expect(() => loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: ' singletenant ' })).to.throw(
      /MicrosoftAppTenantId is required: MicrosoftAppType=SingleTenant/,
    );
  });

  it('names a missing password and an unknown app type', () => {
    expect(() => loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT })).to.throw(/MicrosoftAppPassword is required/);
    expect(() => loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SystemAssigned' })).to.throw(
      /MicrosoftAppType must be one of SingleTenant, MultiTenant, UserAssignedMSI \(got "SystemAssigned"\)/,
    );
  });

  it('a managed identity needs its tenant but no password', () => {
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT }).bot).to.include({
      appType: 'UserAssignedMSI',
    });
  });
});

// PlanPulse in Azure: App Service on Linux (Node 22 LTS), the Azure Bot with
// the Teams channel, Application Insights, Key Vault and one user-assigned
// managed identity. The bot signs in as that identity (Azure Bot app type
// UserAssignedMSI), so it has no password at all; Key Vault references are
// read with the same identity. Graph (SharePoint lists) still uses its own app
// registration, with a certificate or a secret kept in Key Vault: see
// infra/README.md for why, and for every setting this file does not set.
// Deploy with the Agents Toolkit (m365agents.yml) or:
//   az deployment group create -g <rg> -f infra/azure.bicep -p infra/azure.parameters.json

@description('Short name used in every resource name, e.g. "planpulse-lancs". Letters, digits and hyphens.')
@minLength(3)
@maxLength(20)
param resourceBaseName string

param location string = resourceGroup().location

@description('The Entra tenant the bot, Graph and the tab sign in to.')
param tenantId string = subscription().tenantId

@description('How many App Service instances run. It is also PLANPULSE_INSTANCES, so together they keep to Teams\' per-app send rate.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('App Service plan size. B1 or larger: Always On (which the weekly schedule needs) is not available on Free or Shared.')
param appServiceSku string = 'B1'

@description('The Graph app registration\'s client id (Sites.Selected on the plan\'s site). AZURE_CLIENT_ID.')
param graphClientId string

@description('The Graph app registration\'s client secret, stored in Key Vault. Leave empty when a certificate is used (graphCertificateThumbprint).')
@secure()
param graphClientSecret string = ''

@description('Thumbprint of the Graph app\'s certificate, already imported into this App Service from Key Vault (see infra/README.md). Empty: use the secret.')
param graphCertificateThumbprint string = ''

@description('The SharePoint site that holds the plan, e.g. contoso.sharepoint.com:/sites/send-partnership. SHAREPOINT_SITE.')
param sharePointSite string

@description('The tab SSO app registration\'s client id (TAB_SSO_CLIENT_ID, the manifest\'s webApplicationInfo.id).')
param tabSsoClientId string

@description('The tab SSO Application ID URI; empty means api://<app host>/<tabSsoClientId>.')
param tabSsoAppIdUri string = ''

@description('The app\'s id in the tenant\'s Teams app catalogue, to let PlanPulse install itself for leads. Empty: off.')
param teamsAppCatalogId string = ''

@description('Weekly prompt, Europe/London wall clock.')
param nudgeSchedule string = 'MON 09:00'

@description('Log level (PLANPULSE_LOG): fatal, error, warn, info, debug or trace.')
param logLevel string = 'info'

@description('Microsoft Graph\'s root; a national cloud\'s differs (e.g. https://graph.microsoft.us).')
param graphBaseUrl string = 'https://graph.microsoft.com'

@description('Azure Bot pricing tier. F0 is free and enough for Teams.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

var name = toLower(resourceBaseName)
var useCertificate = !empty(graphCertificateThumbprint)
var appHost = '${name}-app.azurewebsites.net'
var publicUrl = 'https://${appHost}'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-id'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'Node.JS'
    WorkspaceResourceId: logs.id
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${take(name, 17)}-kv'
  location: location
  properties: {
    tenantId: tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

resource graphSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!useCertificate && !empty(graphClientSecret)) {
  parent: vault
  name: 'graph-client-secret'
  properties: { value: graphClientSecret }
}

// The identity reads secrets, nothing else: App Service resolves the Key Vault references with it.
resource identityReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: { reserved: true }
}

var graphCredentialSettings = useCertificate
  ? [
      // App Service on Linux puts an imported private certificate here once it is named in WEBSITE_LOAD_CERTIFICATES.
      { name: 'WEBSITE_LOAD_CERTIFICATES', value: graphCertificateThumbprint }
      { name: 'AZURE_CLIENT_CERTIFICATE_PATH', value: '/var/ssl/private/${graphCertificateThumbprint}.p12' }
    ]
  : [
      { name: 'AZURE_CLIENT_SECRET', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=graph-client-secret)' }
    ]

var catalogueSettings = empty(teamsAppCatalogId) ? [] : [{ name: 'TEAMS_APP_CATALOG_ID', value: teamsAppCatalogId }]

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: '${name}-app'
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      // The JavaScript `npm run build` wrote (Oryx runs it after npm install): no TypeScript compiled at start.
      appCommandLine: 'node dist/planpulse.cjs serve'
      // The weekly prompt and the 15-minute catch-up run in the process: it must not be idled.
      alwaysOn: true
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      appSettings: concat(
        [
          // Oryx installs the packages on the server, so better-sqlite3 is built for App Service's Linux,
          // and then runs package.json's "build" script, which writes dist/ (app/build.ts).
          { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
          { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
          { name: 'ApplicationInsightsAgent_EXTENSION_VERSION', value: '~3' }
          { name: 'HOST', value: '0.0.0.0' }
          { name: 'PUBLIC_URL', value: publicUrl }
          // Several instances share one store: only SharePoint is shared (SQLite is one machine's file).
          { name: 'PLANPULSE_STORE', value: 'sharepoint' }
          { name: 'PLANPULSE_INSTANCES', value: string(instanceCount) }
          { name: 'PLANPULSE_LOG', value: logLevel }
          { name: 'SHAREPOINT_SITE', value: sharePointSite }
          { name: 'GRAPH_BASE_URL', value: graphBaseUrl }
          { name: 'ENTRA_AUTHORITY_HOST', value: environment().authentication.loginEndpoint }
          { name: 'AZURE_TENANT_ID', value: tenantId }
          { name: 'AZURE_CLIENT_ID', value: graphClientId }
          // The bot is the managed identity: no MicrosoftAppPassword exists to leak or expire.
          { name: 'MicrosoftAppId', value: identity.properties.clientId }
          { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
          { name: 'MicrosoftAppTenantId', value: tenantId }
          { name: 'TAB_SSO_CLIENT_ID', value: tabSsoClientId }
          { name: 'TAB_SSO_APP_ID_URI', value: empty(tabSsoAppIdUri) ? 'api://${appHost}/${tabSsoClientId}' : tabSsoAppIdUri }
          { name: 'TAB_SSO_TENANT_ID', value: tenantId }
          { name: 'NUDGE_SCHEDULE', value: nudgeSchedule }
        ],
        graphCredentialSettings,
        catalogueSettings
      )
    }
  }
  dependsOn: [identityReadsSecrets]
}

// PlanPulse logs to standard output: kept for the Log stream, and sent to the workspace
// (table AppServiceConsoleLogs) so a failure last Monday can still be read on Wednesday.
resource appLogs 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: app
  name: 'logs'
  properties: {
    applicationLogs: { fileSystem: { level: 'Information' } }
    httpLogs: { fileSystem: { enabled: true, retentionInDays: 7, retentionInMb: 35 } }
  }
}

resource appDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: app
  name: 'planpulse-logs'
  properties: {
    workspaceId: logs.id
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: 'PlanPulse'
    endpoint: '${publicUrl}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

// Names kept in capitals: the Agents Toolkit writes Bicep outputs to env/.env.<env> in upper case.
output BOT_ID string = identity.properties.clientId
output PUBLIC_URL string = publicUrl
output PUBLIC_HOSTNAME string = appHost
output TAB_SSO_APP_ID_URI string = empty(tabSsoAppIdUri) ? 'api://${appHost}/${tabSsoClientId}' : tabSsoAppIdUri
output AZURE_APP_SERVICE_RESOURCE_ID string = app.id
output KEY_VAULT_NAME string = vault.name
output BOT_RESOURCE_NAME string = bot.name

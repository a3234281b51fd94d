/**
 * Every query type EM documents, with where a `format=Entities` answer puts its items. Sources:
 * the docs' "Type Parameter" page and its `GET /query?type=<T>` pages (EM 13), the presets of
 * `/querySvc`, and for the member names and their order a live EM 12 answer (notes/em-samples.md,
 * "A live EM 12 query answer"). Decisions: notes/query.md, "Query types".
 */

/**
 * The members of `EntitiesType` in the order EM 12's JSON names them, every one present (`null`
 * unless it is the answered type). The spellings are EM's own: `EnterpiseRoles`, `NASJobs`, and
 * `AgentBackupJob` in the singular.
 */
export const ENTITIES_MEMBERS = [
  'Jobs',
  'FailoverPlans',
  'Backups',
  'Replicas',
  'Repositories',
  'RestorePoints',
  'VmRestorePoints',
  'VAppRestorePoints',
  'VmReplicaPoints',
  'BackupJobSessions',
  'ReplicaJobSessions',
  'ReplicaTaskSessions',
  'RestoreSessions',
  'HierarchyRoots',
  'BackupTaskSessions',
  'BackupServers',
  'ManagedServers',
  'EnterpiseRoles',
  'EnterpiseAccounts',
  'WanAccelerators',
  'CloudGateways',
  'CloudTenants',
  'CloudReplicas',
  'VCloudOrganizationConfigs',
  'BackupFiles',
  'VSphereSelfServiceConfigs',
  'CloudPublicIps',
  'CloudHardwarePlans',
  'CloudVmReplicaPoints',
  'AgentRestorePoints',
  'AgentBackupJob',
  'CloudGatewayPools',
  'CloudFailoverPlans',
  'ExternalRepositories',
  'VlanConfigurations',
  'CloudFailoverSessions',
  'AgentProtectionGroups',
  'DiscoveredComputers',
  'FileServers',
  'NASJobs',
  'CdpReplicas',
  'CdpReplicaVms',
  'CdpPolicies',
  'CdpReplicaSessions',
  'CdpReplicaTaskSessions',
  'VAppReplicaPoints',
  'VmCdpReplicas',
  'VAppCdpReplicas',
  'VAppCdpReplicaVms',
  'SystemSessions',
] as const;

export type EntitiesMember = (typeof ENTITIES_MEMBERS)[number];

export interface QueryTypeInfo {
  /** The documented spelling of `type=` (matched case-insensitively). */
  name: string;
  /** Where `format=Entities` puts the items: a member of `Entities`, or of `Resources` (non-entity types). */
  branch: 'Entities' | 'Resources';
  member: string;
}

const entities = (name: string, member: EntitiesMember): QueryTypeInfo => ({ name, branch: 'Entities', member });
const resources = (name: string, member: string): QueryTypeInfo => ({ name, branch: 'Resources', member });

/**
 * The documented types, in the docs' order. A type answers from the model when a resource type
 * with the same UID word and query fields exists (src/resources/index.ts); until then it answers
 * an empty result, as an EM without that feature does. So a collection that lands later is
 * picked up by listing its resource type, with no change here.
 */
export const QUERY_TYPES: readonly QueryTypeInfo[] = [
  entities('AgentBackupJob', 'AgentBackupJob'),
  entities('AgentProtectionGroup', 'AgentProtectionGroups'),
  entities('AgentRestorePoint', 'AgentRestorePoints'),
  entities('Backup', 'Backups'),
  entities('BackupFile', 'BackupFiles'),
  entities('BackupJobSession', 'BackupJobSessions'),
  entities('BackupServer', 'BackupServers'),
  entities('BackupTaskSession', 'BackupTaskSessions'),
  entities('CdpPolicy', 'CdpPolicies'),
  entities('CdpReplica', 'CdpReplicas'),
  entities('CdpReplicaSession', 'CdpReplicaSessions'),
  entities('CdpReplicaTaskSession', 'CdpReplicaTaskSessions'),
  entities('CloudGateway', 'CloudGateways'),
  entities('CloudGatewayPool', 'CloudGatewayPools'),
  entities('CloudTenant', 'CloudTenants'),
  entities('CloudFailoverPlan', 'CloudFailoverPlans'),
  entities('CloudFailoverSession', 'CloudFailoverSessions'),
  entities('CloudHardwarePlan', 'CloudHardwarePlans'),
  entities('CloudPublicIpAddress', 'CloudPublicIps'),
  entities('CloudReplica', 'CloudReplicas'),
  resources('CloudSubtenant', 'CloudSubtenants'),
  entities('CloudVmReplicaPoint', 'CloudVmReplicaPoints'),
  resources('Credentials', 'CredentialsList'),
  entities('DiscoveredComputer', 'DiscoveredComputers'),
  entities('ExternalRepository', 'ExternalRepositories'),
  entities('FailoverPlan', 'FailoverPlans'),
  entities('FileServer', 'FileServers'),
  entities('HierarchyRoot', 'HierarchyRoots'),
  entities('Job', 'Jobs'),
  entities('ManagedServer', 'ManagedServers'),
  entities('NasJob', 'NASJobs'),
  // The 13.1 query page's sample spells the member `NASObjects`, as NAS jobs are `NASJobs`.
  resources('NasObject', 'NASObjects'),
  resources('ObjectInAgentBackupJob', 'ObjectsInAgentBackupJob'),
  // Sic: a real 9.5 answer wraps ObjectInJob items in `sInObjectJob`.
  resources('ObjectInJob', 'sInObjectJob'),
  resources('Passwords', 'PasswordKeyInfoList'),
  entities('Replica', 'Replicas'),
  entities('ReplicaJobSession', 'ReplicaJobSessions'),
  entities('ReplicaTaskSession', 'ReplicaTaskSessions'),
  entities('Repository', 'Repositories'),
  entities('RestorePoint', 'RestorePoints'),
  entities('RestoreSession', 'RestoreSessions'),
  resources('Task', 'Tasks'),
  entities('vAppReplicaPoint', 'VAppReplicaPoints'),
  entities('vAppRestorePoint', 'VAppRestorePoints'),
  entities('VCloudOrganizationConfig', 'VCloudOrganizationConfigs'),
  entities('VlanConfiguration', 'VlanConfigurations'),
  entities('VmReplicaPoint', 'VmReplicaPoints'),
  entities('VmRestorePoint', 'VmRestorePoints'),
  entities('VsphereSelfServiceConfig', 'VSphereSelfServiceConfigs'),
  entities('WanAccelerator', 'WanAccelerators'),
];

import { Rng, guidFor } from './random.js';
import { runNow, type Steps } from './steps.js';
import { DAY } from './time.js';
import { Store } from './store.js';
import { deferHistory, type Site } from './history.js';
import type { BackupServer, HierarchyRoot, Platform, RepositoryKind, Vm } from './model.js';
import { PLATFORMS } from './model.js';
import { jobsOf, type ServerRepositories } from './jobs.js';
import { HAND_MADE_SITES, estateSize, type EstateSize } from './estate.js';
import { fake } from './fake.js';

export interface GenerateOptions {
  seed: number;
  /** The clock's start: history is laid out before it. */
  now: number;
  restoreSessions: number;
  /** The size of the generated estate (default: the medium preset); its inventory part is ignored when an inventory is given. */
  estate?: EstateSize;
  /** A given estate (from a dataset file) instead of the generated one. */
  inventory?: ServerInventory[];
}

/** Real release strings (clients look them up in fixed tables). */
const VERSIONS = ['12.1.1.56', '12.0.0.1420 P20230718', '11.0.1.1261 P20220302', '12.3.2.3617'];
const ROLES = ['web', 'app', 'sql', 'file', 'dc', 'mail', 'build', 'proxy'];
/** A root's host name; a second root of a platform on the same server is `<name>-2`, and so on. */
const ROOT_NAME: Record<Platform, (n: string) => string> = {
  VMware: (n) => `vcsa${n}.tech.local`,
  vCloud: (n) => `vcd${n}.tech.local`,
  HyperV: (n) => `hv-cluster${n}.tech.local`,
};
const VM_SUFFIX: Record<Platform, string> = { VMware: '', vCloud: '-vcd', HyperV: '-hv' };
/** Jobs have run a little longer than the history, so the oldest restore session has points to restore from. */
const JOB_HISTORY_EXTRA_DAYS = 10;
const GB = 1024 ** 3;

export function backupServer(seed: number, i: number): BackupServer {
  const rng = new Rng(seed, 'BackupServer', i);
  const n = String(i + 1).padStart(2, '0');
  let thumbprint = '';
  for (let k = 0; k < 40; k++) thumbprint += rng.int(0, 15).toString(16).toUpperCase();
  return {
    id: guidFor(seed, 'BackupServer', i),
    name: `vbr${n}.tech.local`,
    description:
      i === 0
        ? 'Main backup server'
        : i < HAND_MADE_SITES
          ? `Backup server ${i + 1}`
          : fake(
              seed,
              `BackupServer/${i}`,
              'description',
              (f) =>
                `Backup server of the ${f.location.city()} ${f.helpers.arrayElement(['office', 'data center', 'branch', 'plant'])}`,
            ),
    port: 9392,
    version: VERSIONS[i % VERSIONS.length]!,
    wcfPort: 9405,
    thumbprint,
  };
}

export function objectRef(seed: number, platform: Platform, key: string, n: number): string {
  const rng = new Rng(seed, 'VmRef', key);
  switch (platform) {
    case 'VMware':
      return `vm-${1000 + n * 7 + rng.int(0, 6)}`;
    case 'HyperV':
      return rng.guid();
    case 'vCloud':
      return `urn:vcloud:vm:${rng.guid()}`;
  }
}

/** Provisioned disk size of the i-th VM of a root. */
export function vmSize(seed: number, root: HierarchyRoot, i: number): number {
  return new Rng(seed, 'VmSize', `${root.id}/${i}`).int(16, 200) * GB;
}

/**
 * The VMs of a root: `<role>-<server no><number>`, numbered across the server's roots of the
 * platform with a fixed width (two digits in the medium estate), so names stay unique at any size.
 */
function vmsOf(seed: number, root: HierarchyRoot, serverNo: number, estate: EstateSize, twin: number): Vm[] {
  const vms: Vm[] = [];
  const perRoot = estate.vmsPerRoot[root.platform];
  const width = Math.max(2, String(perRoot * estate.rootsPerPlatform).length);
  for (let i = 0; i < perRoot; i++) {
    const k = twin * perRoot + i;
    const name = `${ROLES[k % ROLES.length]}-${serverNo}${String(k + 1).padStart(width, '0')}${VM_SUFFIX[root.platform]}`;
    vms.push({
      name,
      root,
      objectRef: objectRef(seed, root.platform, `${root.id}/${i}`, i),
      sizeBytes: vmSize(seed, root, i),
    });
  }
  return vms;
}

const REPOSITORIES: { key: keyof ServerRepositories; name: string; kind: RepositoryKind; path: string }[] = [
  { key: 'defaultRepo', name: 'Default Backup Repository', kind: 'WindowsLocal', path: 'C:\\Backup' },
  { key: 'volume', name: 'Backup Volume 01', kind: 'WindowsLocal', path: 'E:\\Backups' },
  { key: 'copy', name: 'Linux Hardened Repository', kind: 'LinuxLocal', path: '/mnt/veeam/backups' },
];

/** A repository folder as admins name them: a data drive or a mount point, a folder, sometimes numbered. */
function repositoryPath(seed: number, serverIndex: number, kind: RepositoryKind, key: string): string {
  return fake(seed, `Repository/${serverIndex}/${key}`, 'path', (f) => {
    const folder = f.helpers.arrayElement(['Backups', 'VeeamBackup', 'Backup', 'Repository', 'VBR']);
    const no =
      f.helpers.maybe(() => String(f.number.int({ min: 1, max: 4 })).padStart(2, '0'), { probability: 0.4 }) ?? '';
    return kind === 'LinuxLocal'
      ? `/${f.helpers.arrayElement(['mnt', 'srv', 'data'])}/${f.helpers.arrayElement(['veeam', 'backup', 'repo'])}/${folder.toLowerCase()}${no}`
      : `${f.helpers.arrayElement(['D', 'E', 'F', 'R', 'V'])}:\\${folder}${no}`;
  });
}

function repositoriesOf(seed: number, server: BackupServer, serverIndex: number): ServerRepositories {
  const repos = {} as ServerRepositories;
  for (const r of REPOSITORIES) {
    repos[r.key] = {
      id: guidFor(seed, 'Repository', `${serverIndex}/${r.key}`),
      name: r.name,
      kind: r.kind,
      backupServer: server,
      path: serverIndex < HAND_MADE_SITES ? r.path : repositoryPath(seed, serverIndex, r.kind, r.key),
      capacity: 0,
      otherData: new Rng(seed, 'Repository', `${serverIndex}/${r.key}`).int(5, 120) * GB,
      backupSize: 0,
    };
  }
  return repos;
}

/** What a backup server protects: its hierarchy roots and their VMs. Jobs and history derive from it. */
export interface ServerInventory {
  server: BackupServer;
  roots: { root: HierarchyRoot; vms: Vm[] }[];
}

/** The generated estate: every server with vCenters, Cloud Directors and Hyper-V clusters. */
export function generatedInventory(seed: number, estate: EstateSize): ServerInventory[] {
  return Array.from({ length: estate.backupServers }, (_, s) => {
    const server = backupServer(seed, s);
    const roots: ServerInventory['roots'] = [];
    for (let twin = 0; twin < estate.rootsPerPlatform; twin++) {
      for (const platform of PLATFORMS) {
        const root: HierarchyRoot = {
          id: guidFor(seed, 'HierarchyRoot', twin === 0 ? `${s}/${platform}` : `${s}/${platform}/${twin}`),
          name: ROOT_NAME[platform](twin === 0 ? `${s + 1}` : `${s + 1}-${twin + 1}`),
          platform,
          backupServer: server,
        };
        roots.push({ root, vms: vmsOf(seed, root, s + 1, estate, twin) });
      }
    }
    return { server, roots };
  });
}

/**
 * Builds the whole environment from the seed and the clock start: the inventory (generated, or
 * given by a dataset file), then jobs, their history and the restore sessions. Same inputs, same store.
 */
export function generate(opts: GenerateOptions): Store {
  return runNow(generateSteps(opts));
}

/** `generate` in steps: it pauses after each site, each job's history and every few thousand restore sessions. */
export function* generateSteps(opts: GenerateOptions): Steps<Store> {
  const store = yield* estateSteps(opts);
  yield* store.complete();
  return store;
}

/**
 * The estate (sites, inventory, repositories, jobs) with its history deferred (data/history.ts):
 * most of the objects are history, so a start-up that waits for none of it is several times shorter.
 */
export function* estateSteps(opts: GenerateOptions): Steps<Store> {
  const { seed, now } = opts;
  const store = new Store();
  const estate = opts.estate ?? estateSize();
  const inventory = opts.inventory ?? generatedInventory(seed, estate);
  const sites: Site[] = [];
  for (const [index, { server, roots }] of inventory.entries()) {
    store.backupServers.add(server);
    for (const { root, vms } of roots) {
      store.hierarchyRoots.add(root);
      for (const vm of vms) store.vms.push(vm);
    }
    const repos = repositoriesOf(seed, server, index);
    const jobs = jobsOf(seed, server, index, roots, repos, now);
    for (const job of jobs) {
      store.jobs.add(job);
      if (job.backup) store.backups.add(job.backup);
    }
    sites.push({ server, index, repos, jobs });
    yield;
  }
  const jobsFrom = now - (estate.jobRunDays ?? estate.historyDays + JOB_HISTORY_EXTRA_DAYS) * DAY;
  deferHistory(
    store,
    { seed, now, jobsFrom, historyDays: estate.historyDays, restoreSessions: opts.restoreSessions },
    sites,
  );
  return store;
}

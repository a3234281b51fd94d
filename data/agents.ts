import { Rng, guidFor } from './random.js';
import { DAY, HOUR, MINUTE, nameStamp } from './time.js';
import type {
  AgentBackupJob,
  AgentBackupSession,
  AgentPlatform,
  AgentProtectionGroup,
  AgentRestorePoint,
  BackupServer,
  DiscoveredComputer,
  JobRun,
  NasJob,
  Repository,
  SessionResult,
} from './model.js';
import { runTimes } from './jobs.js';
import type { Schedule } from './model.js';
import { HAND_MADE_SITES } from './estate.js';
import { fake } from './fake.js';

/** What agent-managed servers run, with the agent build that ships for each OS family. */
const WINDOWS_OS = [
  'Microsoft Windows Server 2022 (64-bit)',
  'Microsoft Windows Server 2019 (64-bit)',
  'Microsoft Windows Server 2016 (64-bit)',
  'Microsoft Windows Server 2025 (64-bit)',
];
const LINUX_OS = [
  'Ubuntu 22.04.4 LTS (64-bit)',
  'Ubuntu 24.04.1 LTS (64-bit)',
  'Red Hat Enterprise Linux 9.4 (64-bit)',
  'Rocky Linux 8.10 (64-bit)',
  'Debian GNU/Linux 12 (64-bit)',
  'SUSE Linux Enterprise Server 15 SP5 (64-bit)',
];

/** Two computers per backup server found by an agent protection group: a Windows and a Linux one. */
export function discoveredComputersOf(seed: number, server: BackupServer, serverIndex: number): DiscoveredComputer[] {
  const n = serverIndex + 1;
  const handMade = serverIndex < HAND_MADE_SITES;
  // Beyond the hand-made sites, faker picks each computer's OS release and address.
  const os = (i: number, list: string[]) =>
    handMade
      ? list[0]!
      : fake(seed, `DiscoveredComputer/${serverIndex}/${i}`, 'osVersion', (f) => f.helpers.arrayElement(list));
  return [
    { name: `ws${n}01.tech.local`, os: os(0, WINDOWS_OS), agent: '6.3.0.177' },
    { name: `lnx${n}01.tech.local`, os: os(1, LINUX_OS), agent: '6.3.0.1118' },
  ].map(({ name, os, agent }, i) => {
    const rng = new Rng(seed, 'DiscoveredComputer', `${serverIndex}/${i}`);
    // The last server's Linux box has lost contact, so clients see every status column in use.
    const lost = serverIndex === 2 && i === 1;
    return {
      id: guidFor(seed, 'DiscoveredComputer', `${serverIndex}/${i}`),
      name,
      backupServer: server,
      hostStatus: lost ? 'Offline' : 'Online',
      agentVersion: agent,
      agentStatus: lost ? 'Inaccessible' : 'Installed',
      osVersion: os,
      ipAddress: handMade
        ? `172.17.${50 + n}.${rng.int(20, 250)}`
        : fake(seed, `DiscoveredComputer/${serverIndex}/${i}`, 'ipAddress', (f) =>
            f.internet.ipv4({ network: 'private-a' }),
          ),
    };
  });
}

/** One protection group per agent platform among a server's computers, which it then names. */
export function protectionGroupsOf(
  seed: number,
  server: BackupServer,
  serverIndex: number,
  computers: readonly DiscoveredComputer[],
): AgentProtectionGroup[] {
  const platforms = [...new Set(computers.map(agentPlatform))];
  return platforms.map((platform) => {
    const group: AgentProtectionGroup = {
      id: guidFor(seed, 'AgentProtectionGroup', `${serverIndex}/${platform}`),
      name: `${AGENT_LABEL[platform]} servers ${serverIndex + 1}`,
      backupServer: server,
      platform,
      computers: computers.filter((c) => agentPlatform(c) === platform),
    };
    for (const c of group.computers) c.protectionGroup = group;
    return group;
  });
}

/** The agent a computer runs, by its OS. */
export const agentPlatform = (c: DiscoveredComputer): AgentPlatform =>
  c.osVersion.startsWith('Microsoft') ? 'AgentForWindows' : 'AgentForLinux';

const AGENT_LABEL: Record<AgentPlatform, string> = { AgentForWindows: 'Windows', AgentForLinux: 'Linux' };

/**
 * The runs of a non-VM job (file share or agent) scheduled in [from, now]: one session each, no
 * task sessions. `type` keys the seeded values, so each kind keeps its own stream.
 */
function runsOf(
  seed: number,
  type: string,
  job: { id: string; name: string; schedule: Schedule },
  from: number,
  now: number,
  duration: [minMs: number, maxMs: number],
): JobRun[] {
  return runTimes(job.schedule, from, now).map((start) => {
    const key = `${job.id}/${start}`;
    const rng = new Rng(seed, type, key);
    const creationTime = start + rng.int(1000, 60_000);
    return {
      id: guidFor(seed, type, key),
      name: `${job.name}@${nameStamp(creationTime)}`,
      creationTime,
      endTime: creationTime + rng.int(...duration),
      result: rng.weighted<SessionResult>([
        ['Success', 90],
        ['Warning', 7],
        ['Failed', 3],
      ]),
      isRetry: false,
    };
  });
}

/**
 * Agent backup jobs of one backup server: one nightly job per agent platform its discovered
 * computers run, protecting those computers, with their history over [from, now].
 */
export function agentBackupJobsOf(
  seed: number,
  server: BackupServer,
  serverIndex: number,
  computers: readonly DiscoveredComputer[],
  repository: Repository,
  from: number,
  now: number,
): AgentBackupJob[] {
  const n = serverIndex + 1;
  const platforms = [...new Set(computers.map(agentPlatform))];
  return platforms.map((platform, i) => {
    const job: AgentBackupJob = {
      id: guidFor(seed, 'AgentBackupJob', `${serverIndex}/${platform}`),
      name: `${AGENT_LABEL[platform]} Agent Backup ${n}`,
      backupServer: server,
      description: `Nightly backup of the ${AGENT_LABEL[platform]} servers of site ${n}`,
      platform,
      computers: computers.filter((c) => agentPlatform(c) === platform),
      repository,
      schedule: { periodMs: DAY, offsetMs: 23 * HOUR + i * 20 * MINUTE + serverIndex * 10 * MINUTE },
      sessions: [],
    };
    job.sessions = runsOf(seed, 'AgentBackupSession', job, from, now, [3 * MINUTE, 25 * MINUTE]).map((r) => ({
      ...r,
      job,
    }));
    return job;
  });
}

/** The restore points agent runs left: those of every run of the job's history. */
export function agentRestorePointsOf(seed: number, job: AgentBackupJob): AgentRestorePoint[] {
  return job.sessions.flatMap((session) => agentRunPoints(seed, session));
}

/**
 * The points one agent run leaves (for the generated history and for runs started by actions
 * alike): one per computer of its job unless the run failed, taken in turn during the run; a
 * weekly full (by UTC day, as VM jobs), increments otherwise.
 */
export function agentRunPoints(seed: number, session: AgentBackupSession): AgentRestorePoint[] {
  if (session.result === 'Failed') return [];
  const { computers } = session.job;
  const full = Math.floor(session.creationTime / DAY) % 7 === 0;
  const step = (session.endTime - session.creationTime) / (computers.length + 1);
  return computers.map((computer, i) => ({
    id: guidFor(seed, 'AgentRestorePoint', `${session.id}/${computer.id}`),
    computer,
    session,
    creationTime: Math.round(session.creationTime + step * (i + 1)),
    algorithm: full ? 'Full' : 'Incremental',
    pointType: full ? 'Full' : 'Increment',
  }));
}

/** One file share backup job per backup server, nightly, writing to its default repository. */
export function nasJobOf(
  seed: number,
  server: BackupServer,
  serverIndex: number,
  repository: Repository,
  from: number,
  now: number,
): NasJob {
  const n = serverIndex + 1;
  const share =
    serverIndex < HAND_MADE_SITES
      ? `\\\\fs${n}.tech.local\\share`
      : fake(
          seed,
          `NasJob/${serverIndex}`,
          'share',
          (f) =>
            `\\\\fs${n}.tech.local\\${f.helpers.arrayElement(['Projects', 'Finance', 'HR', 'Engineering', 'Public', 'Users', 'Scans'])}${f.helpers.maybe(() => `\\${f.word.noun()}`, { probability: 0.3 }) ?? ''}`,
        );
  const job: NasJob = {
    id: guidFor(seed, 'NasJob', serverIndex),
    name: `File Share Backup ${n}`,
    backupServer: server,
    description: `Backup of ${share}`,
    repository,
    share,
    fileServer: {
      id: guidFor(seed, 'FileServer', serverIndex),
      path: share,
      backupServer: server,
      cacheRepository: repository,
      credentialsId: guidFor(seed, 'Credentials', `FileServer/${serverIndex}`),
    },
    schedule: { periodMs: DAY, offsetMs: 22 * HOUR + serverIndex * 10 * MINUTE },
    sessions: [],
  };
  job.sessions = runsOf(seed, 'NasBackupSession', job, from, now, [5 * MINUTE, 40 * MINUTE]).map((r) => ({
    ...r,
    job,
  }));
  return job;
}

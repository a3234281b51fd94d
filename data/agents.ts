import { Rng, guidFor } from './random.js';
import { DAY, HOUR, MINUTE, nameStamp } from './time.js';
import type { AgentBackupJob, AgentPlatform, BackupServer, DiscoveredComputer, NasBackupSession, NasJob, Repository, SessionResult } from './model.js';
import { runTimes } from './jobs.js';
import { HAND_MADE_SITES } from './estate.js';
import { fake } from './fake.js';

/** What agent-managed servers run, with the agent build that ships for each OS family. */
const WINDOWS_OS = ['Microsoft Windows Server 2022 (64-bit)', 'Microsoft Windows Server 2019 (64-bit)', 'Microsoft Windows Server 2016 (64-bit)', 'Microsoft Windows Server 2025 (64-bit)'];
const LINUX_OS = ['Ubuntu 22.04.4 LTS (64-bit)', 'Ubuntu 24.04.1 LTS (64-bit)', 'Red Hat Enterprise Linux 9.4 (64-bit)', 'Rocky Linux 8.10 (64-bit)', 'Debian GNU/Linux 12 (64-bit)', 'SUSE Linux Enterprise Server 15 SP5 (64-bit)'];

/** Two computers per backup server found by an agent protection group: a Windows and a Linux one. */
export function discoveredComputersOf(seed: number, server: BackupServer, serverIndex: number): DiscoveredComputer[] {
  const n = serverIndex + 1;
  const handMade = serverIndex < HAND_MADE_SITES;
  // Beyond the hand-made sites, faker picks each computer's OS release and address.
  const os = (i: number, list: string[]) => (handMade ? list[0]! : fake(seed, `DiscoveredComputer/${serverIndex}/${i}`, 'osVersion', (f) => f.helpers.arrayElement(list)));
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
        : fake(seed, `DiscoveredComputer/${serverIndex}/${i}`, 'ipAddress', (f) => f.internet.ipv4({ network: 'private-a' })),
    };
  });
}

/** The agent a computer runs, by its OS. */
export const agentPlatform = (c: DiscoveredComputer): AgentPlatform => (c.osVersion.startsWith('Microsoft') ? 'AgentForWindows' : 'AgentForLinux');

const AGENT_LABEL: Record<AgentPlatform, string> = { AgentForWindows: 'Windows', AgentForLinux: 'Linux' };

/**
 * Agent backup jobs of one backup server: one nightly job per agent platform its discovered
 * computers run, protecting those computers. Their sessions are not simulated.
 */
export function agentBackupJobsOf(seed: number, server: BackupServer, serverIndex: number, computers: readonly DiscoveredComputer[]): AgentBackupJob[] {
  const n = serverIndex + 1;
  const platforms = [...new Set(computers.map(agentPlatform))];
  return platforms.map((platform, i) => ({
    id: guidFor(seed, 'AgentBackupJob', `${serverIndex}/${platform}`),
    name: `${AGENT_LABEL[platform]} Agent Backup ${n}`,
    backupServer: server,
    description: `Nightly backup of the ${AGENT_LABEL[platform]} servers of site ${n}`,
    platform,
    computers: computers.filter((c) => agentPlatform(c) === platform),
    schedule: { periodMs: DAY, offsetMs: 23 * HOUR + i * 20 * MINUTE + serverIndex * 10 * MINUTE },
  }));
}

/** One file share backup job per backup server, nightly, writing to its default repository. */
export function nasJobOf(seed: number, server: BackupServer, serverIndex: number, repository: Repository, from: number, now: number): NasJob {
  const n = serverIndex + 1;
  const share =
    serverIndex < HAND_MADE_SITES
      ? `\\\\fs${n}.tech.local\\share`
      : fake(seed, `NasJob/${serverIndex}`, 'share', (f) => `\\\\fs${n}.tech.local\\${f.helpers.arrayElement(['Projects', 'Finance', 'HR', 'Engineering', 'Public', 'Users', 'Scans'])}${f.helpers.maybe(() => `\\${f.word.noun()}`, { probability: 0.3 }) ?? ''}`);
  const job: NasJob = {
    id: guidFor(seed, 'NasJob', serverIndex),
    name: `File Share Backup ${n}`,
    backupServer: server,
    description: `Backup of ${share}`,
    repository,
    share,
    schedule: { periodMs: DAY, offsetMs: 22 * HOUR + serverIndex * 10 * MINUTE },
    sessions: [],
  };
  for (const start of runTimes(job.schedule, from, now)) {
    const key = `${job.id}/${start}`;
    const rng = new Rng(seed, 'NasBackupSession', key);
    const creationTime = start + rng.int(1000, 60_000);
    const session: NasBackupSession = {
      id: guidFor(seed, 'NasBackupSession', key),
      name: `${job.name}@${nameStamp(creationTime)}`,
      job,
      creationTime,
      endTime: creationTime + rng.int(5 * MINUTE, 40 * MINUTE),
      result: rng.weighted<SessionResult>([
        ['Success', 90],
        ['Warning', 7],
        ['Failed', 3],
      ]),
      isRetry: false,
    };
    job.sessions.push(session);
  }
  return job;
}

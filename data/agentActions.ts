import { MINUTE } from './time.js';
import type { AgentBackupJob, AgentBackupSession } from './model.js';
import { agentRunPoints } from './agents.js';
import { addRun, latestRun, newRun, stopRun, toggleSchedule, type PlainJobRuns } from './runActions.js';

/**
 * Veeam Agent backup job actions. A run is one session of 3–25 minutes (as the generated history,
 * unless the test said) that leaves one point per computer unless it fails: the same points the
 * history has, each listed from the instant it is taken during the run.
 */
export const agentRuns: PlainJobRuns<AgentBackupJob, AgentBackupSession> = {
  latest: (store, job) => latestRun(store.agentBackupSessions, job),
  start: (store, seed, job, now, isRetry) => {
    const session: AgentBackupSession = {
      ...newRun(store, seed, 'ActionAgentSession', job, now, isRetry, [3 * MINUTE, 25 * MINUTE]),
      job,
    };
    const points = agentRunPoints(seed, session);
    return addRun(store, store.agentBackupSessions, session, () => {
      for (const p of points) store.agentRestorePoints.add(p);
    });
  },
  // Points already taken stay (they now belong to the stopped session); the rest are never taken.
  stop: (store, running, now) =>
    stopRun(store, store.agentBackupSessions, running, now, (stopped) => {
      for (const p of store.agentRestorePoints.between(running.creationTime, running.endTime)) {
        if (p.session.id !== running.id) continue;
        if (p.creationTime > now) store.agentRestorePoints.remove(p.id);
        else store.agentRestorePoints.replace({ ...p, session: stopped });
      }
    }),
  toggleSchedule: (store, job) => toggleSchedule(store, store.agentBackupJobs, job),
};

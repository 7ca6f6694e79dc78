import type { TaskState } from '../../schemas/engine/human-task';

/** The fields of a benchmark task that both the store and visibility see. */
export interface SeedTask {
  id: string;
  process: string;
  status: 'open' | 'claimed';
  candidateRoles: string[];
  dueAt: string;
  createdAt: string;
}

const processes = ['purchase-request', 'invoice-intake', 'payroll-check', 'vendor-onboarding'];
const roles = ['approver', 'clerk', 'manager'];

/** `n` open tasks spread over processes, roles and due dates, the same every run (no randomness). */
export function seedTasks(n: number, start = Date.UTC(2030, 0, 1)): SeedTask[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `bench-task-${String(i).padStart(5, '0')}`,
    process: processes[i % processes.length]!,
    status: i % 5 === 0 ? 'claimed' : 'open',
    candidateRoles: [roles[i % roles.length]!],
    dueAt: new Date(start + ((i * 7919) % n) * 60_000).toISOString(),
    createdAt: new Date(start - (n - i) * 1000).toISOString(),
  }));
}

/** A full task row as the task workflow would write it. */
export function seedTaskState(task: SeedTask, i: number): TaskState {
  return {
    id: task.id,
    key: 'approval',
    type: 'approval',
    title: `Benchmark task ${i}: approve purchase ${i}`,
    form: 'approval',
    process: task.process,
    processWorkflowId: `bench-process-${i}`,
    status: task.status,
    assignee: task.status === 'claimed' ? `agent-${i % 40}` : null,
    candidateRoles: task.candidateRoles,
    candidateUsers: [],
    excludedUsers: [],
    approvalsRequired: 1,
    signOffs: [],
    priority: i % 3,
    dueAt: task.dueAt,
    remindAt: null,
    createdAt: task.createdAt,
    updatedAt: task.createdAt,
    closedAt: null,
    version: 1,
    escalated: false,
    reminded: false,
    context: { amount: i, item: `item ${i}` },
    evidence: [],
    audit: [{ seq: 1, at: task.createdAt, actor: 'system', action: 'created' }],
  };
}

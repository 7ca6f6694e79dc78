/** How the `bpo tasks` commands print tasks: one line per task, or the whole task as JSON. */
export interface TaskLine {
  id: string;
  title: string;
  status: string;
  assignee: string | null;
  candidateRoles: string[];
  dueAt: string | null;
  overdue: boolean;
  escalated: boolean;
}

export function taskLine(task: TaskLine): string {
  const flags = [task.overdue ? 'OVERDUE' : '', task.escalated ? 'ESCALATED' : ''].filter(Boolean).join(' ');
  const who = task.assignee ? `@${task.assignee}` : `roles:${task.candidateRoles.join(',')}`;
  return `${task.status.padEnd(9)} ${(task.dueAt ?? 'no due date').padEnd(24)} ${who.padEnd(18)} ${task.id}  ${task.title}${flags ? `  [${flags}]` : ''}`;
}

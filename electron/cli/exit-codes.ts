/**
 * Exit codes scripts can branch on. With mixed outcomes the most actionable one wins, in the
 * order 6 (paused: paid work waits for `seedbank resume` — generating again would pay twice),
 * 3 (key), 4 (credits / over budget), 2 (invalid input), 5 (moderated), 1 (anything else).
 */
import type { ErrorCode, ErrorInfo } from '../../shared/errors';
import type { Job } from '../../shared/types';

export const EXIT = { ok: 0, other: 1, invalid: 2, key: 3, credits: 4, moderated: 5, paused: 6 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const PRECEDENCE: readonly ExitCode[] = [EXIT.paused, EXIT.key, EXIT.credits, EXIT.invalid, EXIT.moderated, EXIT.other];

export function exitCodeForError(code: ErrorCode): ExitCode {
  switch (code) {
    case 'KEY_MISSING':
    case 'KEY_REJECTED':
      return EXIT.key;
    case 'OUT_OF_CREDITS':
    case 'CONFIRM_REQUIRED':
      return EXIT.credits;
    case 'INVALID_INPUT':
    case 'NOT_FOUND':
      return EXIT.invalid;
    case 'MODERATED':
      return EXIT.moderated;
    default:
      return EXIT.other;
  }
}

export function exitCodeForJob(job: Job): ExitCode {
  if (job.status === 'done') return EXIT.ok;
  if (job.status === 'paused') return EXIT.paused;
  if (job.status === 'moderated') return EXIT.moderated;
  if (job.status === 'failed' && job.error) {
    // A "not found" here is BFL losing the task, not bad input.
    return job.error.code === 'NOT_FOUND' ? EXIT.other : exitCodeForError(job.error.code);
  }
  return EXIT.other;
}

/** The code for a set of outcomes: 0 when all succeeded, else the most actionable failure. */
export function combineExitCodes(codes: readonly ExitCode[]): ExitCode {
  for (const code of PRECEDENCE) if (codes.includes(code)) return code;
  return EXIT.ok;
}

/** An error the CLI reports as one line on stderr and turns into an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }

  static from(info: ErrorInfo): CliError {
    return new CliError(info.message, exitCodeForError(info.code));
  }
}

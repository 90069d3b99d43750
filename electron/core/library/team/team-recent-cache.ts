/**
 * What this workstation saw of the team library recently, to answer from while the server or the
 * shared folder cannot be reached (issue 17 item 5, "browsing what was seen recently keeps
 * working from the local cache"): the last gallery pages (by their exact question: filter, sort,
 * cursor, limit), their counts and the last image details, each with when it was fetched.
 *
 * Kept in memory, not in this computer's database: a server lost after start is met by the
 * session that just saw those pages, the answers are the team's (rows of other people, URLs into
 * the shared folder) and do not belong in the personal library's tables, and a cache that starts
 * empty at each start can never show a stale view from days ago as if it were recent. Bounded by
 * count (least recently used out), so it stays a few megabytes at most.
 */
import type { GenerationDetail, LibraryPage } from '../../../../shared/api';
import type { LibraryFilter } from '../query/gallery-filter';
import type { ListArgs } from '../store/library-store';

const PAGES = 32;
const COUNTS = 64;
const DETAILS = 300;

export interface Seen<T> {
  value: T;
  /** When it was fetched from the team library (ISO). */
  seenAt: string;
}

/** A small least-recently-used map. */
class Recent<T> {
  private readonly entries = new Map<string, Seen<T>>();

  constructor(private readonly size: number) {}

  get(key: string): Seen<T> | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: Seen<T>): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.size) break;
      this.entries.delete(oldest);
    }
  }
}

/** The same question gives the same key, whatever order the filter's fields came in. */
function keyOf(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

export class RecentTeamAnswers {
  private readonly pages = new Recent<LibraryPage>(PAGES);
  private readonly counts = new Recent<number>(COUNTS);
  private readonly details = new Recent<GenerationDetail>(DETAILS);

  constructor(private readonly now: () => Date) {}

  private stamp<T>(value: T): Seen<T> {
    return { value, seenAt: this.now().toISOString() };
  }

  rememberPage(args: ListArgs, page: LibraryPage): void {
    this.pages.set(keyOf(pageKey(args)), this.stamp(page));
  }

  page(args: ListArgs): Seen<LibraryPage> | undefined {
    return this.pages.get(keyOf(pageKey(args)));
  }

  rememberCount(filter: LibraryFilter, total: number): void {
    this.counts.set(keyOf(filter), this.stamp(total));
  }

  count(filter: LibraryFilter): Seen<number> | undefined {
    return this.counts.get(keyOf(filter));
  }

  rememberDetail(detail: GenerationDetail): void {
    this.details.set(detail.generation.id, this.stamp(detail));
  }

  detail(id: string): Seen<GenerationDetail> | undefined {
    return this.details.get(id);
  }
}

/** A page asked with or without its count is the same page. */
function pageKey(args: ListArgs): Omit<ListArgs, 'count'> {
  return { filter: args.filter, sort: args.sort, cursor: args.cursor, limit: args.limit };
}

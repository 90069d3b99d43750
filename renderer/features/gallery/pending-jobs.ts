/**
 * Which running jobs get a placeholder tile in the grid: those whose image will land in the view
 * on screen (newest first, no search or filter it might not match, the same project), so the tile
 * is replaced in place by the image when it arrives.
 */
import { ACTIVE_JOB_STATUSES } from '../../../shared/job-states';
import type { Job } from '../../../shared/types';
import type { LibraryFilter } from '../../state/library-filter';
import type { LibrarySort } from '../../state/library-store';

export function pendingJobsFor(jobs: readonly Job[], filter: LibraryFilter, sort: LibrarySort): Job[] {
  if (sort !== 'newest' || filter.trashed) return [];
  const { projectId, ...rest } = filter;
  const others = Object.values(rest).some((v) => v !== undefined && v !== '' && v !== false);
  if (others) return [];
  return jobs.filter(
    (j) => ACTIVE_JOB_STATUSES.includes(j.status) && (projectId === undefined || projectId === j.projectId),
  );
}

/** The image's aspect ratio as requested (width/height, or `aspect_ratio` "W:H"); 1 when unknown. */
export function requestedAspect(job: Job): number {
  const { width, height, aspect_ratio: ratio } = job.request.params;
  if (typeof width === 'number' && typeof height === 'number' && height > 0) return width / height;
  if (typeof ratio === 'string') {
    const [w, h] = ratio.split(':').map(Number);
    if (w && h) return w / h;
  }
  return 1;
}

/**
 * Where a job's downloaded image lands: this computer's library (the default) or the team
 * library (issue 17). Jobs themselves stay per workstation (their rows live in the local
 * database either way); only the finished image goes to the chosen library.
 */
import type { Generation } from '../../../shared/types';
import type { AddImageArgs } from '../library/files/add-image';
import type { Library } from '../library/library';

export interface ResultStore {
  /** Stores the image (idempotent by the record's id: a second hand-in keeps the first copy). */
  addImage(args: AddImageArgs): Promise<Generation>;
  /** True when the image with this id is already stored (a run stopped before finishing its job). */
  has(generationId: string): Promise<boolean>;
}

export function libraryResults(library: Library): ResultStore {
  return {
    addImage: (args) => library.addImage(args),
    has: async (id) => Boolean(library.getGeneration(id)),
  };
}

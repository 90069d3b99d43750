/** An image in compare with the letter it is shown under (A–D, in the order the images were chosen). */
import type { Generation } from '../../../shared/types';

export interface Lettered {
  gen: Generation;
  letter: string;
}

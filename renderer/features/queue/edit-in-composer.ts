/**
 * A job's request back in the composer (model, prompt, every field, seed, references), with the
 * prompt focused and selected: after moderation the person changes the words before sending.
 */
import type { Job } from '../../../shared/types';
import { seedbank } from '../../platform/seedbank';
import { slotsFromInputs, useComposerStore } from '../../state/composer-store';
import { useViewStore } from '../../state/view-store';
import { jobSeed } from './batches';

export async function editInComposer(job: Job): Promise<void> {
  const inputs = job.request.inputs.length > 0 ? await seedbank().inputs.get({ hashes: job.request.inputs }) : [];
  useComposerStore.getState().reuse({
    model: job.request.model,
    prompt: job.request.prompt,
    params: job.request.params,
    seed: jobSeed(job),
    references: slotsFromInputs(inputs),
  });
  const prompt = document.getElementById('composer-prompt');
  if (prompt instanceof HTMLTextAreaElement) {
    prompt.focus();
    prompt.select();
  }
  useViewStore.getState().showToast('Prompt opened in the composer: change it, then Generate');
}

/**
 * Fooocus: PNG `parameters` plus `fooocus_scheme`. Scheme `fooocus` is a JSON object
 * (`prompt`, `negative_prompt`, `resolution` as "(w, h)", `seed` as text, `base_model`, `steps`,
 * `guidance_scale`, `sampler`, `scheduler`…); scheme `a1111` is A1111-style text.
 */
import { parseA1111 } from './a1111';
import type { ForeignReader } from './types';
import { emptyRecord, jsonObject, positiveSize, setParameter, wholeNumber } from './types';

const SETTINGS = ['steps', 'guidance_scale', 'sharpness', 'sampler', 'scheduler', 'performance', 'version'];

export const readFooocus: ForeignReader = (found) => {
  const scheme = found.texts.get('fooocus_scheme');
  const text = found.texts.get('parameters');
  if (scheme === undefined || !text) return null;
  const json = jsonObject(text);
  if (!json) return parseA1111(text, 'fooocus');
  const record = emptyRecord('fooocus', text);
  record.prompt = typeof json.prompt === 'string' ? json.prompt : '';
  record.negativePrompt = typeof json.negative_prompt === 'string' ? json.negative_prompt : null;
  record.seed = wholeNumber(json.seed);
  if (record.seed === null) setParameter(record, 'seed', json.seed);
  record.model = typeof json.base_model === 'string' ? json.base_model : null;
  // "(1152, 896)"; anything longer is not a resolution (and an unanchored scan of it would be quadratic).
  const resolution = typeof json.resolution === 'string' && json.resolution.length <= 40 ? json.resolution : '';
  const size = /^\D*(\d+)\D+(\d+)\D*$/.exec(resolution);
  record.width = positiveSize(size?.[1]);
  record.height = positiveSize(size?.[2]);
  for (const key of SETTINGS) setParameter(record, key, json[key]);
  if (Array.isArray(json.styles))
    setParameter(record, 'styles', json.styles.filter((s) => typeof s === 'string').join(', '));
  return record;
};

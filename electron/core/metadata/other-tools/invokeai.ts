/**
 * InvokeAI: PNG `invokeai_metadata` (JSON, 3.x and later: `positive_prompt`, `negative_prompt`,
 * `seed`, `width`, `height`, `model.model_name` or `model.name`, `steps`, `cfg_scale`,
 * `scheduler`), the 2.x `sd-metadata` (JSON with an `image` object whose `prompt` is text or a
 * list of weighted prompts) and the 1.x/2.x `Dream` command line (`"prompt" -s 50 -S 42 -W 512 …`).
 */
import type { ForeignReader, ForeignRecord } from './types';
import { emptyRecord, isRecordObject, jsonObject, positiveSize, setParameter, wholeNumber } from './types';

function modelName(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (!isRecordObject(value)) return null;
  const name = value.model_name ?? value.name;
  return typeof name === 'string' ? name : null;
}

function fromCurrent(text: string): ForeignRecord | null {
  const json = jsonObject(text);
  if (!json) return null;
  const record = emptyRecord('invokeai', text);
  record.prompt = typeof json.positive_prompt === 'string' ? json.positive_prompt : '';
  record.negativePrompt = typeof json.negative_prompt === 'string' ? json.negative_prompt : null;
  record.seed = wholeNumber(json.seed);
  record.width = positiveSize(json.width);
  record.height = positiveSize(json.height);
  record.model = modelName(json.model);
  for (const key of ['steps', 'cfg_scale', 'scheduler', 'generation_mode', 'rand_device']) {
    setParameter(record, key, json[key]);
  }
  return record;
}

function promptText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return '';
  return value
    .map((part) => (isRecordObject(part) && typeof part.prompt === 'string' ? part.prompt : ''))
    .filter((part) => part !== '')
    .join(' ');
}

function fromSdMetadata(text: string): ForeignRecord | null {
  const json = jsonObject(text);
  const image = json?.image;
  if (!json || !isRecordObject(image)) return null;
  const record = emptyRecord('invokeai', text);
  record.prompt = promptText(image.prompt);
  record.seed = wholeNumber(image.seed);
  record.width = positiveSize(image.width);
  record.height = positiveSize(image.height);
  record.model = typeof json.model_weights === 'string' ? json.model_weights : null;
  for (const key of ['steps', 'cfg_scale', 'sampler']) setParameter(record, key, image[key]);
  return record;
}

const DREAM_FLAGS: Record<string, string> = { '-s': 'steps', '-C': 'cfg_scale', '-A': 'sampler' };

function fromDream(text: string): ForeignRecord | null {
  const match = /^\s*"((?:\\.|[^"\\])*)"(.*)$/s.exec(text);
  if (!match) return null;
  const record = emptyRecord('invokeai', text);
  record.prompt = (match[1] ?? '').replace(/\\(.)/g, '$1');
  const tokens = (match[2] ?? '').trim().split(/\s+/);
  for (let i = 0; i + 1 < tokens.length; i++) {
    const flag = tokens[i] ?? '';
    const value = tokens[i + 1] ?? '';
    if (flag === '-S') record.seed = wholeNumber(value);
    else if (flag === '-W') record.width = positiveSize(value);
    else if (flag === '-H') record.height = positiveSize(value);
    else if (DREAM_FLAGS[flag]) {
      const n = Number(value);
      setParameter(record, DREAM_FLAGS[flag], Number.isFinite(n) ? n : value);
    } else continue;
    i++;
  }
  return record;
}

export const readInvokeAi: ForeignReader = (found) => {
  const current = found.texts.get('invokeai_metadata');
  if (current) return fromCurrent(current);
  const legacy = found.texts.get('sd-metadata');
  if (legacy) return fromSdMetadata(legacy);
  const dream = found.texts.get('Dream');
  return dream ? fromDream(dream) : null;
};

/**
 * ComfyUI: PNG `prompt` holds the API graph (`{ "3": { "class_type": "KSampler", "inputs":
 * { "seed": 1, "positive": ["6", 0], … } } }`, a link being `[node id, output index]`) and
 * `workflow` the UI graph. The prompt is the text of the text-encode nodes that feed the
 * sampler's `positive` input, followed through conditioning nodes in between; seed and steps
 * come from the sampler. Graphs are user-made and may have cycles or dangling links: every walk
 * keeps a visited set and a missing node just ends that path.
 */
import type { ForeignReader, ForeignRecord } from './types';
import { emptyRecord, isRecordObject, jsonObject, positiveSize, setParameter, wholeNumber } from './types';

interface GraphNode {
  classType: string;
  inputs: Record<string, unknown>;
}
type Graph = Map<string, GraphNode>;

/** A walk through a hostile graph stops here even without a cycle. */
const MAX_STEPS = 10_000;

function toGraph(json: Record<string, unknown>): Graph {
  const graph: Graph = new Map();
  for (const [id, node] of Object.entries(json)) {
    if (!isRecordObject(node) || !isRecordObject(node.inputs)) continue;
    graph.set(id, { classType: typeof node.class_type === 'string' ? node.class_type : '', inputs: node.inputs });
  }
  return graph;
}

function linkTarget(value: unknown): string | null {
  return Array.isArray(value) && value.length === 2 && (typeof value[0] === 'string' || typeof value[0] === 'number')
    ? String(value[0])
    : null;
}

const TEXT_KEYS = ['text', 'text_g', 'text_l', 'prompt', 'string', 'value'];

/** Links followed from a text input to the node holding the text; real graphs need one or two. */
const MAX_TEXT_DEPTH = 16;

/** A node's own text, following a link on a text input (a primitive or string node feeding it). */
function textOf(graph: Graph, node: GraphNode, seen: Set<string>, depth = 0): string[] {
  const texts: string[] = [];
  for (const key of TEXT_KEYS) {
    const value = node.inputs[key];
    if (typeof value === 'string') texts.push(value);
    const target = linkTarget(value);
    if (target !== null && !seen.has(target) && depth < MAX_TEXT_DEPTH) {
      seen.add(target);
      const source = graph.get(target);
      if (source) texts.push(...textOf(graph, source, seen, depth + 1));
    }
    // SDXL encoders carry the same prompt twice (text_g, text_l); one is enough.
    if (texts.length > 0) break;
  }
  return texts;
}

/** Texts of the encode nodes upstream of `start`, in the order the walk meets them. */
function upstreamTexts(graph: Graph, start: unknown): string[] {
  const texts: string[] = [];
  const seen = new Set<string>();
  const queue: string[] = [];
  const first = linkTarget(start);
  if (first !== null) queue.push(first);
  let steps = 0;
  while (queue.length > 0 && steps++ < MAX_STEPS) {
    const id = queue.shift() ?? '';
    if (seen.has(id)) continue;
    seen.add(id);
    const node = graph.get(id);
    if (!node) continue;
    if (/TextEncode|Prompt/i.test(node.classType)) {
      texts.push(...textOf(graph, node, new Set([id])));
      continue;
    }
    for (const value of Object.values(node.inputs)) {
      const target = linkTarget(value);
      if (target !== null && !seen.has(target)) queue.push(target);
    }
  }
  return texts.filter((text) => text.trim() !== '');
}

/** A number input, or the number a linked primitive node holds. */
function numberInput(graph: Graph, node: GraphNode, keys: readonly string[]): unknown {
  for (const key of keys) {
    let value = node.inputs[key];
    const seen = new Set<string>();
    for (let target = linkTarget(value); target !== null && !seen.has(target); target = linkTarget(value)) {
      seen.add(target);
      const source = graph.get(target);
      value = source ? (source.inputs.seed ?? source.inputs.noise_seed ?? source.inputs.value) : undefined;
    }
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The checkpoint name upstream of the sampler's `model`, through LoRA and patch nodes. */
function modelName(graph: Graph, start: unknown): string | null {
  const seen = new Set<string>();
  for (let target = linkTarget(start); target !== null && !seen.has(target);) {
    seen.add(target);
    const node = graph.get(target);
    if (!node) return null;
    for (const key of ['ckpt_name', 'unet_name', 'model_name']) {
      const name = node.inputs[key];
      if (typeof name === 'string') return name;
    }
    target = linkTarget(node.inputs.model);
  }
  return null;
}

function latentSize(graph: Graph, start: unknown): { width: number | null; height: number | null } {
  const node = graph.get(linkTarget(start) ?? '');
  return { width: positiveSize(node?.inputs.width), height: positiveSize(node?.inputs.height) };
}

function isSampler(node: GraphNode): boolean {
  return 'positive' in node.inputs || /Sampler/i.test(node.classType);
}

export function parseComfyPrompt(text: string, workflow: string | undefined): ForeignRecord | null {
  const json = jsonObject(text);
  if (!json) return null;
  const graph = toGraph(json);
  if (graph.size === 0) return null;
  const record = emptyRecord('comfyui', text);
  if (workflow !== undefined) record.workflow = workflow;
  const sampler = [...graph.values()].find((node) => isSampler(node) && 'positive' in node.inputs);
  if (!sampler) return record;
  record.prompt = upstreamTexts(graph, sampler.inputs.positive).join('\n');
  const negative = upstreamTexts(graph, sampler.inputs.negative);
  record.negativePrompt = negative.length > 0 ? negative.join('\n') : null;
  const seed = numberInput(graph, sampler, ['seed', 'noise_seed']);
  record.seed = wholeNumber(seed);
  if (record.seed === null) setParameter(record, 'seed', typeof seed === 'number' ? String(seed) : seed);
  for (const key of ['steps', 'cfg', 'sampler_name', 'scheduler', 'denoise']) {
    setParameter(record, key, numberInput(graph, sampler, [key]));
  }
  setParameter(record, 'sampler_node', sampler.classType);
  record.model = modelName(graph, sampler.inputs.model);
  Object.assign(record, latentSize(graph, sampler.inputs.latent_image));
  return record;
}

/** A file with only a `workflow` (saved from the UI without running) still counts as ComfyUI's. */
export const readComfyUi: ForeignReader = (found) => {
  const prompt = found.texts.get('prompt');
  const workflow = found.texts.get('workflow');
  const record = prompt ? parseComfyPrompt(prompt, workflow) : null;
  if (record || !workflow || !jsonObject(workflow)) return record;
  const bare = emptyRecord('comfyui', workflow);
  bare.workflow = workflow;
  return bare;
};

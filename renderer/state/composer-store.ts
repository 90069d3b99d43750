/**
 * The composer: the request being written (model, prompt, params, seed, reference images, count)
 * and its sending. The core validates a request where it enters and names the field it refuses
 * (shown next to that control); nothing is written or sent then. Whether a batch
 * needs the person's yes (cost, identical requests) is the core's rule alone: its CONFIRM_REQUIRED
 * answer opens the question, and only a yes re-sends with `confirmed`.
 */
import { create } from 'zustand';
import { estimateCost, PIXELS_PER_MP } from '../../shared/models';
import type { ErrorInfo } from '../../shared/errors';
import type { GenerationRequest, InputImage } from '../../shared/types';
import { seedbank } from '../platform/seedbank';
import { errorInfoOf } from '../ui/error-text';
import { carryOver, defaultParams, modelOrDefault, requestParams, type Params } from './composer-params';
import { loadHistory, rememberPrompt } from './prompt-history';

export type SeedMode = 'random' | 'fixed' | 'increment';

/** One filled reference slot. Size is unknown for a hash that came from a dropped file's record. */
export interface Slot {
  hash: string;
  url: string | null;
  name: string;
  width: number | null;
  height: number | null;
  bytes: number | null;
}

/** Library reference images as the composer's slots, named by their position. */
export function slotsFromInputs(inputs: readonly InputImage[]): Slot[] {
  return inputs.map((input, i) => ({
    hash: input.hash,
    url: input.url,
    name: `Reference ${i + 1}`,
    width: input.width,
    height: input.height,
    bytes: input.bytes,
  }));
}

export interface PendingConfirm {
  /** The core's reason, naming the figures. */
  message: string;
  /** How many identical requests the batch would send; null when the question is about cost. */
  identical: number | null;
}

export interface ReusableParameters {
  model: string;
  prompt: string;
  params: Params;
  seed: number | null;
  references: Slot[];
}

interface ComposerState {
  model: string;
  prompt: string;
  params: Params;
  seedMode: SeedMode;
  seed: number | null;
  count: number;
  projectId: string | null;
  inputs: Slot[];
  history: string[];
  historyIndex: number | null;
  error: ErrorInfo | null;
  slotMessage: string | null;
  uploading: number;
  sending: boolean;
  /** The core asked for a yes (CONFIRM_REQUIRED): the question is open until answered. */
  pendingConfirm: PendingConfirm | null;
  setModel(id: string): void;
  setPrompt(prompt: string): void;
  setParam(name: string, value: unknown): void;
  setSeedMode(mode: SeedMode): void;
  setSeed(seed: number | null): void;
  setCount(count: number): void;
  setProject(id: string | null): void;
  stepHistory(direction: -1 | 1): boolean;
  addInput(slot: Slot): void;
  uploadInput(name: string, dataBase64: string): Promise<void>;
  /** A library image as a reference: the core stores its file, no bytes pass through the page. */
  addLibraryInput(id: string, name: string): Promise<void>;
  removeInput(index: number): void;
  setSlotMessage(message: string | null): void;
  reuse(values: ReusableParameters): void;
  lockSeed(seed: number): void;
  clearError(): void;
  applyDefaults(model: string, params: Params): void;
  buildRequest(): GenerationRequest;
  estimate(): number | null;
  submit(options?: { confirmed?: boolean }): Promise<boolean>;
  /** The answer "+1 each run" to an identical batch: step the seed and send again (unconfirmed). */
  submitStepping(): Promise<boolean>;
  cancelConfirm(): void;
}

function tooManyMessage(label: string, max: number): string {
  if (max === 0) return `${label} takes no reference images.`;
  return `${label} takes at most ${max} reference image${max === 1 ? '' : 's'}.`;
}

const initialModel = modelOrDefault('flux-2-pro');

function slotFromInput(input: InputImage, name: string): Slot {
  return { hash: input.hash, url: input.url, name, width: input.width, height: input.height, bytes: input.bytes };
}

/**
 * The state after the reference slots change: the slot notice goes, and so does a refusal about the
 * images (their count, the mask's size), which no longer describes what is in the slots.
 */
export function withSlots(state: Pick<ComposerState, 'error'>, inputs: Slot[]): Partial<ComposerState> {
  const aboutImages =
    state.error?.code === 'INVALID_INPUT' && (state.error.field === 'inputs' || state.error.field === 'mask');
  return { inputs, slotMessage: null, ...(aboutImages ? { error: null } : {}) };
}

export const useComposerStore = create<ComposerState>()((set, get) => {
  /** Stores one reference image through the core and fills the next slot, or says why not. */
  const intakeInput = async (name: string, store: () => Promise<InputImage>): Promise<void> => {
    const spec = modelOrDefault(get().model);
    if (get().inputs.length + get().uploading >= spec.images.max) {
      set({ slotMessage: `${name}: ${tooManyMessage(spec.label, spec.images.max)}` });
      return;
    }
    set({ uploading: get().uploading + 1 });
    try {
      get().addInput(slotFromInput(await store(), name));
    } catch (err) {
      set({ slotMessage: `${name}: ${errorInfoOf(err).message}` });
    } finally {
      set({ uploading: get().uploading - 1 });
    }
  };

  return {
    model: initialModel.id,
    prompt: '',
    params: defaultParams(initialModel),
    seedMode: 'random',
    seed: null,
    count: 1,
    projectId: null,
    inputs: [],
    history: loadHistory(),
    historyIndex: null,
    error: null,
    slotMessage: null,
    uploading: 0,
    sending: false,
    pendingConfirm: null,

    setModel(id) {
      const spec = modelOrDefault(id);
      const { inputs, params } = get();
      const kept = inputs.slice(0, spec.images.max);
      const dropped = inputs.length - kept.length;
      set({
        model: spec.id,
        params: carryOver(params, spec, defaultParams(spec)),
        inputs: kept,
        error: null,
        slotMessage: dropped > 0 ? `${tooManyMessage(spec.label, spec.images.max)} ${dropped} removed.` : null,
      });
    },
    setPrompt: (prompt) =>
      set({ prompt, historyIndex: null, error: get().error?.field === 'prompt' ? null : get().error }),
    setParam: (name, value) =>
      set({ params: { ...get().params, [name]: value }, error: get().error?.field === name ? null : get().error }),
    setSeedMode(mode) {
      // A fixed or stepping seed needs a number to start from.
      const seed = mode === 'random' ? get().seed : (get().seed ?? Math.floor(Math.random() * 2 ** 31));
      set({ seedMode: mode, seed });
    },
    setSeed: (seed) =>
      set({ seed, seedMode: seed === null ? 'random' : get().seedMode === 'random' ? 'fixed' : get().seedMode }),
    setCount: (count) => set({ count: Math.min(100, Math.max(1, Math.round(count) || 1)) }),
    setProject: (projectId) => set({ projectId }),

    stepHistory(direction) {
      const { history, historyIndex } = get();
      if (history.length === 0) return false;
      const current = historyIndex ?? history.length;
      const next = current + direction;
      if (next < 0) return false;
      if (next >= history.length) {
        set({ historyIndex: null, prompt: historyIndex === null ? get().prompt : '' });
        return historyIndex !== null;
      }
      set({ historyIndex: next, prompt: history[next] ?? '' });
      return true;
    },

    addInput(slot) {
      const spec = modelOrDefault(get().model);
      if (get().inputs.length >= spec.images.max) {
        set({ slotMessage: tooManyMessage(spec.label, spec.images.max) });
        return;
      }
      set(withSlots(get(), [...get().inputs, slot]));
    },
    uploadInput: (name, dataBase64) => intakeInput(name, () => seedbank().inputs.add({ name, dataBase64 })),
    addLibraryInput: (id, name) => intakeInput(name, () => seedbank().inputs.fromLibrary({ id })),
    removeInput: (index) =>
      set(
        withSlots(
          get(),
          get().inputs.filter((_, i) => i !== index),
        ),
      ),
    setSlotMessage: (slotMessage) => set({ slotMessage }),

    reuse(values) {
      const spec = modelOrDefault(values.model);
      set({
        model: spec.id,
        prompt: values.prompt,
        params: carryOver(values.params, spec, defaultParams(spec)),
        seed: values.seed,
        seedMode: values.seed === null ? 'random' : 'fixed',
        inputs: values.references.slice(0, spec.images.max),
        error: null,
        slotMessage: null,
        historyIndex: null,
      });
    },
    lockSeed: (seed) => set({ seed, seedMode: 'fixed' }),
    clearError: () => set({ error: null }),
    applyDefaults(model, params) {
      const spec = modelOrDefault(model);
      set({ model: spec.id, params: defaultParams(spec, params) });
    },

    buildRequest() {
      const { model, prompt, params, seed, seedMode, inputs } = get();
      const spec = modelOrDefault(model);
      return {
        model: spec.id,
        prompt,
        params: requestParams(spec, params, seedMode === 'random' ? null : seed),
        inputs: inputs.map((s) => s.hash),
      };
    },
    estimate() {
      const { model, count, inputs } = get();
      const request = get().buildRequest();
      const inputMp = inputs.map((s) => (s.width && s.height ? (s.width * s.height) / PIXELS_PER_MP : 1));
      const each = estimateCost(model, request.params, inputMp);
      return each === null ? null : Math.round(each * count * 1000) / 1000;
    },

    async submit(options = {}) {
      const { count, seedMode, projectId, sending } = get();
      if (sending) return false;
      const request = get().buildRequest();
      set({ sending: true, pendingConfirm: null, error: null });
      try {
        await seedbank().jobs.submit({ request, count, seedMode, projectId, confirmed: options.confirmed === true });
        const history = rememberPrompt(get().history, request.prompt);
        const seed = get().seed;
        set({
          history,
          historyIndex: null,
          sending: false,
          seed: seedMode === 'increment' && seed !== null ? seed + count : seed,
        });
        return true;
      } catch (err) {
        const error = errorInfoOf(err);
        if (error.code === 'CONFIRM_REQUIRED') {
          const identical = error.field === 'seedMode' ? count : null;
          set({ sending: false, pendingConfirm: { message: error.message, identical } });
        } else {
          set({ sending: false, error });
        }
        return false;
      }
    },
    submitStepping() {
      set({ pendingConfirm: null });
      get().setSeedMode('increment');
      return get().submit();
    },
    cancelConfirm: () => set({ pendingConfirm: null }),
  };
});

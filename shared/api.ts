/**
 * The one contract between the renderer and the core.
 *
 * Every request channel names a zod schema for its payload and (as a type only) its answer;
 * every event channel names the schema of what it carries. Main validates each incoming payload
 * with these schemas, and the preload and the web-host shim derive `window.seedbank` from the
 * channel names here, so the renderer cannot call what this file does not name.
 */
import { z } from 'zod';
import {
  ACTIVE_JOB_STATUSES,
  FINAL_JOB_STATUSES,
  type AppInfo,
  type EmbeddedRecord,
  type Generation,
  type InputImage,
  type Job,
  type JobStatus,
  type KeyStatus,
  type Project,
  type Settings,
  type SpendSummary,
  type TaskProgress,
} from './types';
import type { ErrorInfo } from './errors';

/** A phantom carrying the answer type of a request channel; it has no runtime value. */
declare const answerBrand: unique symbol;
export type Answer<T> = { readonly [answerBrand]: T };
const answer = <T>(): Answer<T> => ({}) as Answer<T>;

interface RequestDef<P extends z.ZodType, R> {
  payload: P;
  answer: Answer<R>;
}
const request = <P extends z.ZodType, R>(payload: P, result: Answer<R>): RequestDef<P, R> => ({
  payload,
  answer: result,
});

const Empty = z.object({}).strict().optional();
const Id = z.string().min(1).max(64);
const Ids = z.array(Id).min(1).max(100_000);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 hex digest');
const IsoDate = z.iso.datetime({ offset: true });
const JobStatusSchema = z.enum([...ACTIVE_JOB_STATUSES, ...FINAL_JOB_STATUSES] as [JobStatus, ...JobStatus[]]);

export const GenerationRequestSchema = z
  .object({
    model: z.string().min(1).max(64),
    prompt: z.string().max(200_000),
    params: z.record(z.string(), z.unknown()),
    inputs: z.array(Sha256).max(8),
  })
  .strict();

export const LibraryFilterSchema = z
  .object({
    /** A project id, or null for "Unsorted"; absent for every project. */
    projectId: Id.nullable().optional(),
    model: z.string().max(64).optional(),
    favorite: z.boolean().optional(),
    minRating: z.number().int().min(0).max(5).optional(),
    tag: z.string().min(1).max(200).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    hasReferences: z.boolean().optional(),
    search: z.string().max(1000).optional(),
    /** The trash view lists trashed images only. */
    trashed: z.boolean().optional(),
  })
  .strict();

export const SettingsPatchSchema = z
  .object({
    region: z.enum(['global', 'eu', 'us', 'custom']),
    customApiBase: z.url({ protocol: /^https?$/ }).nullable(),
    defaultModel: z.string().min(1).max(64),
    defaultParams: z.record(z.string(), z.unknown()),
    costConfirmThreshold: z.number().min(0).max(1_000_000),
    theme: z.enum(['dark', 'light']),
    maxActiveTasks: z.number().int().min(1).max(24),
    pollBudgetPerSecond: z.number().min(1).max(100),
    window: z
      .object({
        x: z.number().int().optional(),
        y: z.number().int().optional(),
        width: z.number().int().min(200).max(20_000),
        height: z.number().int().min(200).max(20_000),
        maximized: z.boolean(),
      })
      .nullable(),
  })
  .partial()
  .strict();

export interface LibraryPage {
  items: Generation[];
  nextCursor: string | null;
  total: number;
}

export interface GenerationDetail {
  generation: Generation;
  /** Reference images this one used, in slot order; `generation` is set when the input is itself a library image. */
  references: { input: InputImage; generation: Generation | null }[];
  /** Library images that used this one as a reference. */
  usedBy: Generation[];
}

export interface SettingsView {
  settings: Settings;
  /** The API base in effect (environment wins over settings). */
  apiBase: string;
  /** A message to show once, e.g. that a corrupt settings file was set aside. */
  notice: string | null;
}

export interface LongTaskResult {
  taskId: string;
  done: number;
  failed: number;
  message: string;
}

export const requests = {
  'app:info': request(Empty, answer<AppInfo>()),

  'key:status': request(Empty, answer<KeyStatus>()),
  'key:set': request(z.object({ key: z.string().trim().min(8).max(512) }).strict(), answer<KeyStatus>()),
  'key:clear': request(Empty, answer<KeyStatus>()),
  /** Calls the credits endpoint with the key in use; KEY_REJECTED when BFL refuses it. */
  'key:test': request(Empty, answer<{ credits: number }>()),

  'credits:get': request(Empty, answer<{ credits: number }>()),

  'settings:get': request(Empty, answer<SettingsView>()),
  'settings:update': request(SettingsPatchSchema, answer<SettingsView>()),

  /** Stores a reference image once by content hash; checks format and BFL's 20 MB / 20 MP limits. */
  'inputs:add': request(
    z.object({ name: z.string().max(1000), dataBase64: z.string().min(1) }).strict(),
    answer<InputImage>(),
  ),

  /** Uses a library image as a reference: the core stores its file as an input (no bytes cross the bridge). */
  'inputs:fromLibrary': request(z.object({ id: Id }).strict(), answer<InputImage>()),

  'jobs:estimate': request(
    z.object({ request: GenerationRequestSchema, count: z.number().int().min(1).max(100) }).strict(),
    answer<{ credits: number | null }>(),
  ),
  'jobs:submit': request(
    z
      .object({
        request: GenerationRequestSchema,
        count: z.number().int().min(1).max(100).default(1),
        /** With a fixed seed and count > 1: `increment` gives S, S+1, …; `random` picks new seeds. */
        seedMode: z.enum(['fixed', 'increment', 'random']).default('increment'),
        projectId: Id.nullable().default(null),
      })
      .strict(),
    answer<{ jobs: Job[] }>(),
  ),
  /** Newest first; `states` and `ids` narrow the list (e.g. every `unknown` job, or one job by id). */
  'jobs:list': request(
    z
      .object({
        limit: z.number().int().min(1).max(10_000).default(200),
        states: z.array(JobStatusSchema).min(1).max(20).optional(),
        ids: z.array(Id).min(1).max(1000).optional(),
      })
      .strict()
      .optional(),
    answer<Job[]>(),
  ),
  /** Answers once every one of these jobs is final (whichever process works on it), in the order asked. */
  'jobs:wait': request(z.object({ ids: z.array(Id).min(1).max(1000) }).strict(), answer<Job[]>()),
  /** Picks up every unfinished job (after a crash or a killed run) and answers with them. */
  'jobs:resumeUnfinished': request(Empty, answer<{ jobs: Job[] }>()),
  'jobs:cancel': request(z.object({ id: Id }).strict(), answer<Job>()),
  /** Re-sends a failed job as a new job; a job of unknown outcome needs `confirmResubmit`. */
  'jobs:retry': request(z.object({ id: Id, confirmResubmit: z.boolean().default(false) }).strict(), answer<Job>()),
  'jobs:clearFinished': request(Empty, answer<{ removed: number }>()),

  'library:list': request(
    z
      .object({
        filter: LibraryFilterSchema.default({}),
        sort: z.enum(['newest', 'oldest', 'rating']).default('newest'),
        cursor: z.string().max(500).nullable().default(null),
        limit: z.number().int().min(1).max(500).default(200),
      })
      .strict(),
    answer<LibraryPage>(),
  ),
  'library:get': request(z.object({ id: Id }).strict(), answer<GenerationDetail>()),
  'library:favorite': request(z.object({ ids: Ids, favorite: z.boolean() }).strict(), answer<{ updated: number }>()),
  'library:rate': request(
    z.object({ ids: Ids, rating: z.number().int().min(0).max(5) }).strict(),
    answer<{ updated: number }>(),
  ),
  'library:tag': request(
    z
      .object({
        ids: Ids,
        add: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
        remove: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
      })
      .strict(),
    answer<{ updated: number }>(),
  ),
  'library:move': request(z.object({ ids: Ids, projectId: Id.nullable() }).strict(), answer<{ updated: number }>()),
  'library:trash': request(z.object({ ids: Ids }).strict(), answer<{ trashed: number }>()),
  'library:restore': request(z.object({ ids: Ids }).strict(), answer<{ restored: number }>()),
  'library:emptyTrash': request(Empty, answer<{ deleted: number }>()),
  'library:export': request(
    z
      .object({
        ids: Ids.optional(),
        projectId: Id.nullable().optional(),
        destination: z.string().min(1).max(4096),
      })
      .strict(),
    answer<LongTaskResult>(),
  ),
  'library:reveal': request(z.object({ id: Id }).strict(), answer<{ path: string }>()),
  /** Reads the Seedbank record embedded in any image file (e.g. one dropped onto the window). */
  'library:inspectFile': request(
    z.object({ dataBase64: z.string().min(1) }).strict(),
    answer<{ record: EmbeddedRecord | null }>(),
  ),
  'library:reconcile': request(Empty, answer<LongTaskResult>()),
  'library:rebuild': request(Empty, answer<LongTaskResult>()),
  'library:import': request(z.object({ directory: z.string().min(1).max(4096) }).strict(), answer<LongTaskResult>()),
  'library:cancelTask': request(z.object({ taskId: Id }).strict(), answer<{ cancelled: boolean }>()),
  'library:tags': request(Empty, answer<{ tag: string; count: number }[]>()),
  'library:spend': request(Empty, answer<SpendSummary>()),

  'projects:list': request(Empty, answer<{ projects: Project[]; unsortedCount: number; trashCount: number }>()),
  'projects:create': request(z.object({ name: z.string().trim().min(1).max(200) }).strict(), answer<Project>()),
  'projects:rename': request(z.object({ id: Id, name: z.string().trim().min(1).max(200) }).strict(), answer<Project>()),
  'projects:delete': request(
    z.object({ id: Id, images: z.enum(['unsorted', 'trash']).default('unsorted') }).strict(),
    answer<{ moved: number; trashed: number }>(),
  ),

  /** Desktop-only actions; the web host answers NOT_FOUND where it cannot do them. */
  'shell:openExternal': request(
    z.object({ url: z.url({ protocol: /^https$/ }) }).strict(),
    answer<{ opened: boolean }>(),
  ),
  /** Drags a library image out of the window to another application (Electron only). */
  'shell:startDrag': request(z.object({ id: Id }).strict(), answer<{ started: boolean }>()),
  'shell:copyText': request(z.object({ text: z.string().max(200_000) }).strict(), answer<{ copied: boolean }>()),
} as const;

export const events = {
  'jobs:changed': z.custom<Job>(),
  'library:changed': z.custom<{ added: Generation[]; updated: Generation[]; removed: string[] }>(),
  'projects:changed': z.custom<{ projects: Project[] }>(),
  'network:changed': z.custom<{ online: boolean }>(),
  'tasks:progress': z.custom<TaskProgress>(),
  'settings:changed': z.custom<SettingsView>(),
  'credits:changed': z.custom<{ credits: number }>(),
} as const;

export type RequestChannel = keyof typeof requests;
export type EventChannel = keyof typeof events;

/** What a caller passes (before defaults are applied). */
export type RequestPayload<C extends RequestChannel> = z.input<(typeof requests)[C]['payload']>;
/** What a handler receives (after validation and defaults). */
export type HandlerPayload<C extends RequestChannel> = z.output<(typeof requests)[C]['payload']>;
export type RequestResult<C extends RequestChannel> =
  (typeof requests)[C]['answer'] extends Answer<infer R> ? R : never;
export type EventPayload<E extends EventChannel> = z.output<(typeof events)[E]>;

/** The envelope every front door answers with. */
export type Envelope<T> = { result: T } | { error: ErrorInfo };

/** One handler per request channel: the core implements this, the front doors dispatch to it. */
export type Handlers = {
  [C in RequestChannel]: (payload: HandlerPayload<C>) => Promise<RequestResult<C>> | RequestResult<C>;
};

export const REQUEST_CHANNELS = Object.keys(requests) as RequestChannel[];
export const EVENT_CHANNELS = Object.keys(events) as EventChannel[];

/** The IPC channel name main uses to push events to the window. */
export const EVENT_IPC_CHANNEL = 'seedbank:event';

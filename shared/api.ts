/**
 * The one contract between the renderer and the core.
 *
 * Every request channel names a zod schema for its payload and (as a type only) its answer;
 * every event channel names the schema of what it carries. Main validates each incoming payload
 * with these schemas, and the preload and the web-host shim derive `window.seedbank` from the
 * channel names here, so the renderer cannot call what this file does not name.
 */
import type { LibraryChange } from './library-reload';
import { z } from 'zod';
import type {
  AppInfo,
  EmbeddedRecord,
  GalleryItem,
  Generation,
  InputAlpha,
  InputImage,
  Job,
  JobStatus,
  KeySetResult,
  KeyStatus,
  Project,
  Settings,
  SourceDetails,
  SpendSummary,
  TaskProgress,
  TeamCheckResult,
  TeamLibraryView,
  WatchedFolder,
} from './types';
import type { DiagnosticsReport } from './diagnostics';
import type { ImportReport } from './import-report';
import { ExportOptionsSchema, ExportPresetSchema } from './export-preset';
import type { ErrorInfo } from './errors';
import { JOB_STATUSES } from './job-states';
import { MAX_FILTER_TAGS } from './library-limits';

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
const JobStatusSchema = z.enum(JOB_STATUSES as [JobStatus, ...JobStatus[]]);

/** The largest file the page may hand over: a 20 MB reference image or mask (BFL's limit), with room to spare. */
export const MAX_PAYLOAD_BYTES = 20 * 1024 * 1024;
/** That many bytes in base64 (4 characters per 3 bytes), plus room for a `data:…;base64,` prefix. */
export const MAX_BASE64_LENGTH = Math.ceil(MAX_PAYLOAD_BYTES / 3) * 4 + 64;
/** File bytes from the page: refused by length before anything is decoded. */
const Base64Payload = z
  .string()
  .min(1)
  .max(MAX_BASE64_LENGTH, `must be at most ${MAX_PAYLOAD_BYTES / 1024 / 1024} MB of file data`);

export const GenerationRequestSchema = z
  .object({
    model: z.string().min(1).max(64),
    prompt: z.string().max(200_000),
    params: z.record(z.string(), z.unknown()),
    inputs: z.array(Sha256).max(8),
  })
  .strict();

export { MAX_FILTER_TAGS };

export const LibraryFilterSchema = z
  .object({
    /** A project id, or null for "Unsorted"; absent for every project. */
    projectId: Id.nullable().optional(),
    model: z.string().max(64).optional(),
    favorite: z.boolean().optional(),
    minRating: z.number().int().min(0).max(5).optional(),
    tag: z.string().min(1).max(200).optional(),
    /** Several tags: images carrying all of them (`tagMatch: 'all'`, the default) or any one. */
    tags: z
      .array(z.string().trim().min(1, { error: 'a tag cannot be empty' }).max(200))
      .min(1, { error: 'name at least one tag, or leave tags out' })
      .max(MAX_FILTER_TAGS, { error: `at most ${MAX_FILTER_TAGS} tags at once` })
      .optional(),
    tagMatch: z.enum(['all', 'any'], { error: "must be 'all' or 'any'" }).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    hasReferences: z.boolean().optional(),
    /** Images made from this library image, directly or through a chain of edits. */
    editsOf: Id.optional(),
    /** The tool an image was made with: `seedbank` for Seedbank's own, else an imported image's tool (`comfyui`, `file`, …). */
    source: z.string().min(1).max(40).optional(),
    search: z.string().max(1000).optional(),
    /**
     * Whether search also reads the prompt BFL rewrote (prompt upsampling). Off unless true: a
     * search finds your own words, not the ones BFL added to every upsampled prompt.
     */
    searchUpsampled: z.boolean().optional(),
    /** The trash view lists trashed images only. */
    trashed: z.boolean().optional(),
  })
  .strict();

/** A team database's connection string: postgres:// or postgresql://, nothing else. */
const TeamDatabaseUrl = z
  .string()
  .trim()
  .max(2048)
  .regex(/^postgres(ql)?:\/\/[^\s]+$/, {
    error: 'must be a connection string starting with postgres:// (e.g. postgres://user@server/seedbank)',
  });

/** True when a connection string carries a password (`user:password@`). */
export function hasPassword(url: string): boolean {
  return URL.canParse(url) && new URL(url).password !== '';
}

/** Empty means "the OS user name" (see Settings.personName). */
const PersonName = z.string().trim().max(200);

export const LibrarySettingsSchema = z
  .object({
    mode: z.enum(['local', 'team'], { error: "must be 'local' or 'team'" }),
    databaseUrl: TeamDatabaseUrl.refine((url) => !hasPassword(url), {
      error: 'must not carry a password: the password is kept in the OS keychain (Settings → Library)',
    }).optional(),
    sharedFolder: z.string().min(1).max(4096).optional(),
  })
  .strict();

export const SettingsPatchSchema = z
  .object({
    /** BFL's own regions only: the key goes to the API base, so the page must not choose another. */
    region: z.enum(['global', 'eu', 'us']),
    defaultModel: z.string().min(1).max(64),
    defaultParams: z.record(z.string(), z.unknown()),
    costConfirmThreshold: z.number().min(0).max(1_000_000),
    theme: z.enum(['dark', 'light']),
    maxActiveTasks: z.number().int().min(1).max(24),
    pollBudgetPerSecond: z.number().min(1).max(100),
    /** Named export presets, offered in the export dialog. */
    exportPresets: z.array(ExportPresetSchema).max(50),
    window: z
      .object({
        x: z.number().int().optional(),
        y: z.number().int().optional(),
        width: z.number().int().min(200).max(20_000),
        height: z.number().int().min(200).max(20_000),
        maximized: z.boolean(),
      })
      .nullable(),
    library: LibrarySettingsSchema,
    /** Recorded as "made by" in a team library; empty or unset: the OS user name. */
    personName: PersonName,
  })
  .partial()
  .strict();

/** The team library's form in Settings → Library; a password typed in `databaseUrl` goes to the keychain. */
export const TeamLibraryFormSchema = z
  .object({
    databaseUrl: TeamDatabaseUrl,
    /** A handle from `dialog:chooseFolder` in the app (or the folder already saved); a typed full path in the browser host. */
    sharedFolder: z.string().trim().min(1, { error: 'choose the shared folder' }).max(4096),
  })
  .strict();

export interface LibraryPage {
  /** Thin items (see `GalleryItem`); `library:get` gives the whole `Generation`. */
  items: GalleryItem[];
  nextCursor: string | null;
  /** How many images the filter matches; null when asked with `count: false` (see `library:count`). */
  total: number | null;
  /** Set when the team library cannot be reached: this answer comes from this workstation's recent cache. */
  offline?: OfflineView;
}

/**
 * Whether the team library can be reached (`library:teamStatus`). While `away`, pages and details
 * seen recently are answered from this workstation's cache and finished images wait in its outbox
 * (docs/team-library.md, "Offline").
 */
export interface TeamLibraryStatus {
  state: 'connected' | 'away';
  /** When the state began (ISO). */
  since: string;
  /** What failed (the server or the shared folder), while away. */
  reason: string | null;
  /** Images made on this workstation waiting in the outbox to move into the team library. */
  waiting: number;
}

/** A cached answer: the team library is away since `since`; `seenAt` is when the answer was last fetched (null: never, only this workstation's outbox). */
export interface OfflineView {
  since: string;
  reason: string;
  seenAt: string | null;
}

export interface GenerationDetail {
  generation: Generation;
  /** Reference images this one used, in slot order; `generation` is set when the input is itself a library image. */
  references: { input: InputImage; generation: Generation | null }[];
  /** Library images that used this one as a reference. */
  usedBy: Generation[];
  /** The chain of edits through this image (source → edit 1 → …), oldest first; see core/library/query/edit-chain.ts. */
  chain: ChainStep[];
  /** For an image imported from another tool: what that tool wrote (absent for Seedbank's own). */
  madeWith?: SourceDetails;
  /** Set when the team library cannot be reached and this detail comes from this workstation's cache. */
  offline?: OfflineView;
}

export interface ChainStep {
  generation: Generation;
  /** The step came back with fewer pixels than the image it edits. */
  shrunk: boolean;
}

export interface SettingsView {
  settings: Settings;
  /** The API base in effect (environment wins over settings). */
  apiBase: string;
  /** True when `SEEDBANK_API_BASE` sets the API base, so the region choice has no effect. */
  apiBaseFromEnvironment: boolean;
  /** A message to show once, e.g. that a corrupt settings file was set aside. */
  notice: string | null;
}

export interface LongTaskResult {
  taskId: string;
  done: number;
  failed: number;
  message: string;
  /** `library:import` only: what came in, what was skipped and why, and where the log is. */
  import?: ImportReport;
}

export const requests = {
  'app:info': request(Empty, answer<AppInfo>()),
  /** The doctor's checks (keychain, key, app-data folder, database, log; online: host, key, credits). */
  'app:diagnostics': request(z.object({ online: z.boolean().default(false) }).strict(), answer<DiagnosticsReport>()),

  'key:status': request(Empty, answer<KeyStatus>()),
  /**
   * Saves the key. `verify` asks BFL first: a key BFL refuses is not saved (KEY_REJECTED); when
   * BFL cannot be reached it is saved untested and `check` says so. `sessionOnly` keeps it in the
   * core's memory until the app quits, never written (for systems without a keychain).
   */
  'key:set': request(
    z
      .object({
        key: z.string().trim().min(8).max(512),
        verify: z.boolean().default(false),
        sessionOnly: z.boolean().default(false),
      })
      .strict(),
    answer<KeySetResult>(),
  ),
  'key:clear': request(Empty, answer<KeyStatus>()),
  /**
   * Calls the credits endpoint with the key in use — or with `key`, a key not saved yet (nothing
   * is kept); KEY_REJECTED when BFL refuses it.
   */
  'key:test': request(
    z
      .object({ key: z.string().trim().min(8).max(512).optional() })
      .strict()
      .optional(),
    answer<{ credits: number }>(),
  ),

  'credits:get': request(Empty, answer<{ credits: number }>()),

  'settings:get': request(Empty, answer<SettingsView>()),
  'settings:update': request(SettingsPatchSchema, answer<SettingsView>()),

  /** Settings → Library: the mode, the team database (no password), the folder, the person's name. */
  'library:teamSettings': request(Empty, answer<TeamLibraryView>()),
  /**
   * The team library's Test: connection, schema version, write access to the folder, library ids
   * match. A password typed in `databaseUrl` is used for the test only, never kept.
   */
  'library:teamTest': request(TeamLibraryFormSchema, answer<{ checks: TeamCheckResult[] }>()),
  /**
   * Saves Settings → Library. Team needs a passing test, or `confirmUntested`; the password typed
   * in `databaseUrl` goes to the OS keychain and the URL is saved without it. The switch takes
   * effect when Seedbank next starts.
   */
  'library:teamSave': request(
    z
      .object({
        mode: z.enum(['local', 'team'], { error: "must be 'local' or 'team'" }),
        databaseUrl: TeamDatabaseUrl.optional(),
        sharedFolder: z.string().trim().min(1).max(4096).optional(),
        personName: PersonName.optional(),
        confirmUntested: z.boolean().default(false),
      })
      .strict(),
    answer<TeamLibraryView & { checks: TeamCheckResult[]; restartNeeded: boolean }>(),
  ),

  /** Stores a reference image once by content hash; checks format and BFL's 20 MB / 20 MP limits. */
  'inputs:add': request(
    z.object({ name: z.string().max(1000), dataBase64: Base64Payload }).strict(),
    answer<InputImage>(),
  ),

  /** Uses a library image as a reference: the core stores its file as an input (no bytes cross the bridge). */
  'inputs:fromLibrary': request(z.object({ id: Id }).strict(), answer<InputImage>()),
  /** Stored reference images by hash (e.g. to load a job's request back into the composer). */
  'inputs:get': request(z.object({ hashes: z.array(Sha256).max(8) }).strict(), answer<InputImage[]>()),
  /** A stored reference image's transparency (the mask painter's "Use transparency"). */
  'inputs:alpha': request(z.object({ hash: Sha256 }).strict(), answer<InputAlpha>()),

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
        /** The person said yes to what a CONFIRM_REQUIRED answer asked (the core asks every front door alike). */
        confirmed: z.boolean().default(false),
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
  /** Resumes a paused job now (a person fixed the cause); any other job is answered unchanged. */
  'jobs:resume': request(z.object({ id: Id }).strict(), answer<Job>()),

  'library:list': request(
    z
      .object({
        filter: LibraryFilterSchema.default({}),
        sort: z.enum(['newest', 'oldest', 'rating']).default('newest'),
        cursor: z.string().max(500).nullable().default(null),
        limit: z.number().int().min(1).max(500).default(200),
        /** False leaves `total` null: counting every match of a search costs more than the page. */
        count: z.boolean().default(true),
      })
      .strict(),
    answer<LibraryPage>(),
  ),
  /** How many images a filter matches: the total of a page asked for with `count: false`. */
  'library:count': request(z.object({ filter: LibraryFilterSchema.default({}) }).strict(), answer<{ total: number }>()),
  'library:get': request(z.object({ id: Id }).strict(), answer<GenerationDetail>()),
  /**
   * Whole records by id, in the order asked, without the lineage `library:get` adds (ids not in
   * the library are left out): for a list that shows more than a tile does (`seedbank history`).
   */
  'library:records': request(z.object({ ids: z.array(Id).min(1).max(500) }).strict(), answer<Generation[]>()),
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
  /** `destination`: a handle from `dialog:chooseFolder` in the app; a typed full path in the browser host. */
  'library:export': request(
    z
      .object({
        ids: Ids.optional(),
        projectId: Id.nullable().optional(),
        destination: z.string().min(1).max(4096),
        /** Name template, format and size conversion, contact sheet; absent copies the files as they are. */
        options: ExportOptionsSchema.optional(),
      })
      .strict(),
    answer<LongTaskResult>(),
  ),
  'library:reveal': request(z.object({ id: Id }).strict(), answer<{ path: string }>()),
  /** Reads the Seedbank record embedded in any image file (e.g. one dropped onto the window). */
  'library:inspectFile': request(
    z.object({ dataBase64: Base64Payload }).strict(),
    answer<{ record: EmbeddedRecord | null }>(),
  ),
  'library:reconcile': request(Empty, answer<LongTaskResult>()),
  'library:rebuild': request(Empty, answer<LongTaskResult>()),
  /** `directory`: a handle from `dialog:chooseFolder` in the app; a typed full path in the browser host. */
  'library:import': request(z.object({ directory: z.string().min(1).max(4096) }).strict(), answer<LongTaskResult>()),
  'library:cancelTask': request(z.object({ taskId: Id }).strict(), answer<{ cancelled: boolean }>()),
  /**
   * Pauses (or resumes) a running task between files; its `tasks:progress` says `paused`. The
   * task's id comes in its first `tasks:progress` event. `found` is false when no such task runs.
   */
  'library:pauseTask': request(
    z.object({ taskId: Id, paused: z.boolean() }).strict(),
    answer<{ found: boolean; paused: boolean }>(),
  ),
  'library:tags': request(Empty, answer<{ tag: string; count: number }[]>()),
  'library:spend': request(Empty, answer<SpendSummary>()),

  /** Folders indexed in place (read, never written); see core/library/watched/. */
  'watched:list': request(Empty, answer<WatchedFolder[]>()),
  /** `folder`: a handle from `dialog:chooseFolder` in the app; a typed full path in the browser host. */
  'watched:add': request(z.object({ folder: z.string().min(1).max(4096) }).strict(), answer<WatchedFolder>()),
  /** Stops watching; the folder's images leave the library, its files stay where they are. */
  'watched:remove': request(z.object({ id: Id }).strict(), answer<{ removed: number }>()),

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
  /**
   * Asks the person for a folder in the app's own dialog (Electron only). The page gets an opaque
   * handle to pass as `library:import`'s `directory`, `library:export`'s `destination` or
   * `watched:add`'s `folder`, never the power to name a path itself; `handle` is null when the
   * dialog was cancelled.
   */
  'dialog:chooseFolder': request(
    z.object({ purpose: z.enum(['import', 'export', 'watch', 'team']) }).strict(),
    answer<{ handle: string | null; name: string | null }>(),
  ),
} as const;

export const events = {
  'jobs:changed': z.custom<Job>(),
  /** Every list empty means "reload" (`shared/library-reload.ts`). */
  'library:changed': z.custom<LibraryChange>(),
  'projects:changed': z.custom<{ projects: Project[] }>(),
  'network:changed': z.custom<{ online: boolean }>(),
  /** The team library went away or came back, or its outbox changed (see `TeamLibraryStatus`). */
  'library:teamStatus': z.custom<TeamLibraryStatus>(),
  'tasks:progress': z.custom<TaskProgress>(),
  'settings:changed': z.custom<SettingsView>(),
  'credits:changed': z.custom<{ credits: number }>(),
  /** Help → Diagnostics in the app menu: the window opens the diagnostics dialog. */
  'app:showDiagnostics': z.custom<Record<string, never>>(),
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

/**
 * Data shapes that cross the contract. Plain JSON only: the renderer, the CLI's --json output
 * and the web host's WebSocket all carry them unchanged.
 */
import type { ErrorInfo } from './errors';
import type { ExportPreset } from './export-preset';
import type { ImportCounts } from './import-report';
import type { JobStatus } from './job-states';

export type OutputFormat = 'jpeg' | 'png' | 'webp';

/** What a person asks for: one model, one prompt, the model's fields, and reference images by hash. */
export interface GenerationRequest {
  /** A model id from `shared/models.ts` (the BFL endpoint name, e.g. `flux-2-pro`). */
  model: string;
  prompt: string;
  /**
   * Every other body field the model takes, under BFL's own names: `seed`, `width`, `height`,
   * `aspect_ratio`, `safety_tolerance`, `output_format`, `steps`, `guidance`, `raw`, …
   * Image fields are not here: they come from `inputs`.
   */
  params: Record<string, unknown>;
  /** Reference images in slot order, as sha256 hashes of files stored by `inputs:add`. */
  inputs: string[];
}

// The status list and its phases are derived from the state table in `job-states.ts`.
export type { JobStatus };

/** A job as the renderer sees it. No polling URL, no key: only what a person can act on. */
export interface Job {
  id: string;
  /** Jobs submitted together (`count` > 1) share a batch id. */
  batchId: string;
  status: JobStatus;
  request: GenerationRequest;
  projectId: string | null;
  /** BFL's task id once the submit was accepted. */
  taskId: string | null;
  /** Credits BFL charged (from the submit answer), or null when not known. */
  cost: number | null;
  /** Credits estimated from the price table before sending. */
  estimatedCost: number | null;
  /** 0..1 while BFL reports progress, else null. */
  progress: number | null;
  /** Why the job stopped or is paused, in words a person can act on (failed/moderated/cancelled/expired/unknown/paused). */
  error: ErrorInfo | null;
  /** The library image this job produced, once done. */
  generationId: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  finishedAt: string | null;
}

/** One image in the library. */
export interface Generation {
  id: string;
  jobId: string | null;
  taskId: string | null;
  projectId: string | null;
  model: string;
  prompt: string;
  /** The prompt after BFL's upsampling, as `result.prompt` reported it. */
  upsampledPrompt: string | null;
  seed: number | null;
  width: number | null;
  height: number | null;
  format: OutputFormat;
  /** Every request field that was sent (except images), under BFL's names. */
  params: Record<string, unknown>;
  /** sha256 of each reference image, in slot order. */
  inputs: string[];
  cost: number | null;
  createdAt: string;
  favorite: boolean;
  rating: number;
  tags: string[];
  /** Path relative to the library folder, e.g. `images/2026-11/<id>.jpg`. */
  file: string;
  /** The file is gone from disk (the row is kept, never dropped silently). */
  missing: boolean;
  /** In the trash (restorable until the trash is emptied). */
  trashed: boolean;
  /** URLs handed out by the front door; the renderer never builds file URLs itself. */
  imageUrl: string;
  thumbUrl: string;
  /** Images imported from another tool (or with no recipe at all): which tool, and the file name it came under. */
  source?: { tool: string; fileName: string | null };
}

/**
 * What a gallery page carries of each image: only what a tile, its caption, its badges, the
 * keyboard (rating, favourite, undo), the export name preview and the page cursor use. No tags, references, parameters or
 * upsampled prompt — reading those for every row of a page was most of a search's cost; the
 * detail view, compare and export fetch the whole `Generation` by id (`library:get`).
 * A full `Generation` is a `GalleryItem` too (`library:changed` sends those).
 */
export type GalleryItem = Pick<
  Generation,
  | 'id'
  | 'projectId'
  | 'model'
  | 'prompt'
  | 'seed'
  | 'width'
  | 'height'
  | 'format'
  | 'createdAt'
  | 'favorite'
  | 'rating'
  | 'file'
  | 'missing'
  | 'trashed'
  | 'imageUrl'
  | 'thumbUrl'
  | 'source'
>;

export interface Project {
  id: string;
  name: string;
  createdAt: string;
  /** Images in the project (not counting the trash). */
  count: number;
}

/** A reference image stored once by content hash under `inputs/<sha256>.<ext>`. */
export interface InputImage {
  hash: string;
  format: OutputFormat;
  width: number;
  height: number;
  bytes: number;
  url: string;
}

/** A reference image's transparency, one byte per pixel in rows (0 = transparent, 255 = opaque). */
export interface InputAlpha {
  width: number;
  height: number;
  alphaBase64: string;
}

/** BFL's own API regions; another API base comes only from the environment (`SEEDBANK_API_BASE`). */
export type Region = 'global' | 'eu' | 'us';
export type Theme = 'dark' | 'light';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Settings {
  region: Region;
  defaultModel: string;
  defaultParams: Record<string, unknown>;
  /** A batch whose estimate passes this many credits asks before sending. */
  costConfirmThreshold: number;
  theme: Theme;
  /** Active BFL tasks at most (24 by account default; kontext-max has its own limit of 6). */
  maxActiveTasks: number;
  /** All polls across all jobs, per second. */
  pollBudgetPerSecond: number;
  /** Named export presets (name template, format, size, contact sheet), newest last. */
  exportPresets: ExportPreset[];
  window: WindowBounds | null;
  /** Where the library lives: this computer (the embedded SQLite library) or a team's PostgreSQL + shared folder. */
  library: LibrarySettings;
  /** The name recorded as "made by" on images this person generates in a team library; the OS user name when unset or empty. */
  personName?: string;
}

export interface LibrarySettings {
  /** `local`: this computer's library (the default). `team`: PostgreSQL + a shared folder. */
  mode: 'local' | 'team';
  /** `postgres://user@host:port/database` — never with a password (that lives in the OS keychain). */
  databaseUrl?: string;
  /** The team's shared folder (images/, trash/, seedbank-library-id). */
  sharedFolder?: string;
}

/** One result of the team library's Test (connection, schema, folder, library id). */
export interface TeamCheckResult {
  name: 'connection' | 'schema' | 'folder' | 'library id';
  ok: boolean;
  message: string;
}

/** Settings → Library as the page sees it: never the password, only whether one is saved. */
export interface TeamLibraryView {
  mode: 'local' | 'team';
  databaseUrl: string | null;
  sharedFolder: string | null;
  /** The name in effect: the setting, else the OS user name. */
  personName: string;
  /** True when the OS keychain holds a password for `databaseUrl`. */
  passwordSaved: boolean;
  keychainAvailable: boolean;
}

export interface KeyStatus {
  hasKey: boolean;
  /** The last four characters, for recognising a key; never more. */
  last4: string | null;
  /**
   * Where the key in use comes from: the `BFL_API_KEY` environment variable wins, then a key kept
   * for this session only (main-process memory, never written), then the keychain.
   */
  source: 'env' | 'session' | 'keychain' | null;
  keychainAvailable: boolean;
  /** Something a person should know (e.g. "no keychain reachable"). */
  message: string | null;
}

/** What `key:set` with `verify` found before saving. */
export type KeyCheck =
  /** BFL accepted the key; `credits` is the balance it reported. */
  | { outcome: 'ok'; credits: number }
  /** BFL could not be asked (offline, timeout, 5xx): the key was saved untested. */
  | { outcome: 'untested'; reason: string };

export interface KeySetResult extends KeyStatus {
  /** Null when the key was saved without testing. */
  check: KeyCheck | null;
}

export interface AppInfo {
  version: string;
  home: string;
  logFile: string;
  apiBase: string;
  platform: string;
  /** False when SQLite lacks FTS5 and search falls back to a plain scan. */
  fullTextSearch: boolean;
}

/**
 * Money that left (or may have left) the account over some span, from the spend ledger. The
 * three kinds are never added together: a job without a cost is not free, and a job whose submit
 * outcome is unknown may or may not have been charged.
 */
export interface SpendTotals {
  /** Credits BFL reported for the jobs it accepted. */
  credits: number;
  /** Accepted jobs for which BFL gave no cost (e.g. flux-dev). */
  costUnknownJobs: number;
  /** Jobs whose submit outcome is unknown: possibly charged. */
  possiblyChargedJobs: number;
  /** What those possibly charged jobs were estimated to cost. */
  possiblyChargedCredits: number;
}

export interface SpendSummary {
  /** Today and this month in local time (what "today" means to the person). */
  today: SpendTotals;
  month: SpendTotals;
  allTime: SpendTotals;
  /** The last 30 local days, oldest first (`day` is YYYY-MM-DD). */
  days: (SpendTotals & { day: string })[];
  /** The last 12 local months, oldest first (`month` is YYYY-MM). */
  months: (SpendTotals & { month: string })[];
  /** The project each job was made for when it was charged; most spent first. */
  perProject: (SpendTotals & { projectId: string | null; name: string })[];
}

/**
 * A folder another tool writes into (e.g. ComfyUI's `output/`), indexed in place: its images
 * appear in the library, its files are never written to.
 */
export interface WatchedFolder {
  id: string;
  /** The folder's full path, as the person chose it (links resolved). */
  path: string;
  /** The folder's own name, to show. */
  name: string;
  /** How many of its images are in the library now. */
  images: number;
}

/** Progress of long work (rebuild, reconcile, import, export, thumbnails). */
export interface TaskProgress {
  taskId: string;
  kind: 'rebuild' | 'reconcile' | 'import' | 'export' | 'thumbnails';
  done: number;
  total: number;
  finished: boolean;
  message: string | null;
  /** An import's running counts (files seen, imported, duplicates, unreadable). */
  counts?: ImportCounts;
  /** True while the person has paused the task (`library:pauseTask`). */
  paused?: boolean;
}

/** What a file's embedded Seedbank record says about how it was made. */
/** Which tool made an image that came from outside Seedbank, and what it said about it. */
export interface RecordSource {
  /** `automatic1111`, `comfyui`, `invokeai`, `fooocus`, `xmp` (tags/description only) or `file` (nothing read). */
  tool: string;
  /** The file's name where it was imported from: searchable, and shown when there is no prompt. */
  fileName?: string;
  /** The tool's own parameters text (ComfyUI: the API graph), verbatim. */
  original?: string;
  /** ComfyUI: the workflow JSON, kept whole so it can be loaded there again. */
  workflow?: string;
  /** Settings Seedbank has no field for: negative prompt, sampler, steps, guidance… */
  parameters?: Record<string, string | number>;
  /** SHA-256 of the file as imported (before Seedbank added its record), so importing it again is a duplicate. */
  sha256?: string;
}

/** An imported image's source as the detail view shows it: all but the workflow (which stays in the file) and the hash. */
export interface SourceDetails {
  tool: string;
  fileName?: string;
  original?: string;
  parameters?: Record<string, string | number>;
  /** A ComfyUI workflow is kept in the image file. */
  hasWorkflow: boolean;
}

export interface EmbeddedRecord {
  version: number;
  id: string;
  model: string;
  prompt: string;
  upsampledPrompt: string | null;
  seed: number | null;
  width: number | null;
  height: number | null;
  format: OutputFormat;
  params: Record<string, unknown>;
  inputs: string[];
  taskId: string | null;
  cost: number | null;
  createdAt: string;
  submittedAt: string | null;
  finishedAt: string | null;
  projectName: string | null;
  favorite: boolean;
  rating: number;
  tags: string[];
  /** Seedbank's own remarks about the file, e.g. the id it carried when imported, if that was not a Seedbank id. */
  notes?: string;
  /** Present on images another tool made (imported); absent on Seedbank's own. */
  source?: RecordSource;
}

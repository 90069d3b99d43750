/**
 * Electron main: puts the pieces together in order and holds no behaviour of its own. Each
 * concern lives in its own file with a `setupX()` that takes Electron's objects as arguments
 * (protocol.ts, window.ts, window-state.ts, window-title.ts, menu.ts, notifications.ts,
 * lifecycle.ts, shell-handlers.ts), so each is tested under plain Node; all behaviour is in
 * `core/`, shared with the CLI and the web host.
 */
// First: holds V8's young generation before the rest of the app loads (the file says why).
import './core/runtime/young-generation';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  net,
  Notification,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import ElectronStore from 'electron-store';
import { SeedbankError } from '../shared/errors';
import { APP_VERSION } from '../shared/version';
import { createDragHandler } from './drag';
import { createFolderHandles } from './core/folder-access';
import { createFolderDialogHandler } from './folder-dialog';
import { createCore, type Core } from './core/app-core';
import { resolveHome } from './core/paths';
import type { SettingsStore } from './core/settings/settings-service';
import type { TeamServedRoot, WatchedRoot } from './core/served-files/served-files';
import { createSenderCheck, forwardEvents, registerIpcHandlers } from './ipc';
import { acquireSingleInstance, setupQuitGuard, type QuitGuard } from './lifecycle';
import { setupMenu } from './menu';
import { setupBatchNotifications, systemNotifier } from './notifications';
import { libraryAssetUrl, registerPrivilegedSchemes, setupProtocols } from './protocol';
import {
  applySecurityRestrictions,
  contentSecurityPolicy,
  denyAllPermissions,
  enforceCsp,
  isExternalLinkAllowed,
} from './security';
import { createShellHandlers, osTrash, withRevealInFolder } from './shell-handlers';
import { APP_TITLE, createAppUrlCheck, createMainWindow, focusWindow } from './window';
import { restoreBounds, trackWindowState } from './window-state';
import { setupCreditsTitle } from './window-title';
import { withFirstPage } from './core/page/first-page-html';

const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;
const isAppUrl = createAppUrlCheck(devServerUrl);

let mainWindow: BrowserWindow | null = null;
let windowTitle = APP_TITLE;
const liveWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);
const windowContents = () => liveWindow()?.webContents ?? null;

/**
 * Before `ready`: the schemes must be privileged, and the app-data folder pinned — "Seedbank" in
 * development too (package.json's name is lowercase), or `SEEDBANK_HOME`, which then also holds
 * the single-instance lock so a test run never focuses the person's own running app.
 * Chromium's caches go to a subfolder so the library folder stays readable.
 */
function pinAppData(): string {
  app.setName('Seedbank');
  const home = resolveHome(process.env, () => path.join(app.getPath('appData'), 'Seedbank'));
  app.setPath('userData', home);
  app.setPath('sessionData', path.join(home, 'chromium'));
  return home;
}

function openSettingsStore(directory: string): SettingsStore {
  // electron-store is conf plus Electron's defaults; the folder is explicit, so the CLI and the web host read the same file.
  return new ElectronStore<Record<string, unknown>>({
    cwd: directory,
    name: 'settings',
    accessPropertiesByDotNotation: false,
  });
}

async function startCore(home: string): Promise<Core> {
  // Folders for import and export come only from the dialog below; the page holds handles.
  const folders = createFolderHandles();
  let opened: Core | null = null;
  opened = await createCore({
    folders,
    kind: 'app',
    home,
    version: APP_VERSION,
    // The installed app sends the key to another API base only when started with --dev-api-base.
    packaged: app.isPackaged,
    argv: process.argv,
    // Chromium's network stack: system proxy settings and certificates, like a browser.
    fetch: (input, init) => net.fetch(String(input), init),
    openSettingsStore,
    assetUrl: libraryAssetUrl,
    // Shell actions only main can do; `library:reveal` wraps the core's answer to show the file.
    extraHandlers: (coreHandlers) => ({
      ...withRevealInFolder(coreHandlers, shell, home),
      ...createShellHandlers({ shell, clipboard }),
      'dialog:chooseFolder': createFolderDialogHandler({ dialog, folders, window: liveWindow }),
      'shell:startDrag': createDragHandler({
        home,
        watched: () => opened?.library.watched.roots() ?? [],
        team: () => opened?.assets.team() ?? null,
        getGeneration: async (id) => {
          const detail = await coreHandlers['library:get']?.({ id });
          if (!detail) throw new SeedbankError('NOT_FOUND', `No image with id ${id}`);
          return detail.generation;
        },
        getContents: windowContents,
        nativeImage,
      }),
    }),
    moveToOsTrash: osTrash(shell),
  });
  return opened;
}

function openWindow(core: Core, quitGuard: QuitGuard): BrowserWindow {
  const bounds = restoreBounds(
    core.ctx.settings.get().window,
    [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea),
  );
  const win = createMainWindow({
    BrowserWindow,
    preloadPath: path.join(here, '../preload/preload.cjs'),
    bounds,
    devServerUrl,
    onLoadFailed: (error) => core.ctx.logger.error('the window could not load the app', { error }),
  });
  win.setTitle(windowTitle);
  trackWindowState(win, (saved) => core.ctx.settings.update({ window: saved }));
  quitGuard.watchWindow(win);
  win.webContents.on('render-process-gone', (_event, details) =>
    core.ctx.logger.error('renderer process gone', { reason: details.reason }),
  );
  return win;
}

async function start(home: string): Promise<void> {
  const csp = contentSecurityPolicy({ devServerUrl });
  applySecurityRestrictions(app, shell, isAppUrl);
  denyAllPermissions(session.defaultSession);
  enforceCsp(session.defaultSession, csp);
  // The protocol is set up before the core opens; the watched folders are asked at each request.
  let watched: () => readonly WatchedRoot[] = () => [];
  let prepareAsset: (raw: string) => Promise<void> = async () => undefined;
  let team: () => TeamServedRoot | null = () => null;
  let pageHtml: (html: string) => Promise<string> = async (html) => html;
  setupProtocols(session.defaultSession.protocol, {
    libraryRoot: home,
    watched: () => watched(),
    prepareAsset: (raw) => prepareAsset(raw),
    team: () => team(),
    pageHtml: (html) => pageHtml(html),
    rendererRoot: devServerUrl ? null : path.join(here, '../renderer'),
    csp,
  });

  // Unfinished jobs resume inside createCore: polling continues, nothing is submitted twice.
  const core = await startCore(home);
  watched = () => core.library.watched.roots();
  prepareAsset = (raw) => core.assets.prepare(raw);
  team = () => core.assets.team();
  pageHtml = (html) => withFirstPage(html, core.dispatch);
  const logger = core.ctx.logger;
  registerIpcHandlers({
    ipcMain,
    dispatch: core.dispatch,
    isTrustedSender: createSenderCheck(windowContents, isAppUrl),
    logger,
  });
  forwardEvents(core.ctx.bus, windowContents);

  const quitGuard = setupQuitGuard({
    app,
    dialog,
    getWindow: liveWindow,
    activeJobs: () => core.runner.activeCount(),
    shutdown: () => core.close(),
    logger,
  });
  setupMenu(
    Menu,
    { platform: process.platform, appName: APP_TITLE, dev: !app.isPackaged },
    {
      openLibraryFolder: () => void shell.openPath(home),
      openLogFile: () => void (logger.file ? shell.openPath(logger.file) : shell.openPath(home)),
      openExternal: (url) => void (isExternalLinkAllowed(url) && shell.openExternal(url)),
      openDiagnostics: () => core.ctx.bus.emit('app:showDiagnostics', {}),
    },
  );

  mainWindow = openWindow(core, quitGuard);
  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open brings one back.
    if (!liveWindow()) mainWindow = openWindow(core, quitGuard);
  });

  const title = setupCreditsTitle({
    subscribe: (listener) => core.ctx.bus.subscribe(listener),
    hasKey: async () => (await core.ctx.keys.status()).hasKey,
    fetchCredits: async () => {
      const getCredits = core.handlers['credits:get'];
      if (!getCredits) throw new Error('credits:get is not available');
      return (await getCredits(undefined)).credits;
    },
    apiBase: () => core.ctx.settings.apiBase(),
    setTitle: (text) => {
      windowTitle = text;
      liveWindow()?.setTitle(text);
    },
    logger,
  });
  void title.refresh();

  setupBatchNotifications({
    subscribe: (listener) => core.ctx.bus.subscribe(listener),
    listJobs: async () => (await core.handlers['jobs:list']?.({ limit: 1000 })) ?? [],
    isWindowInBackground: () => {
      const win = liveWindow();
      return !win || !win.isVisible() || win.isMinimized() || !win.isFocused();
    },
    notify: systemNotifier(Notification, () => focusWindow(liveWindow())),
  });
}

function failToStart(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Seedbank could not start', message);
  app.exit(1);
}

registerPrivilegedSchemes(protocol);
const home = pinAppData();
if (acquireSingleInstance(app, () => focusWindow(liveWindow()))) {
  app
    .whenReady()
    .then(() => start(home))
    .catch(failToStart);
}

/**
 * The application menu: the platform's standard menus (so Cmd/Ctrl+C, V, Z, Q, W, M, zoom and
 * full screen work as everywhere else) plus Seedbank's own entries for the library folder, the
 * log and BFL's pages. Reload and developer tools appear only in development: a reload in the
 * middle of a batch confuses people and the devtools are an open door in a packaged app.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { BFL_LINKS } from '../shared/bfl-links';

export interface MenuActions {
  openLibraryFolder(): void;
  openLogFile(): void;
  openExternal(url: string): void;
  /** Help → Diagnostics: the window shows the doctor's checks. */
  openDiagnostics(): void;
}

export const HELP_LINKS = {
  docs: BFL_LINKS.docs,
  credits: BFL_LINKS.dashboard,
  status: BFL_LINKS.status,
} as const;

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  dev: boolean;
}

export function buildMenuTemplate(options: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const libraryItems: MenuItemConstructorOptions[] = [
    {
      label: mac ? 'Show Library in Finder' : 'Show Library Folder',
      accelerator: 'CmdOrCtrl+Shift+L',
      click: () => actions.openLibraryFolder(),
    },
    { label: 'Open Log File', click: () => actions.openLogFile() },
  ];

  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: 'File',
    submenu: [...libraryItems, { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit' }],
  });
  template.push({ role: 'editMenu' });
  template.push({
    label: 'View',
    submenu: [
      ...(options.dev
        ? ([
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] satisfies MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({ role: 'windowMenu' });
  template.push({
    role: 'help',
    submenu: [
      { label: 'BFL API Documentation', click: () => actions.openExternal(HELP_LINKS.docs) },
      { label: 'Buy Credits…', click: () => actions.openExternal(HELP_LINKS.credits) },
      { label: 'BFL Service Status', click: () => actions.openExternal(HELP_LINKS.status) },
      { type: 'separator' },
      { label: 'Diagnostics…', click: () => actions.openDiagnostics() },
    ],
  });
  return template;
}

/** `Menu` from electron, or a stand-in. */
export interface MenuFactory<M> {
  buildFromTemplate(template: MenuItemConstructorOptions[]): M;
  setApplicationMenu(menu: M | null): void;
}

export function setupMenu<M>(menu: MenuFactory<M>, options: MenuOptions, actions: MenuActions): void {
  menu.setApplicationMenu(menu.buildFromTemplate(buildMenuTemplate(options, actions)));
}

import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { isExternalLinkAllowed } from './security';
import { HELP_LINKS, buildMenuTemplate, setupMenu } from './menu';

function actions() {
  return { openLibraryFolder: vi.fn(), openLogFile: vi.fn(), openExternal: vi.fn(), openDiagnostics: vi.fn() };
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

const roles = (items: MenuItemConstructorOptions[]) =>
  flatten(items)
    .map((i) => i.role)
    .filter(Boolean);
const labels = (items: MenuItemConstructorOptions[]) =>
  flatten(items)
    .map((i) => i.label)
    .filter(Boolean);

describe('application menu', () => {
  it('has the standard menus on Linux and Windows, with Quit in File', () => {
    const template = buildMenuTemplate({ platform: 'linux', appName: 'Seedbank', dev: false }, actions());
    expect(roles(template)).toEqual(
      expect.arrayContaining(['quit', 'editMenu', 'windowMenu', 'help', 'zoomIn', 'togglefullscreen']),
    );
    expect(labels(template)).not.toContain('Seedbank');
  });

  it('has the app menu on macOS, with Close in File', () => {
    const template = buildMenuTemplate({ platform: 'darwin', appName: 'Seedbank', dev: false }, actions());
    expect(template[0]?.label).toBe('Seedbank');
    expect(roles(template)).toEqual(expect.arrayContaining(['about', 'hide', 'quit', 'close']));
    expect(labels(template)).toContain('Show Library in Finder');
  });

  it('offers reload and devtools only in development', () => {
    const packaged = roles(buildMenuTemplate({ platform: 'linux', appName: 'Seedbank', dev: false }, actions()));
    expect(packaged).not.toContain('toggleDevTools');
    expect(packaged).not.toContain('reload');
    const dev = roles(buildMenuTemplate({ platform: 'linux', appName: 'Seedbank', dev: true }, actions()));
    expect(dev).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('routes its own items to the actions, with https links only', () => {
    const a = actions();
    const items = flatten(buildMenuTemplate({ platform: 'win32', appName: 'Seedbank', dev: false }, a));
    const click = (label: string) => (items.find((i) => i.label === label)?.click as (() => void) | undefined)?.();
    click('Show Library Folder');
    click('Open Log File');
    click('Buy Credits…');
    expect(a.openLibraryFolder).toHaveBeenCalled();
    expect(a.openLogFile).toHaveBeenCalled();
    expect(a.openExternal).toHaveBeenCalledWith(HELP_LINKS.credits);
    for (const url of Object.values(HELP_LINKS)) expect(isExternalLinkAllowed(url)).toBe(true);
  });

  it('opens Diagnostics from the Help menu', () => {
    const a = actions();
    const template = buildMenuTemplate({ platform: 'linux', appName: 'Seedbank', dev: false }, a);
    const help = template.find((item) => item.role === 'help');
    const item = flatten([help!]).find((i) => i.label === 'Diagnostics…');
    (item?.click as (() => void) | undefined)?.();
    expect(a.openDiagnostics).toHaveBeenCalledTimes(1);
  });

  it('gives no two items the same accelerator', () => {
    const accelerators = flatten(buildMenuTemplate({ platform: 'linux', appName: 'Seedbank', dev: true }, actions()))
      .map((i) => i.accelerator)
      .filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('installs the menu', () => {
    const built = { id: 'menu' };
    const menu = { buildFromTemplate: vi.fn(() => built), setApplicationMenu: vi.fn() };
    setupMenu(menu, { platform: 'linux', appName: 'Seedbank', dev: false }, actions());
    expect(menu.setApplicationMenu).toHaveBeenCalledWith(built);
  });
});

/** The app version, injected at build time by esbuild / electron-vite (`__SEEDBANK_VERSION__`). */
declare const __SEEDBANK_VERSION__: string | undefined;

export const APP_VERSION: string = typeof __SEEDBANK_VERSION__ === 'string' ? __SEEDBANK_VERSION__ : '0.0.0-dev';

/** Types for preload-studio-chunk.mjs (electron.vite.config.ts imports it). */
import type { Plugin } from 'vite';
export declare function preloadStudioChunk(): Plugin;

/** Types for first-paint.mjs (electron.vite.config.ts imports it). */
import type { Plugin } from 'vite';
export declare function firstPaint(define: Record<string, string>): Plugin;

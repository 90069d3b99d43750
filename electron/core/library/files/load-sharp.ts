/**
 * sharp (libvips), loaded on first use: a CLI command that reads or makes no image — `history`,
 * `key status` — should not pay for loading it. Every module that needs sharp goes through here.
 */
import type Sharp from 'sharp';

let sharpModule: Promise<typeof Sharp> | null = null;

export function loadSharp(): Promise<typeof Sharp> {
  sharpModule ??= import('sharp').then(({ default: sharp }) => {
    // libvips keeps recent operations and their decoded pixels (up to 50 MB) for reuse; every
    // image here is read once, so the cache can only hold memory, never save work.
    sharp.cache(false);
    return sharp;
  });
  return sharpModule;
}

/**
 * Credit estimates from BFL's price table, shown before sending. The `cost` BFL returns on submit
 * is what gets recorded; this is only the preview.
 */
import { PIXELS_PER_MP, type ModelSpec } from './spec';

/** Output megapixels a request asks for; 1 MP when the size follows an input or an aspect ratio. */
export function outputMegapixels(spec: ModelSpec, params: Record<string, unknown>): number {
  if (spec.size.kind !== 'wh') return 1;
  const width = params.width;
  const height = params.height;
  if (typeof width === 'number' && typeof height === 'number' && width > 0 && height > 0) {
    return (width * height) / PIXELS_PER_MP;
  }
  const fallback = spec.size.default;
  return fallback ? (fallback.width * fallback.height) / PIXELS_PER_MP : 1;
}

export function estimateCostFor(
  spec: ModelSpec,
  params: Record<string, unknown>,
  inputMegapixels: readonly number[],
): number {
  const price = spec.price;
  if (price.kind === 'flat') return price.credits;
  const output = outputMegapixels(spec, params);
  const inputs = inputMegapixels.reduce((sum, mp) => sum + (Number.isFinite(mp) && mp > 0 ? mp : 0), 0);
  const credits = price.first + Math.max(0, output - 1) * price.rate + inputs * price.rate;
  // Three decimals: klein's 0.1 credit per MP makes fractions of a cent real, float noise is not.
  return Math.round(credits * 1000) / 1000;
}

import { describe, expect, it } from 'vitest';
import { filmstripWindow, neighbourIndex, stepIndex } from './gallery-neighbours';

describe('stepping through the gallery', () => {
  it('moves by one and stops at the ends', () => {
    expect(stepIndex(5, 2, 1)).toBe(3);
    expect(stepIndex(5, 2, -1)).toBe(1);
    expect(stepIndex(5, 4, 1)).toBe(4);
    expect(stepIndex(5, 0, -1)).toBe(0);
  });

  it('starts at the first image from no position, and has nowhere to go in an empty list', () => {
    expect(stepIndex(5, -1, 1)).toBe(0);
    expect(stepIndex(0, -1, 1)).toBeNull();
  });
});

describe('previous / next in the viewer', () => {
  it('steps from the image shown, and has nothing past either end', () => {
    expect(neighbourIndex(5, 2, 2, 1)).toBe(3);
    expect(neighbourIndex(5, 4, 4, 1)).toBeNull();
    expect(neighbourIndex(5, 0, 0, -1)).toBeNull();
  });

  it('after the image shown leaves the list (deleted, moved), → opens the one that took its place', () => {
    // It was at 2 of [a b X d e]; now the list is [a b d e].
    expect(neighbourIndex(4, -1, 2, 1)).toBe(2);
    expect(neighbourIndex(4, -1, 2, -1)).toBe(1);
    // It was the last one.
    expect(neighbourIndex(4, -1, 4, 1)).toBeNull();
    expect(neighbourIndex(4, -1, 4, -1)).toBe(3);
  });

  it('has nowhere to go from an image the gallery never showed', () => {
    expect(neighbourIndex(4, -1, null, 1)).toBeNull();
  });
});

describe('the filmstrip’s window', () => {
  it('renders only as many thumbnails as fit, the current one in the middle, in a library of 100,000', () => {
    expect(filmstripWindow(100_000, 50_000, 11)).toEqual({ start: 49_995, end: 50_006 });
  });

  it('shifts at the ends instead of shrinking', () => {
    expect(filmstripWindow(100, 0, 11)).toEqual({ start: 0, end: 11 });
    expect(filmstripWindow(100, 2, 11)).toEqual({ start: 0, end: 11 });
    expect(filmstripWindow(100, 99, 11)).toEqual({ start: 89, end: 100 });
  });

  it('shows the whole list when it is shorter than the strip, and nothing without room', () => {
    expect(filmstripWindow(4, 3, 11)).toEqual({ start: 0, end: 4 });
    expect(filmstripWindow(100, 50, 0)).toEqual({ start: 0, end: 0 });
  });
});

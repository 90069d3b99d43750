import { describe, expect, it } from 'vitest';
import { cellSize, containedSize, surveyGrid } from './survey-grid';

describe('the survey grid', () => {
  it('puts four squares in two rows of two in a landscape box', () => {
    expect(surveyGrid(4, { width: 1400, height: 700 }, 1)).toEqual({ columns: 2, rows: 2 });
  });

  it('puts four tall images in one row', () => {
    expect(surveyGrid(4, { width: 1400, height: 700 }, 9 / 16)).toEqual({ columns: 4, rows: 1 });
  });

  it('puts three squares in one row on a wide screen', () => {
    expect(surveyGrid(3, { width: 1800, height: 600 }, 1)).toEqual({ columns: 3, rows: 1 });
  });

  it('stacks two wide images in a tall box', () => {
    expect(surveyGrid(2, { width: 800, height: 900 }, 16 / 9)).toEqual({ columns: 1, rows: 2 });
  });

  it('leaves room for each caption', () => {
    // Without captions 2×2 wins; a caption of 150 px under each makes one row larger.
    expect(surveyGrid(4, { width: 1600, height: 800 }, 1)).toEqual({ columns: 2, rows: 2 });
    expect(surveyGrid(4, { width: 1600, height: 800 }, 1, 10, 150)).toEqual({ columns: 4, rows: 1 });
  });
});

describe('the size of each surveyed image', () => {
  it('is the largest of its shape that fits its cell, captions and gaps left out', () => {
    const cell = cellSize({ columns: 2, rows: 2 }, { width: 1010, height: 810 }, 10, 100);
    expect(cell).toEqual({ width: 500, height: 300 });
    expect(containedSize(1, cell)).toEqual({ width: 300, height: 300 });
    expect(containedSize(2, cell)).toEqual({ width: 500, height: 250 });
  });
});

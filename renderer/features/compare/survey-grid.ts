/**
 * How a survey lays out 2–4 images: the number of columns that shows them largest in the space
 * there is (four wide images on a wide screen in one row, four squares in two rows of two), and
 * the size each image is drawn at in its cell. Pure.
 */

export interface SurveyGrid {
  columns: number;
  rows: number;
}

export interface Size {
  width: number;
  height: number;
}

/** The room for one image: the box split into the grid's cells, less the gaps and a caption under each. */
export function cellSize(grid: SurveyGrid, box: Size, gap: number, captionHeight: number): Size {
  return {
    width: (box.width - gap * (grid.columns - 1)) / grid.columns,
    height: (box.height - gap * (grid.rows - 1)) / grid.rows - captionHeight,
  };
}

/** The largest size of aspect `aspect` (width ÷ height) that fits in `cell`. */
export function containedSize(aspect: number, cell: Size): Size {
  const width = Math.max(0, Math.min(cell.width, cell.height * aspect));
  return { width, height: width / aspect };
}

/**
 * The grid that gives each image the most area, for `count` images of aspect `aspect`
 * (width ÷ height) in a `box` with `gap` between cells and `captionHeight` under each.
 */
export function surveyGrid(count: number, box: Size, aspect: number, gap = 10, captionHeight = 0): SurveyGrid {
  let best: SurveyGrid = { columns: Math.max(1, count), rows: 1 };
  let bestArea = -1;
  for (let columns = 1; columns <= Math.max(1, count); columns++) {
    const grid = { columns, rows: Math.ceil(count / columns) };
    const cell = cellSize(grid, box, gap, captionHeight);
    if (cell.width <= 0 || cell.height <= 0) continue;
    const image = containedSize(aspect, cell);
    const area = image.width * image.height;
    if (area > bestArea + 0.5) {
      best = grid;
      bestArea = area;
    }
  }
  return best;
}

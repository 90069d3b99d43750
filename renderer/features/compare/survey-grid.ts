/**
 * How a survey lays out 2–4 images: the number of columns that shows them largest in the space
 * there is (four wide images on a wide screen in one row, four squares in two rows of two). Pure.
 */

export interface SurveyGrid {
  columns: number;
  rows: number;
}

/**
 * The grid that gives each image the most area, for `count` images of aspect `aspect`
 * (width ÷ height) in a `width` × `height` box with `gap` between cells and `captionHeight` under each.
 */
export function surveyGrid(
  count: number,
  box: { width: number; height: number },
  aspect: number,
  gap = 10,
  captionHeight = 0,
): SurveyGrid {
  let best: SurveyGrid = { columns: Math.max(1, count), rows: 1 };
  let bestArea = -1;
  for (let columns = 1; columns <= Math.max(1, count); columns++) {
    const rows = Math.ceil(count / columns);
    const cellW = (box.width - gap * (columns - 1)) / columns;
    const cellH = (box.height - gap * (rows - 1)) / rows - captionHeight;
    if (cellW <= 0 || cellH <= 0) continue;
    // The image is contained in its cell: limited by the cell's width or by its height.
    const imageW = Math.min(cellW, cellH * aspect);
    const area = imageW * (imageW / aspect);
    if (area > bestArea + 0.5) {
      best = { columns, rows };
      bestArea = area;
    }
  }
  return best;
}

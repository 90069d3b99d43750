/** Every keyboard shortcut, for the sheet on `?`. */
export const SHORTCUTS: { keys: string; what: string }[] = [
  { keys: 'Ctrl/⌘ + Enter', what: 'Generate' },
  { keys: '← ↑ → ↓', what: 'Move through the gallery (← → in the detail view)' },
  { keys: 'Shift/Ctrl + click', what: 'Select several images' },
  { keys: 'Enter', what: 'Open the focused image' },
  { keys: 'Esc', what: 'Close the detail, compare, settings or this sheet' },
  { keys: 'F', what: 'Favourite / unfavourite' },
  { keys: '1 – 5', what: 'Rate (0 clears)' },
  { keys: 'Delete', what: 'Move to the Trash' },
  { keys: 'Ctrl/⌘ + Z', what: 'Undo the last delete, move, rating, tag or favourite' },
  { keys: '/', what: 'Search' },
  { keys: '?', what: 'This sheet' },
];

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
  { keys: '/', what: 'Search' },
  { keys: '?', what: 'This sheet' },
  { keys: '[  ]', what: 'Mask painter: smaller / larger brush' },
  { keys: 'B / E / X', what: 'Mask painter: brush / eraser / invert the mask' },
  { keys: 'Space + drag', what: 'Mask painter: pan (also the middle button, or two fingers)' },
  { keys: 'Ctrl/⌘ + Z, Shift + Ctrl/⌘ + Z', what: 'Mask painter: undo / redo' },
];

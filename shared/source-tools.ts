/**
 * The tools an image in the library can come from, by the names people know them: Seedbank
 * itself, or the tool an imported image's record names (see electron/core/metadata/other-tools).
 */
export const SOURCE_TOOLS = [
  { id: 'seedbank', label: 'Seedbank' },
  { id: 'automatic1111', label: 'AUTOMATIC1111/Forge' },
  { id: 'comfyui', label: 'ComfyUI' },
  { id: 'invokeai', label: 'InvokeAI' },
  { id: 'fooocus', label: 'Fooocus' },
  { id: 'xmp', label: 'XMP only' },
  { id: 'file', label: 'no recipe' },
] as const;

export function sourceToolLabel(tool: string): string {
  return SOURCE_TOOLS.find((t) => t.id === tool)?.label ?? tool;
}

/**
 * Export presets: how exported copies are named, converted and sized, and whether a contact
 * sheet comes with them. The schema is the one check for `library:export`'s `preset` and for the
 * named presets kept in settings.
 */
import { z } from 'zod';
import { DEFAULT_NAME_TEMPLATE, nameTemplateProblem } from './export-name';

/** `original` copies the file as it is; the others convert a copy (the library's file is never touched). */
export const EXPORT_FORMATS = ['original', 'png', 'jpeg', 'webp'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_SHEETS = ['none', 'png', 'pdf'] as const;
export type ContactSheetKind = (typeof EXPORT_SHEETS)[number];

/** The largest longest side a conversion may ask for (sharp's own limit is far above). */
export const MAX_EXPORT_SIDE = 16_384;

const NameTemplate = z
  .string()
  .max(500)
  .superRefine((template, ctx) => {
    const problem = nameTemplateProblem(template);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const ExportOptionsSchema = z
  .object({
    /** `{date}-{prompt:40}-{seed}` style; absent keeps each file's own name. */
    nameTemplate: NameTemplate.optional(),
    format: z.enum(EXPORT_FORMATS).default('original'),
    /** Longest side in pixels; smaller images are not enlarged. Absent keeps the size. */
    maxSide: z.number().int().min(16).max(MAX_EXPORT_SIDE).optional(),
    /** JPEG and WebP quality. */
    quality: z.number().int().min(1).max(100).default(90),
    /** One image or PDF with every exported image's thumbnail, prompt and seed. */
    contactSheet: z.enum(EXPORT_SHEETS).default('none'),
  })
  .strict();
export type ExportOptions = z.output<typeof ExportOptionsSchema>;
export type ExportOptionsInput = z.input<typeof ExportOptionsSchema>;

export const ExportPresetSchema = ExportOptionsSchema.extend({ name: z.string().trim().min(1).max(100) }).strict();
export type ExportPreset = z.output<typeof ExportPresetSchema>;

export const DEFAULT_EXPORT_OPTIONS: ExportOptions = {
  nameTemplate: DEFAULT_NAME_TEMPLATE,
  format: 'original',
  quality: 90,
  contactSheet: 'none',
};

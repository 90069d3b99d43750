import { describe, expect, it } from 'vitest';
import { SettingsPatchSchema } from './api';
import { ExportOptionsSchema } from './export-preset';

describe('export options and presets', () => {
  it('refuses a template the name rule refuses, with the rule’s own words at the field', () => {
    const parsed = ExportOptionsSchema.safeParse({ nameTemplate: '{date}-{colour}' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['nameTemplate'],
      message: expect.stringMatching(/Unknown token \{colour\}/) as unknown,
    });
  });

  it('refuses a longest side outside 16…16384 and a format it cannot write', () => {
    expect(ExportOptionsSchema.safeParse({ maxSide: 8 }).success).toBe(false);
    expect(ExportOptionsSchema.safeParse({ maxSide: 20_000 }).success).toBe(false);
    expect(ExportOptionsSchema.safeParse({ format: 'gif' }).success).toBe(false);
  });

  it('keeps named presets in settings, each checked like an export', () => {
    const preset = { name: 'Web previews', nameTemplate: '{prompt:30}-{seed}', format: 'webp', maxSide: 1600 };
    expect(SettingsPatchSchema.parse({ exportPresets: [preset] }).exportPresets).toEqual([
      { ...preset, quality: 90, contactSheet: 'none' },
    ]);
    expect(SettingsPatchSchema.safeParse({ exportPresets: [{ ...preset, name: ' ' }] }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ exportPresets: [{ ...preset, nameTemplate: '{seed' }] }).success).toBe(
      false,
    );
  });
});

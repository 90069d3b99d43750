import { describe, expect, it } from 'vitest';
import { recordFromXmp, recordToXmp } from './record';
import { sampleRecord } from '../../../test/support/metadata-fixtures';
import { NS, parseXmp, serializeXmp } from './xmp';
import type { XmpProperty } from './xmp';

/** Through real XML text, as it would be stored. */
const throughXml = (props: XmpProperty[]): XmpProperty[] => parseXmp(serializeXmp(props, { wrapper: true }));

describe('record ⇄ XMP', () => {
  it('round-trips a full record', () => {
    const record = sampleRecord();
    expect(recordFromXmp(throughXml(recordToXmp(record, 'Seedbank')), 'png')).toEqual(record);
  });

  it('round-trips a record with every optional field empty', () => {
    const record = sampleRecord({
      upsampledPrompt: null,
      seed: null,
      width: null,
      height: null,
      params: {},
      inputs: [],
      taskId: null,
      cost: null,
      submittedAt: null,
      finishedAt: null,
      projectName: null,
      favorite: false,
      rating: 0,
      tags: [],
      prompt: '',
    });
    expect(recordFromXmp(throughXml(recordToXmp(record, 'Seedbank')), 'jpeg')).toEqual(record);
  });

  it('keeps an empty upsampled prompt apart from a missing one', () => {
    const record = sampleRecord({ upsampledPrompt: '' });
    expect(recordFromXmp(throughXml(recordToXmp(record, 'Seedbank')), 'jpeg')?.upsampledPrompt).toBe('');
  });

  it('round-trips characters XML cannot carry (controls, lone surrogates, U+FFFF)', () => {
    const odd = 'bell\u0007 nul\u0000 esc\u001b lone\uD800 noncharacter\uFFFF end';
    const record = sampleRecord({ prompt: odd, projectName: odd, tags: ['fine', odd], params: { note: odd } });
    expect(recordFromXmp(throughXml(recordToXmp(record, 'Seedbank')), 'jpeg')).toEqual(record);
  });

  it('shows other apps a cleaned prompt when it holds such characters', () => {
    const props = throughXml(recordToXmp(sampleRecord({ prompt: 'a\u0000b' }), 'Seedbank'));
    expect(props.find((p) => p.ns === NS.dc && p.name === 'description')?.value).toEqual({
      kind: 'alt',
      text: 'a\uFFFDb',
    });
  });

  it('lets an edit made elsewhere win over the exact copy', () => {
    const props = throughXml(recordToXmp(sampleRecord({ prompt: 'a\u0000b' }), 'Seedbank')).map((p) =>
      p.ns === NS.dc && p.name === 'description' ? { ...p, value: { kind: 'alt' as const, text: 'rewritten' } } : p,
    );
    expect(recordFromXmp(props, 'jpeg')?.prompt).toBe('rewritten');
  });

  it('keeps the sign of negative zero and large or fractional numbers', () => {
    const record = sampleRecord({ seed: -0, cost: 1e-7, width: Number.MAX_SAFE_INTEGER });
    expect(recordFromXmp(throughXml(recordToXmp(record, 'Seedbank')), 'jpeg')).toEqual(record);
  });
});

describe('reading records other tools touched', () => {
  const minimal: XmpProperty[] = [
    { ns: NS.seedbank, name: 'Id', value: { kind: 'text', text: 'abc' } },
    { ns: NS.seedbank, name: 'Model', value: { kind: 'text', text: 'flux-dev' } },
    { ns: NS.xmp, name: 'CreateDate', value: { kind: 'text', text: '2026-01-02T03:04:05Z' } },
  ];

  it('fills defaults for every missing optional field', () => {
    expect(recordFromXmp(minimal, 'webp')).toEqual({
      version: 1,
      id: 'abc',
      model: 'flux-dev',
      prompt: '',
      upsampledPrompt: null,
      seed: null,
      width: null,
      height: null,
      format: 'webp',
      params: {},
      inputs: [],
      taskId: null,
      cost: null,
      createdAt: '2026-01-02T03:04:05Z',
      submittedAt: null,
      finishedAt: null,
      projectName: null,
      favorite: false,
      rating: 0,
      tags: [],
    });
  });

  it('returns null without a Seedbank id, model or creation date', () => {
    const without = (name: string): XmpProperty[] => minimal.filter((p) => p.name !== name);
    expect(['Id', 'Model', 'CreateDate'].map((name) => recordFromXmp(without(name), 'jpeg'))).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('clamps a rejected (-1) or fractional rating into 0..5', () => {
    const rated = (text: string): number | undefined =>
      recordFromXmp([...minimal, { ns: NS.xmp, name: 'Rating', value: { kind: 'text', text } }], 'jpeg')?.rating;
    expect(['-1', '4.6', '9', 'junk'].map(rated)).toEqual([0, 5, 5, 0]);
  });

  it('ignores params that are not a JSON object and an unknown format', () => {
    const props: XmpProperty[] = [
      ...minimal,
      { ns: NS.seedbank, name: 'Params', value: { kind: 'text', text: '[1,2' } },
      { ns: NS.seedbank, name: 'Format', value: { kind: 'text', text: 'gif' } },
    ];
    expect(recordFromXmp(props, 'png')).toMatchObject({ params: {}, format: 'png' });
  });

  it('accepts a single keyword written as plain text', () => {
    const props: XmpProperty[] = [...minimal, { ns: NS.dc, name: 'subject', value: { kind: 'text', text: 'solo' } }];
    expect(recordFromXmp(props, 'png')?.tags).toEqual(['solo']);
  });
});
